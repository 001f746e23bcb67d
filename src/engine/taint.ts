import type { LanguageSpec, SyntaxNode } from '../languages/language.js';
import { namedChildrenWithoutComments } from '../languages/language.js';
import { enclosingFunction } from './scope.js';
import { allAssignments, assignmentsOf, assignmentsTo, type RawAssignment } from './value.js';
import { FunctionFlow } from './flow.js';
import { nodeIdsMatching } from './node-set.js';

/** One step of a taint path: where untrusted data came from, where it went, where it was used. */
export interface TaintStep {
  kind: 'source' | 'step' | 'sink';
  line: number;
  column: number;
  text: string;
}

/** A rule's taint specification for one language, as ast-grep rules. */
export interface TaintSpec {
  sources: Record<string, unknown>[];
  sanitizers: Record<string, unknown>[];
  /** Calls that put their argument into the receiver: `sb.append(x)`, `list.add(x)`, `map.put(k, x)`. */
  propagators: { method: string; keyed: boolean }[];
}

const MAX_DEPTH = 10;

function step(node: SyntaxNode, kind: TaintStep['kind']): TaintStep {
  const { start } = node.range();
  return { kind, line: start.line + 1, column: start.column + 1, text: node.text().split('\n')[0]!.trim().slice(0, 120) };
}

/**
 * Intraprocedural taint: decides whether `node` may carry data from a source at the place it is used,
 * following local assignments (the last one before the use), string building, calls on tainted values,
 * and propagator calls (`append`, `add`, `put` with constant keys kept apart). Returns the path, or
 * undefined when the value is untainted or passes a sanitizer.
 */
export class TaintTracker {
  private readonly memo = new Map<string, TaintStep[] | null>();
  /** Per function: its calls on named receivers, found once (a scan asks for them per variable). */
  private readonly callsByScope = new Map<number, { node: SyntaxNode; receiver: string; method: string; args: SyntaxNode[]; start: number; end: number }[]>();
  private readonly assignmentsByScope = new Map<string, ReturnType<typeof assignmentsTo>>();
  private readonly rawAssignmentsByScope = new Map<number, RawAssignment[]>();

  private sourceIds: Set<number> | undefined;
  private sanitizerIds: Set<number> | undefined;

  constructor(
    private readonly spec: TaintSpec,
    private readonly language: LanguageSpec,
    /** The file's root: sources and sanitizers are found once per file, then looked up by node id. */
    private readonly root: SyntaxNode,
    /** Shared by the taint rules of one file: most share their sources. */
    private readonly matchCache: Map<string, Set<number>> = new Map(),
  ) {}

  private idsMatching(rules: Record<string, unknown>[]): Set<number> {
    const key = JSON.stringify(rules);
    const cached = this.matchCache.get(key);
    if (cached) return cached;
    const ids = nodeIdsMatching(this.root, rules);
    this.matchCache.set(key, ids);
    return ids;
  }

  /** Returns the taint path reaching `node` (evaluated where `node` is), or undefined. */
  taintOf(node: SyntaxNode, depth = 0, scope?: SyntaxNode | null): TaintStep[] | undefined {
    if (depth > MAX_DEPTH) return undefined;

    const key = `${node.id()}`;
    if (this.memo.has(key)) return this.memo.get(key) ?? undefined;
    this.memo.set(key, null); // cycles count as untainted
    // Everything reached from one use lies in the same function: find it once, not per identifier.
    const functionScope = scope !== undefined ? scope : (enclosingFunction(node, this.language) ?? null);
    const result = this.compute(node, depth, functionScope);
    this.memo.set(key, result ?? null);
    return result;
  }

  private compute(node: SyntaxNode, depth: number, scope: SyntaxNode | null): TaintStep[] | undefined {
    this.sanitizerIds ??= this.idsMatching(this.spec.sanitizers);
    this.sourceIds ??= this.idsMatching(this.spec.sources);
    if (this.sanitizerIds.has(node.id())) return undefined;
    if (this.sourceIds.has(node.id())) return [step(node, 'source')];
    if (this.language.identifierKinds.includes(node.kind())) return this.taintOfVariable(node, depth, scope);
    if (this.language.complexity.ternaryKinds.includes(node.kind())) {
      // `a if cond else b` / `cond ? a : b`: when the condition folds to a constant only one side can run.
      const chosen = scope ? this.flowOf(scope).chosenBranch(node, namedChildrenWithoutComments(node)) : undefined;
      if (chosen) return this.taintOf(chosen, depth + 1, scope);
    }
    const keyed = this.keyedRead(node, depth, scope);
    if (keyed !== undefined) return keyed || undefined;
    for (const child of namedChildrenWithoutComments(node)) {
      const path = this.taintOf(child, depth + 1, scope);
      if (path) return path;
    }
    return undefined;
  }

  /** `map.get("k")` / `map["k"]` with a constant key: tainted only if that key was. Returns false when known clean. */
  private keyedRead(node: SyntaxNode, depth: number, scope: SyntaxNode | null): TaintStep[] | false | undefined {
    const access = this.keyedAccess(node);
    if (!access) return undefined;
    const writes = this.keyedWrites(access.receiver, node, scope).filter((w) => w.key === access.key || w.key === undefined);
    const last = writes[writes.length - 1];
    if (!last) return this.taintOfVariable(access.receiver, depth, scope) ?? false;
    const path = this.taintOf(last.value, depth + 1, scope);
    return path ? [...path, step(last.node, 'step')] : false;
  }

  private keyedAccess(node: SyntaxNode): { receiver: SyntaxNode; key: string } | undefined {
    const kind = node.kind();
    const callee = node.field('function') ?? (kind === 'method_invocation' ? node : null);
    let receiver: SyntaxNode | null = null;
    let method: string | undefined;
    let args: SyntaxNode[] = [];
    if (kind === 'method_invocation') {
      receiver = node.field('object');
      method = node.field('name')?.text();
      args = node.field('arguments')?.namedChildren() ?? [];
    } else if (callee && (callee.kind() === 'attribute' || callee.kind() === 'member_expression' || callee.kind() === 'selector_expression')) {
      receiver = callee.field('object') ?? callee.field('operand');
      method = (callee.field('attribute') ?? callee.field('property') ?? callee.field('field'))?.text();
      args = node.field('arguments')?.namedChildren() ?? [];
    } else if (kind === 'subscript' || kind === 'subscript_expression') {
      receiver = node.field('value') ?? node.field('object');
      const index = node.field('subscript') ?? node.field('index');
      const isVariable = receiver && this.language.identifierKinds.includes(receiver.kind());
      if (isVariable && index && this.isConstantKey(index)) return { receiver: receiver!, key: index.text() };
      return undefined;
    }
    if (!receiver || !this.language.identifierKinds.includes(receiver.kind())) return undefined;
    if (method !== 'get' && method !== 'getOrDefault' && method !== 'pop') return undefined;
    const key = args[0];
    return key && this.isConstantKey(key) ? { receiver, key: key.text() } : undefined;
  }

  private isConstantKey(node: SyntaxNode): boolean {
    return this.language.stringKinds.includes(node.kind()) || this.language.constantKinds.includes(node.kind());
  }

  /** Keyed writes to `receiver` before `before`: `m.put("k", v)`, `m["k"] = v`; key undefined when not constant. */
  private keyedWrites(receiver: SyntaxNode, before: SyntaxNode, functionScope: SyntaxNode | null): { node: SyntaxNode; key: string | undefined; value: SyntaxNode }[] {
    const scope = functionScope ?? before.getRoot().root();
    const name = receiver.text();
    const limit = before.range().start.index;
    const writes: { node: SyntaxNode; key: string | undefined; value: SyntaxNode }[] = [];
    for (const call of this.propagatorCalls(scope, name, limit)) {
      if (!call.keyed) continue;
      writes.push({ node: call.node, key: call.args[0] && this.isConstantKey(call.args[0]) ? call.args[0].text() : undefined, value: call.args[1] ?? call.args[0]! });
    }
    for (const assignment of assignmentsTo(scope, '', this.language, (target) => {
      const kind = target.kind();
      if (kind !== 'subscript' && kind !== 'subscript_expression') return false;
      return (target.field('value') ?? target.field('object'))?.text() === name;
    })) {
      if (assignment.node.range().end.index > limit) continue;
      const target = assignment.target!;
      const index = target.field('subscript') ?? target.field('index');
      writes.push({ node: assignment.node, key: index && this.isConstantKey(index) ? index.text() : undefined, value: assignment.value });
    }
    return writes.sort((a, b) => a.node.range().start.index - b.node.range().start.index);
  }

  private propagatorCalls(scope: SyntaxNode, name: string, limit: number): { node: SyntaxNode; keyed: boolean; args: SyntaxNode[] }[] {
    if (this.spec.propagators.length === 0) return [];
    const found: { node: SyntaxNode; keyed: boolean; args: SyntaxNode[] }[] = [];
    for (const call of this.callsIn(scope)) {
      if (call.end > limit || call.receiver !== name) continue;
      const propagator = this.spec.propagators.find((p) => p.method === call.method);
      if (propagator) found.push({ node: call.node, keyed: propagator.keyed, args: call.args });
    }
    return found;
  }

  private callsIn(scope: SyntaxNode): { node: SyntaxNode; receiver: string; method: string; args: SyntaxNode[]; start: number; end: number }[] {
    const cached = this.callsByScope.get(scope.id());
    if (cached) return cached;
    const methods = new Set(this.spec.propagators.map((p) => p.method));
    const calls: { node: SyntaxNode; receiver: string; method: string; args: SyntaxNode[]; start: number; end: number }[] = [];
    for (const call of scope.findAll({ rule: { any: this.language.complexity.callKinds.map((kind) => ({ kind })) } })) {
      const isJava = call.kind() === 'method_invocation';
      const callee = isJava ? null : call.field('function');
      const method = isJava ? call.field('name')?.text() : (callee?.field('attribute') ?? callee?.field('property') ?? callee?.field('field'))?.text();
      if (!method || !methods.has(method)) continue;
      const receiver = isJava ? call.field('object') : (callee?.field('object') ?? callee?.field('operand') ?? null);
      if (!receiver) continue;
      const { start, end } = call.range();
      calls.push({ node: call, receiver: receiver.text(), method, args: call.field('arguments')?.namedChildren() ?? [], start: start.index, end: end.index });
    }
    this.callsByScope.set(scope.id(), calls);
    return calls;
  }

  private assignmentsIn(scope: SyntaxNode, name: string): ReturnType<typeof assignmentsTo> {
    const key = `${scope.id()}\u0000${name}`;
    let found = this.assignmentsByScope.get(key);
    if (!found) {
      let raw = this.rawAssignmentsByScope.get(scope.id());
      if (!raw) {
        raw = allAssignments(scope, this.language);
        this.rawAssignmentsByScope.set(scope.id(), raw);
      }
      found = assignmentsOf(raw, name, this.language);
      this.assignmentsByScope.set(key, found);
    }
    return found;
  }

  private readonly flows = new Map<number, FunctionFlow>();

  private flowOf(scope: SyntaxNode): FunctionFlow {
    let flow = this.flows.get(scope.id());
    if (!flow) {
      flow = new FunctionFlow(this.language, scope, (name) => this.assignmentsIn(scope, name));
      this.flows.set(scope.id(), flow);
    }
    return flow;
  }

  private taintOfVariable(identifier: SyntaxNode, depth: number, scope: SyntaxNode | null): TaintStep[] | undefined {
    if (!scope) return undefined;
    const name = identifier.text();
    const use = identifier.range().start.index;
    // May-analysis: the value may come from any assignment back to the last one that runs on every path.
    const reaching = this.flowOf(scope).reaching(this.assignmentsIn(scope, name), identifier);
    const last = reaching[0];
    let path: TaintStep[] | undefined;
    for (const assignment of reaching) {
      const value = this.taintOf(assignment.value, depth + 1, scope);
      if (value) {
        path = [...value, step(assignment.node, 'step')];
        break;
      }
    }
    // Appends after the last assignment (`sb.append(x)`, `args.add(x)`) carry their argument's taint.
    const since = last ? last.node.range().end.index : 0;
    for (const call of this.propagatorCalls(scope, name, use)) {
      if (call.keyed || call.node.range().start.index < since) continue;
      for (const arg of call.args) {
        const argPath = this.taintOf(arg, depth + 1, scope);
        if (argPath) return [...argPath, step(call.node, 'step')];
      }
    }
    return path;
  }
}
