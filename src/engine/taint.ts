import type { LanguageSpec, SyntaxNode } from '../languages/language.js';
import { namedChildrenWithoutComments } from '../languages/language.js';
import { enclosingFunction } from './scope.js';
import { allAssignments, assignmentsByName, type Assignment, type RawAssignment } from './value.js';
import { FunctionFlow, exits, ifConsequence } from './flow.js';
import { nodeIdsMatching } from './node-set.js';
import { isHeavyEntry, mayMatch } from './anchor.js';
import { callParts, parameterDeclarations, parameterNames, type CallParts } from './call.js';
import type { ProjectContext } from './project.js';
import { calleesOf, callsWithCallees, enclosingClass, parametersOf, type ResolvedCall } from './callees.js';
import { activeBudget } from './budget.js';
import { FileText, type TextCondition } from '../rules/text-condition.js';
import { CONFIDENCES, type Confidence } from '../findings/finding.js';

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
  /**
   * Sources (also listed in `sources`) that are weaker evidence than the rule's own confidence: data the
   * program reads from its own environment, files or database rather than from whoever sends a request.
   */
  weakerSources?: { confidence: Confidence; rule: Record<string, unknown> }[];
  sanitizers: Record<string, unknown>[];
  /** Calls that put their argument into the receiver: `sb.append(x)`, `list.add(x)`, `map.put(k, x)`. */
  propagators: { method: string; keyed: boolean }[];
  /**
   * Checks that reject bad values: conditions binding `$X` (`'..' in $X`) that, as the condition of an `if`
   * whose body leaves (return, raise, throw), clean `$X` for the code after it.
   */
  guards?: Record<string, unknown>[];
  /**
   * Checks that pass only good values: conditions binding `$X` (`is_numeric($X)`) that, as the condition of an
   * `if` (alone or joined by `and`), clean the expression `$X` inside the `if`'s body.
   */
  validators?: Record<string, unknown>[];
  /**
   * Origin mode, for pattern rules: instead of named sources, anything this function cannot account for
   * (its parameters, fields, results of functions defined elsewhere called without local data) counts as
   * tainted. A value that is clean in this mode is provably built from constants.
   */
  unknownIsSource?: boolean;
  /**
   * Origin mode only: the function's parameters and its object's fields count as accounted for. A value
   * unexplained in plain origin mode but explained here comes only from the callers, which this function
   * cannot judge (a library API whose purpose is the sink).
   */
  callersExplained?: boolean;
  /** What the text needs for each entry of the lists to occur (rules/text-condition.ts); absent: search them all. */
  conditions?: { sources: (TextCondition | null)[]; sanitizers: (TextCondition | null)[]; guards: (TextCondition | null)[] };
}

// `x[k]`: Python's and JavaScript's subscripts, Java's array access.
const SUBSCRIPT_KINDS = new Set(['subscript', 'subscript_expression', 'array_access']);

const MEMBER_ACCESS_KINDS = new Set(['attribute', 'field_access', 'member_expression', 'selector_expression', 'member_access_expression', 'navigation_expression', 'scoped_identifier', 'field_expression']);

// Counts hops through variables and collections, not syntax nesting: a deep expression is not a long path.
const MAX_DEPTH = 24;
// Closures nested deeper than this read their variables' values as unknown.
const MAX_CAPTURE_LEVELS = 6;

/** What a function defined in the file does with taint: returns a source of its own, or passes arguments through. */
interface FunctionSummary {
  /** The path inside the function when it returns source data whatever its arguments. */
  source: TaintStep[] | undefined;
  /** Indexes of the parameters whose taint reaches a returned value (sanitizers applied). */
  passes: Set<number>;
  /** Names of the function's parameters, to line them up with a call's arguments. */
  parameters: string[];
}

/** Facts about one file that every taint rule shares: matched node ids and the functions defined in it. */
export class TaintFileContext {
  private readonly matchCache = new Map<string, Set<number>>();
  private functions: Map<string, SyntaxNode[]> | undefined;

  constructor(
    readonly root: SyntaxNode,
    readonly language: LanguageSpec,
    /** The file's text, indexed: a list entry whose words the file lacks is never compiled. */
    readonly text: FileText,
    /** The rest of the project, when known: calls on its classes go through their summaries. */
    readonly project?: ProjectContext,
  ) {}

  /** Functions and methods defined in this file with this name. */
  functionsNamed(name: string): SyntaxNode[] {
    if (!this.functions) {
      this.functions = new Map();
      for (const fn of this.root.findAll({ rule: { any: this.language.functionKinds.map((kind) => ({ kind })) } })) {
        const fnName = this.language.functionName(fn);
        if (!fnName) continue;
        const list = this.functions.get(fnName) ?? [];
        list.push(fn);
        this.functions.set(fnName, list);
      }
    }
    return this.functions.get(name) ?? [];
  }
  /** Ids of the nodes matching any of `rules`, searched once per file: taint rules often share their lists. */
  idsMatching(rules: Record<string, unknown>[], conditions?: (TextCondition | null)[]): Set<number> {
    // ast-grep compiles every pattern on every search: leave out the entries whose words the file lacks.
    const present = this.text.narrow(rules, conditions);
    const key = JSON.stringify(present);
    let ids = this.matchCache.get(key);
    if (!ids) {
      // Entries heavy with regexes are searched alone, once per file whichever lists hold them, and only when
      // their anchor occurs (engine/anchor.ts); the rest in one search, as each search walks the whole tree.
      const heavy = present.filter(isHeavyEntry);
      ids = nodeIdsMatching(this.root, present.filter((rule) => !heavy.includes(rule)));
      for (const rule of heavy) for (const id of this.entryIds(rule)) ids.add(id);
      this.matchCache.set(key, ids);
    }
    return ids;
  }

  private readonly entryCache = new Map<string, Set<number>>();

  private entryIds(rule: Record<string, unknown>): Set<number> {
    const key = JSON.stringify(rule);
    let ids = this.entryCache.get(key);
    if (!ids) {
      ids = mayMatch(this.root, { rule }, rule) ? nodeIdsMatching(this.root, [rule]) : new Set();
      this.entryCache.set(key, ids);
    }
    return ids;
  }

  private readonly imports = new Map<string, string | undefined>();

  /** The module `name` was imported from in this file (`from m import name`), looked up once per name. */
  moduleOf(name: string): string | undefined {
    if (!this.imports.has(name)) this.imports.set(name, this.language.importedFrom?.(name, this.root));
    return this.imports.get(name);
  }

  private readonly parts = new Map<number, CallParts | null>();

  /** `callParts` of a node, found once per file (taint asks for the same call many times). */
  partsOf(node: SyntaxNode): CallParts | undefined {
    const id = node.id();
    let found = this.parts.get(id);
    if (found === undefined) {
      found = callParts(node, this.language) ?? null;
      this.parts.set(id, found);
    }
    return found ?? undefined;
  }

  private readonly calls = new Map<number, CallSite[]>();

  /** Every method call in `scope` on a named receiver, found once per scope. */
  callsIn(scope: SyntaxNode): CallSite[] {
    let calls = this.calls.get(scope.id());
    if (!calls) {
      calls = [];
      for (const call of scope.findAll({ rule: { any: this.language.complexity.callKinds.map((kind) => ({ kind })) } })) {
        const parts = this.partsOf(call);
        if (!parts?.name || !parts.receiver) continue;
        const { start, end } = call.range();
        calls.push({ node: call, receiver: parts.receiver.text(), method: parts.name, args: parts.args, start: start.index, end: end.index });
      }
      this.calls.set(scope.id(), calls);
    }
    return calls;
  }

  private readonly allCalls = new Map<number, SyntaxNode[]>();

  /** Every call in `scope`, nested functions included, found once per scope. */
  callsOf(scope: SyntaxNode): SyntaxNode[] {
    let calls = this.allCalls.get(scope.id());
    if (!calls) {
      calls = scope.findAll({ rule: { any: this.language.complexity.callKinds.map((kind) => ({ kind })) } });
      this.allCalls.set(scope.id(), calls);
    }
    return calls;
  }

  private readonly assignmentIndex = new Map<number, Map<string, Assignment[]>>();

  /** Assignments to `name` in `scope`, in source order. */
  assignmentsIn(scope: SyntaxNode, name: string): Assignment[] {
    let index = this.assignmentIndex.get(scope.id());
    if (!index) {
      index = assignmentsByName(this.ownAssignments(scope), this.language);
      this.assignmentIndex.set(scope.id(), index);
    }
    return index.get(name) ?? [];
  }

  private readonly flows = new Map<number, FunctionFlow>();

  /** Branch facts of one function, shared by every rule's tracker. */
  flowOf(scope: SyntaxNode): FunctionFlow {
    let flow = this.flows.get(scope.id());
    if (!flow) {
      flow = new FunctionFlow(this.language, scope, (name) => this.assignmentsIn(scope, name));
      this.flows.set(scope.id(), flow);
    }
    return flow;
  }

  private readonly subscripts = new Map<number, { receiver: string | undefined; index: SyntaxNode | null; node: SyntaxNode; value: SyntaxNode; end: number }[]>();

  /** Assignments to `x[k]` in `scope`, found once per scope. */
  subscriptWrites(scope: SyntaxNode): { receiver: string | undefined; index: SyntaxNode | null; node: SyntaxNode; value: SyntaxNode; end: number }[] {
    let writes = this.subscripts.get(scope.id());
    if (!writes) {
      writes = [];
      for (const assignment of this.ownAssignments(scope)) {
        const target = assignment.target;
        const kind = target.kind();
        if (!SUBSCRIPT_KINDS.has(kind)) continue;
        const { receiver, index } = subscriptParts(target);
        writes.push({ receiver: receiver?.text(), index, node: assignment.node, value: assignment.value, end: assignment.node.range().end.index });
      }
      this.subscripts.set(scope.id(), writes);
    }
    return writes;
  }

  private readonly members = new Map<number, { object: string; node: SyntaxNode; value: SyntaxNode; start: number; end: number }[]>();

  /** Assignments to a member of a named object in `scope` (`box.value = v`), found once per scope. */
  memberWrites(scope: SyntaxNode): { object: string; node: SyntaxNode; value: SyntaxNode; start: number; end: number }[] {
    let writes = this.members.get(scope.id());
    if (!writes) {
      writes = [];
      for (const assignment of this.ownAssignments(scope)) {
        if (!MEMBER_ACCESS_KINDS.has(assignment.target.kind())) continue;
        const object = namedChildrenWithoutComments(assignment.target)[0];
        if (!object || !this.language.identifierKinds.includes(object.kind())) continue;
        const { start, end } = assignment.node.range();
        writes.push({ object: object.text(), node: assignment.node, value: assignment.value, start: start.index, end: end.index });
      }
      this.members.set(scope.id(), writes);
    }
    return writes;
  }

  private readonly fields = new Map<string, RawAssignment[]>();
  private readonly classes = new Map<number, { owner: SyntaxNode; declared: Set<string> } | null>();

  /** The class around `scope` with the names its field declarations mention, found once per scope. */
  private classFields(scope: SyntaxNode): { owner: SyntaxNode; declared: Set<string> } | undefined {
    let found = this.classes.get(scope.id());
    if (found === undefined) {
      const owner = enclosingClass(scope);
      // Java's and C#'s field declarations, directly in the class body.
      const members = owner?.field('body')?.children().filter((member) => member.kind() === 'field_declaration') ?? [];
      found = owner ? { owner, declared: new Set(members.flatMap((member) => identifiersIn(member))) } : null;
      this.classes.set(scope.id(), found);
    }
    return found ?? undefined;
  }

  /**
   * Assignments to the field `name` of the class around `scope` made in the class's other methods (`name =
   * v` where no local or parameter hides it, `this.name = v`) and in its declaration; empty when the class
   * declares no such field.
   */
  fieldWrites(scope: SyntaxNode, name: string): RawAssignment[] {
    const fields = this.classFields(scope);
    if (!fields?.declared.has(name)) return [];
    const { owner } = fields;
    const key = `${owner.id()}:${name}`;
    let writes = this.fields.get(key);
    if (!writes) {
      writes = [];
      for (const a of allAssignments(owner, this.language)) {
        const fn = enclosingFunction(a.node, this.language);
        if (fn && enclosingClass(fn)?.id() !== owner.id()) continue;
        const target = a.target;
        const isThisField = MEMBER_ACCESS_KINDS.has(target.kind()) && target.text() === `this.${name}`;
        const isBare = target.text() === name && a.node.parent()?.kind() !== 'local_variable_declaration';
        if (!isThisField && !isBare) continue;
        // In a method that declares a local or parameter of that name, a bare name is that local.
        if (isBare && fn && (parameterNames(fn, this.language).includes(name) || allAssignments(fn, this.language).some((b) => b.target.text() === name && b.node.parent()?.kind() === 'local_variable_declaration'))) continue;
        writes.push(a);
      }
      this.fields.set(key, writes);
    }
    return writes;
  }

  /** The assignments of `scope`; at file level (a script) without those inside the file's functions. */
  private ownAssignments(scope: SyntaxNode): RawAssignment[] {
    return scope.id() === this.root.id() ? this.fileLevelAssignments() : allAssignments(scope, this.language);
  }

  private fileLevel: RawAssignment[] | undefined;

  /** Assignments outside any function: module constants and fields. */
  fileLevelAssignments(): RawAssignment[] {
    this.fileLevel ??= allAssignments(this.root, this.language).filter((a) => !enclosingFunction(a.node, this.language));
    return this.fileLevel;
  }
}

/** A method call on a named receiver: `receiver.method(args)`. */
interface CallSite {
  node: SyntaxNode;
  receiver: string;
  method: string;
  args: SyntaxNode[];
  start: number;
  end: number;
}

/** The values a closure reads from an enclosing function: its assignments there, that function, and the closure as it sits in it. */
interface Capture {
  assignments: Assignment[];
  outer: SyntaxNode;
  closure: SyntaxNode;
}

/** How a rule's sinks are found and judged in a file; the matcher knows the rule's sink patterns. */
export interface SinkFinder {
  /** The rule's sink nodes whose innermost function is `fn`, in `file`. */
  sinksIn(file: TaintFileContext, fn: SyntaxNode): SyntaxNode[];
  /** The taint path reaching `sink` as `tracker` sees it, at any of the sink's positions. */
  taintAt(sink: SyntaxNode, tracker: TaintTracker): TaintStep[] | undefined;
}

/** While a summary is computed: the function, the parameter treated as a source, and summaries in progress. */
interface SummaryContext {
  fn: SyntaxNode;
  taintedParameter: string | undefined;
}

function step(node: SyntaxNode, kind: TaintStep['kind']): TaintStep {
  const { start } = node.range();
  return { kind, line: start.line + 1, column: start.column + 1, text: node.text().split('\n')[0]!.trim().slice(0, 120) };
}

// The steps made at a node one of the rule's sources matched, each with the lower confidence of the weaker
// source it matched (null for a full-strength source): a finding's confidence follows where its data began.
const sourceSteps = new WeakMap<TaintStep, Confidence | null>();

/** The path when it starts at a summarised function's tainted parameter, not at one of the rule's sources. */
function fromParameter(path: TaintStep[] | undefined): TaintStep[] | undefined {
  return path !== undefined && !sourceSteps.has(path[0]!) ? path : undefined;
}

/**
 * The confidence a finding whose data follows `path` can have: that of the weaker source the path starts
 * at, or undefined when it starts at one of the rule's full-strength sources (or is no source's).
 */
export function sourceConfidence(path: readonly TaintStep[]): Confidence | undefined {
  return (path[0] && sourceSteps.get(path[0])) ?? undefined;
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

  private sourceIds: Set<number> | undefined;
  private readonly parameterCache = new Map<number, { name: string; node: SyntaxNode }[]>();
  private readonly parameterSources = new Map<string, SyntaxNode | null>();
  private sanitizerIds: Set<number> | undefined;

  readonly language: LanguageSpec;
  /** The rule's propagators plus the language's own collection methods (`list.add`, `map.put`). */
  private readonly propagators: { method: string; keyed: boolean }[];

  constructor(
    private readonly spec: TaintSpec,
    /** Shared by the taint rules of one file: most share their sources, all share the file's functions. */
    readonly file: TaintFileContext,
    /** Summaries of the file's functions for this spec, shared with the trackers that compute them. */
    private readonly summaries: Map<number, FunctionSummary | 'pending'> = new Map(),
    private readonly summaryContext?: SummaryContext,
    /** The tracker without a summary context, whose answers a summary's own run can reuse. */
    private readonly rootTracker?: TaintTracker,
  ) {
    this.language = file.language;
    const own = new Set(spec.propagators.map((p) => p.method));
    this.propagators = [...spec.propagators, ...(file.language.collectionMethods ?? []).filter((p) => !own.has(p.method))];
  }

  private idsMatching(list: 'sources' | 'sanitizers'): Set<number> {
    return this.file.idsMatching(this.spec[list], this.spec.conditions?.[list]);
  }

  private weakerIds: { confidence: Confidence; ids: Set<number> }[] | undefined;

  /** The step of a node a source matched, marked with the confidence of the weakest source that matches it. */
  private sourceStep(node: SyntaxNode): TaintStep {
    const made = step(node, 'source');
    // Each weaker confidence's entries are searched once per file, with the rule's text conditions.
    this.weakerIds ??= CONFIDENCES.map((confidence) => {
      const entries = (this.spec.weakerSources ?? []).filter((weaker) => weaker.confidence === confidence).map((weaker) => weaker.rule);
      const conditions = this.spec.conditions?.sources;
      const ids = entries.length === 0 ? new Set<number>() : this.file.idsMatching(entries, conditions && entries.map((entry) => conditions[this.spec.sources.indexOf(entry)] ?? null));
      return { confidence, ids };
    }).filter(({ ids }) => ids.size > 0);
    const weakest = this.weakerIds.filter(({ ids }) => ids.has(node.id())).at(-1);
    sourceSteps.set(made, weakest?.confidence ?? null);
    return made;
  }

  /** The root of the file this tracker follows. */
  get root(): SyntaxNode {
    return this.file.root;
  }

  /** False when the file holds no source at all: no sink in it can be tainted (origin mode aside). */
  canTaint(): boolean {
    this.sourceIds ??= this.idsMatching('sources');
    return this.sourceIds.size > 0 || this.spec.unknownIsSource === true;
  }

  /** The taint reaching a sink the rule matched: at `$SINK` when it binds one, else at what goes into the call. */
  sinkTaint(sink: SyntaxNode): TaintStep[] | undefined {
    const bound = sink.getMatch('SINK');
    return bound ? this.taintOf(bound) : this.taintOfSink(sink);
  }

  /**
   * The taint reaching a sink that binds no `$SINK` (the whole call is the sink): what goes into it. A call
   * that is also a source (`new FileInputStream(f)` reads a file) is not fed by its own result.
   */
  taintOfSink(node: SyntaxNode): TaintStep[] | undefined {
    this.sourceIds ??= this.idsMatching('sources');
    if (!this.sourceIds.has(node.id())) return this.taintOf(node);
    for (const child of namedChildrenWithoutComments(node)) {
      const path = this.taintOf(child);
      if (path) return path;
    }
    return undefined;
  }

  /** Returns the taint path reaching `node` (evaluated where `node` is), or undefined. */
  taintOf(node: SyntaxNode, depth = 0, scope?: SyntaxNode | null): TaintStep[] | undefined {
    if (depth > MAX_DEPTH) return undefined;
    // A file without a single source cannot taint anything (parameters are not sources; origin mode aside).
    this.sourceIds ??= this.idsMatching('sources');
    if (this.sourceIds.size === 0 && !this.spec.unknownIsSource && !this.summaryContext) return undefined;

    const key = `${node.id()}`;
    if (this.memo.has(key)) return this.memo.get(key) ?? undefined;
    this.memo.set(key, null); // cycles count as untainted
    // Everything reached from one use lies in the same function: find it once, not per identifier.
    // Code outside any function (a script, a PHP page, statements an assistant answered with) is its own scope.
    const functionScope = scope !== undefined ? scope : (enclosingFunction(node, this.language) ?? this.file.root);
    // Following a nested expression recurses once per level: the budget bounds that depth and the work.
    const budget = activeBudget();
    budget.enter();
    let result: TaintStep[] | undefined;
    try {
      result = this.compute(node, depth, functionScope);
    } finally {
      budget.leave();
    }
    this.memo.set(key, result ?? null);
    return result;
  }

  private compute(node: SyntaxNode, depth: number, scope: SyntaxNode | null): TaintStep[] | undefined {
    this.sanitizerIds ??= this.idsMatching('sanitizers');
    this.sourceIds ??= this.idsMatching('sources');
    if (this.sanitizerIds.has(node.id())) return undefined;
    if (this.sourceIds.has(node.id())) return [this.sourceStep(node)];
    const kind = node.kind();
    if (scope && this.isValidated(node, scope)) return undefined;
    if (this.language.constantKinds.includes(kind)) return undefined;
    if (this.language.identifierKinds.includes(kind)) return this.taintOfVariable(node, depth, scope);
    const isTernary = this.language.complexity.ternaryKinds.includes(kind);
    if (isTernary || this.language.complexity.ifKinds.includes(kind)) {
      // `a if cond else b` / `cond ? a : b`: when the condition folds to a constant only one side can run.
      const parts = namedChildrenWithoutComments(node);
      const chosen = isTernary && scope ? this.flowOf(scope).chosenBranch(node, parts) : undefined;
      if (chosen) return this.taintOf(chosen, depth, scope);
      // The condition only picks a branch: `params[:next] ? new_path : index_path`, or Rust's
      // `let s = if let Some(n) = q.get("n") { render(..) } else { .. }`, holds no request data. PHP's
      // `$a ?: 'x'` has no consequence: there the condition is the value.
      const condition = node.field('condition') ?? (this.language.id === 'python' ? parts[1] : undefined);
      const hasConsequence = this.language.id === 'python' || (node.field('consequence') ?? node.field('body')) !== null;
      if (condition && hasConsequence) {
        for (const part of parts) {
          const path = part.id() === condition.id() ? undefined : this.taintOf(part, depth, scope);
          if (path) return path;
        }
        return undefined;
      }
    }
    if (this.language.comprehensionKinds?.includes(kind)) {
      // `[quote(c) for c in names]`: the elements are what the element expression makes of each name bound.
      const body = node.field('body');
      return body ? this.taintOf(body, depth, scope) : undefined;
    }
    if (this.language.implicitReturn && this.language.blockKinds.includes(kind)) {
      // A block used as a value is its last expression; earlier statements reach it only through variables.
      const last = namedChildrenWithoutComments(node).at(-1);
      return last ? this.taintOf(last, depth, scope) : undefined;
    }
    const keyed = this.keyedRead(node, depth, scope);
    if (keyed !== undefined) return keyed || undefined;
    // Before any summary: the project may hold the module's own source (a scan of the standard library).
    if (this.spec.unknownIsSource && this.isProgramValue(node)) return undefined;
    const summarized = this.callThroughSummary(node, depth, scope);
    if (summarized !== undefined) return summarized || undefined;
    if (this.spec.unknownIsSource) {
      const origin = this.unknownOrigin(node, depth, scope);
      if (origin !== undefined) return origin || undefined;
    }
    for (const child of namedChildrenWithoutComments(node)) {
      const path = this.taintOf(child, depth, scope);
      if (path) return path;
    }
    return undefined;
  }

  /** `map.get("k")` / `map["k"]` with a constant key: tainted only if that key was. Returns false when known clean. */
  private keyedRead(node: SyntaxNode, depth: number, scope: SyntaxNode | null): TaintStep[] | false | undefined {
    const access = this.keyedAccess(node);
    // `$_GET['id']`: a key of a source is read from the source itself.
    if (!access || this.sourceIds?.has(access.receiver.id())) return undefined;
    const element = scope && access.keys.length === 1 ? this.listElement(access.receiver, access.keys[0]!, node, scope) : undefined;
    if (element !== undefined) {
      const path = element ? this.taintOf(element, depth + 1, scope) : undefined;
      return path ? [...path, step(node, 'step')] : false;
    }
    // A write under (section, key) is read back by get(section, key); get(key, default) reads a one-part key.
    const writes = this.keyedWrites(access.receiver, node, scope).filter((w) => w.key === undefined || w.key.join('\u0000') === access.keys.slice(0, w.key.length).join('\u0000'));
    const last = writes[writes.length - 1];
    // No write under this key: only what was put in without a key (appends, the initial value) can be read.
    if (!last) return this.taintOfVariable(access.receiver, depth, scope, false) ?? false;
    const path = this.taintOf(last.value, depth + 1, scope);
    return path ? [...path, step(last.node, 'step')] : false;
  }

  /** `m.get("k")`, `conf.get("sec", "k")`, `m["k"]` on a local collection: its receiver and constant key parts. */
  private keyedAccess(node: SyntaxNode): { receiver: SyntaxNode; keys: string[] } | undefined {
    const kind = node.kind();
    if (SUBSCRIPT_KINDS.has(kind)) {
      const { receiver, index } = subscriptParts(node);
      const isVariable = receiver && this.language.identifierKinds.includes(receiver.kind());
      return isVariable && index && this.isConstantKey(index) ? { receiver: receiver!, keys: [index.text()] } : undefined;
    }
    const parts = this.file.partsOf(node);
    if (!parts?.receiver || !parts.name || !this.language.identifierKinds.includes(parts.receiver.kind())) return undefined;
    if (!/^(get|getOrDefault|pop|getProperty)$/.test(parts.name)) return undefined;
    const keys: string[] = [];
    for (const arg of parts.args) {
      if (!this.isConstantKey(arg)) break;
      keys.push(arg.text());
    }
    return keys.length > 0 ? { receiver: parts.receiver, keys } : undefined;
  }

  /**
   * A call to a function defined in this file: tainted when the function returns source data itself, or
   * when an argument it passes through to its result is. Returns false when known clean, undefined for
   * calls to functions defined elsewhere (their result is as tainted as anything given to them).
   */
  private callThroughSummary(node: SyntaxNode, depth: number, scope: SyntaxNode | null): TaintStep[] | false | undefined {
    const parts = this.file.partsOf(node);
    if (!parts?.name) return undefined;
    const candidates = this.callees(node, parts, scope);
    if (candidates.length === 0) return undefined;
    let matched = false;
    for (const { fn, tracker } of candidates) {
      const summary = tracker.summaryOf(fn);
      if (!summary) continue;
      // A method's `self`/`this` parameter is the receiver, not the first argument.
      const offset = parts.receiver && summary.parameters.length === parts.args.length + 1 && /^(self|cls)$/.test(summary.parameters[0] ?? '') ? 1 : 0;
      if (summary.parameters.length - offset < parts.args.length && !summary.parameters.some((p) => p.startsWith('*'))) continue;
      matched = true;
      if (summary.source) return [...summary.source, step(node, 'step')];
      for (const index of summary.passes) {
        const arg = parts.args[index - offset];
        const path = arg ? this.taintOf(arg, depth + 1, scope) : undefined;
        if (path) return [...path, step(node, 'step')];
      }
    }
    return matched ? false : undefined;
  }

  /** The functions of this file, or else of the project's other files, a call may reach, each with the tracker of its file. */
  private callees(call: SyntaxNode, parts: CallParts, scope: SyntaxNode | null): { fn: SyntaxNode; tracker: TaintTracker }[] {
    return calleesOf(this.file, call, parts, scope).map(({ fn, file }) => ({ fn, tracker: file === this.file ? this : trackerFor(this.spec, file) }));
  }

  /** Parameter-to-sink paths, shared like the summaries by every tracker of this rule and file. */
  private get parameterSinks(): Map<string, TaintStep[] | null | 'pending'> {
    let memo = parameterSinkMemos.get(this.summaries);
    if (!memo) parameterSinkMemos.set(this.summaries, (memo = new Map()));
    return memo;
  }

  /**
   * The path from parameter `index` of `fn` (a function of this tracker's file) to a sink of the rule: one
   * inside `fn`, or one inside a function `fn` hands the value to. Undefined when the value reaches none.
   */
  parameterSink(fn: SyntaxNode, index: number, finder: SinkFinder): TaintStep[] | undefined {
    const key = `${fn.id()}:${index}`;
    const known = this.parameterSinks.get(key);
    if (known === 'pending') return undefined; // recursion: judged by the other paths
    if (known !== undefined) return known ?? undefined;
    this.parameterSinks.set(key, 'pending');
    const name = parametersOf(this.file, fn)[index];
    let path: TaintStep[] | undefined;
    // Nothing to follow in a function with neither a sink nor a call into the file's or the project's functions.
    const sinks = finder.sinksIn(this.file, fn);
    const calls = callsWithCallees(this.file).some((resolved) => resolved.scope.id() === fn.id());
    if (name && (sinks.length > 0 || calls)) {
      const root = this.rootTracker ?? (this.summaryContext ? undefined : this);
      const tracker = new TaintTracker(this.spec, this.file, this.summaries, { fn, taintedParameter: name }, root);
      for (const sink of sinks) {
        // The parameter's own value, not a source inside the function (that one is reported where it is).
        const reached = fromParameter(finder.taintAt(sink, tracker));
        if (reached) {
          path = [...reached, step(sink, 'sink')];
          break;
        }
      }
      if (calls) path ??= tracker.callsReachingSinks(fn, finder, true, true)[0]?.path;
    }
    this.parameterSinks.set(key, path ?? null);
    return path;
  }

  /**
   * Calls in `scope` (the whole file at its root) that hand tainted data to a function of the file or the
   * project whose parameter reaches a sink: each call with the path from the source through the call to
   * the sink. Steps inside another file are summed up in the sink step, whose line is the call's. With
   * `parameterOnly`, only data from the summarised parameter counts, not a source inside the function.
   */
  callsReachingSinks(scope: SyntaxNode, finder: SinkFinder, firstOnly = false, parameterOnly = false): { call: SyntaxNode; path: TaintStep[] }[] {
    const found: { call: SyntaxNode; path: TaintStep[] }[] = [];
    const atRoot = scope.id() === this.file.root.id();
    for (const resolved of callsWithCallees(this.file)) {
      if (!atRoot && resolved.scope.id() !== scope.id()) continue;
      const path = this.throughCall(resolved, finder, parameterOnly);
      if (!path) continue;
      found.push({ call: resolved.call, path });
      if (firstOnly) break;
    }
    return found;
  }

  private throughCall({ call, scope, callees }: ResolvedCall, finder: SinkFinder, parameterOnly: boolean): TaintStep[] | undefined {
    const parts = this.file.partsOf(call)!;
    for (const { fn, file, parameters } of callees) {
      const tracker = file === this.file ? this : trackerFor(this.spec, file);
      const offset = parts.receiver && parameters.length === parts.args.length + 1 && /^(self|cls)$/.test(parameters[0] ?? '') ? 1 : 0;
      if (parameters.length - offset < parts.args.length && !parameters.some((p) => p.startsWith('*'))) continue;
      for (let index = 0; index < parts.args.length; index++) {
        // The callee's side first: it is known once per function, and most parameters reach no sink.
        const inner = tracker.parameterSink(fn, index + offset, finder);
        if (!inner) continue;
        const argPath = this.taintOf(parts.args[index]!, 0, scope);
        if (!argPath || (parameterOnly && !fromParameter(argPath))) continue;
        const sink = inner[inner.length - 1]!;
        const rest = tracker.file === this.file ? inner.map((s, i) => (i === 0 ? { ...s, kind: 'step' as const } : s)) : [{ ...step(call, 'sink'), text: `${step(call, 'sink').text} → ${sink.text}` }];
        return [...argPath, step(call, 'step'), ...rest];
      }
    }
    return undefined;
  }

  /** The summary of a function of this tracker's file. */
  summaryOf(fn: SyntaxNode): FunctionSummary | undefined {
    const known = this.summaries.get(fn.id());
    if (known === 'pending') return undefined; // recursion: the call is judged like an unknown one
    if (known) return known;
    this.summaries.set(fn.id(), 'pending');
    const parameters = parameterNames(fn, this.language);
    const returned = returnedValues(fn, this.language);
    // With no parameter tainted a summary asks what the root tracker asks (parameters are clean there too),
    // so its answers are shared; origin mode treats parameters differently and needs its own run.
    const root = this.rootTracker ?? (this.summaryContext ? undefined : this);
    const own = root && !this.spec.unknownIsSource ? root : new TaintTracker(this.spec, this.file, this.summaries, { fn, taintedParameter: undefined }, root);
    let source: TaintStep[] | undefined;
    for (const value of returned) {
      source = own.taintOf(value, 0, fn);
      if (source) break;
    }
    const passes = new Set<number>();
    if (!source) {
      parameters.forEach((name, index) => {
        if (!name) return;
        const tracker = new TaintTracker(this.spec, this.file, this.summaries, { fn, taintedParameter: name }, root);
        if (returned.some((value) => tracker.taintOf(value, 0, fn))) passes.add(index);
      });
    }
    const summary = { source, passes, parameters };
    this.summaries.set(fn.id(), summary);
    return summary;
  }

  /**
   * Origin mode: calls and member reads. A call's result depends on its arguments and, when the receiver
   * is local data, on the receiver; any other call of something defined elsewhere (`readName()`,
   * `Config.get("k")`) is unknown. Returns undefined for nodes this does not decide.
   */
  private unknownOrigin(node: SyntaxNode, depth: number, scope: SyntaxNode | null): TaintStep[] | false | undefined {
    const parts = this.file.partsOf(node);
    if (parts) {
      for (const arg of parts.args) {
        const path = this.taintOf(arg, depth, scope);
        if (path) return path;
      }
      if (parts.receiver && this.isLocalData(parts.receiver, scope)) return this.taintOf(parts.receiver, depth, scope) ?? false;
      const callee = parts.receiver ? `${parts.receiver.text()}.${parts.name ?? ''}` : parts.name;
      if (callee && this.language.pureCallees?.test(callee)) return false; // arguments already found clean
      // `input("name")`, `os.getenv("KEY")`, `request.args.get("q")`: constant arguments, data from elsewhere.
      return [step(node, 'source')];
    }
    if (MEMBER_ACCESS_KINDS.has(node.kind())) {
      const children = namedChildrenWithoutComments(node);
      const object = children[0];
      // `self.x` / `this.x`: the object's state, set somewhere else.
      if (object && /^(self|this)$/.test(object.text())) return this.spec.callersExplained ? false : [step(node, 'source')];
      if (object && this.isLocalData(object, scope)) return this.taintOf(object, depth, scope) ?? false;
      if (children.length > 1 && isConstantName(children[children.length - 1]!.text())) return false;
      return [step(node, 'source')];
    }
    return undefined;
  }

  /** A call whose result the program makes itself (`tempfile.mkstemp()`), with no arguments at all: a keyword `suffix=` could carry data. */
  private isProgramValue(node: SyntaxNode): boolean {
    if (!this.language.programValues) return false;
    const parts = this.file.partsOf(node);
    if (!parts) return false;
    const callee = parts.receiver ? `${parts.receiver.text()}.${parts.name ?? ''}` : parts.name;
    return callee !== undefined && this.language.programValues.test(callee) && namedChildrenWithoutComments(node.field('arguments') ?? node).length === 0;
  }

  /** True when `node` is rooted in a local variable or parameter, not a module, class or global name. */
  private isLocalData(node: SyntaxNode, scope: SyntaxNode | null): boolean {
    let root = node;
    while (MEMBER_ACCESS_KINDS.has(root.kind()) || this.file.partsOf(root)?.receiver) {
      const next = MEMBER_ACCESS_KINDS.has(root.kind()) ? namedChildrenWithoutComments(root)[0] : this.file.partsOf(root)?.receiver;
      if (!next) break;
      root = next;
    }
    if (!this.language.identifierKinds.includes(root.kind())) return true; // `new X()`, a literal, `this`
    if (!scope) return false;
    const name = root.text();
    return this.assignmentsIn(scope, name).length > 0 || parameterNames(scope, this.language).includes(name);
  }

  /**
   * A list read at a constant index (`list.get(1)`, `items[0]`) when every operation on the list since it
   * was created is a known one (add/append/push, insert at a constant, remove/pop at a constant): the value
   * stored at that index, or null when nothing is. Undefined when the list's contents cannot be followed.
   */
  private listElement(receiver: SyntaxNode, key: string, read: SyntaxNode, scope: SyntaxNode): SyntaxNode | null | undefined {
    const index = Number(key);
    if (!Number.isInteger(index)) return undefined;
    const name = receiver.text();
    const flow = this.flowOf(scope);
    const reaching = flow.reaching(this.assignmentsIn(scope, name), read);
    const creation = reaching[0];
    if (reaching.length !== 1 || !creation || creation.augmented || flow.isConditional(creation.node, read)) return undefined;
    const items = this.listLiteral(creation.value);
    if (!items) return undefined;
    const from = creation.node.range().end.index;
    const to = read.range().start.index;
    const ops = this.file.callsIn(scope).filter((call) => call.receiver === name && call.start >= from && call.end <= to && !flow.isInDeadBranch(call.node));
    // Any other mention of the list in between (passed to a call, aliased) may change it unseen.
    const mentions = scope.findAll({ rule: { kind: receiver.kind(), regex: `^${name.replace(/[$]/g, '\\$')}$` } }).filter((n) => {
      const at = n.range().start.index;
      return at >= from && at < to;
    });
    if (mentions.length !== ops.length) return undefined;
    for (const op of ops) {
      if (flow.isConditional(op.node, read)) return undefined;
      const arg0 = op.args[0];
      const at = arg0 ? flow.fold(arg0) : undefined;
      switch (op.method) {
        case 'add':
        case 'append':
        case 'push':
        case 'addLast':
          if (op.args.length === 1) items.push(arg0!);
          else if (op.args.length === 2 && typeof at === 'number') items.splice(at, 0, op.args[1]!);
          else return undefined;
          break;
        case 'insert':
          if (op.args.length !== 2 || typeof at !== 'number') return undefined;
          items.splice(at, 0, op.args[1]!);
          break;
        case 'addFirst':
        case 'unshift':
          if (op.args.length !== 1) return undefined;
          items.unshift(arg0!);
          break;
        case 'remove':
        case 'pop':
          if (op.args.length === 0 && op.method === 'pop') items.pop();
          else if (typeof at === 'number' && Number.isInteger(at)) items.splice(at, 1);
          else return undefined;
          break;
        case 'shift':
        case 'removeFirst':
          items.shift();
          break;
        case 'get':
        case 'size':
        case 'isEmpty':
        case 'contains':
        case 'indexOf':
          break;
        default:
          return undefined;
      }
    }
    return items[index < 0 ? items.length + index : index] ?? null;
  }

  /** The elements of a newly created list (`new ArrayList<>()`, `[a, b]`), or undefined for anything else. */
  private listLiteral(value: SyntaxNode): SyntaxNode[] | undefined {
    const kind = value.kind();
    if (kind === 'list' || kind === 'array') return namedChildrenWithoutComments(value);
    if (kind === 'object_creation_expression') {
      const type = value.field('type')?.text() ?? '';
      const args = value.field('arguments')?.namedChildren() ?? [];
      return /(ArrayList|LinkedList|Vector)\b/.test(type) && args.every((arg) => this.isConstantKey(arg)) ? [] : undefined;
    }
    return undefined;
  }


  private readonly guardsByScope = new Map<number, { name: string; statement: SyntaxNode }[]>();

  /** True when an exiting `if` on a guard condition for `name` runs after its last assignment and before `use`. */
  private isGuarded(name: string, use: SyntaxNode, last: { node: SyntaxNode } | undefined, scope: SyntaxNode, flow: FunctionFlow): boolean {
    if (!this.spec.guards?.length) return false;
    let guards = this.guardsByScope.get(scope.id());
    if (!guards) {
      guards = [];
      for (const rule of this.file.text.narrow(this.spec.guards, this.spec.conditions?.guards)) {
        for (const match of scope.findAll({ rule })) {
          const checked = match.getMatch('X');
          const statement = match.ancestors().find((a) => this.language.complexity.ifKinds.includes(a.kind()));
          const condition = statement?.field('condition');
          // Ruby's `return head(:forbidden) unless ok?(x)` keeps what runs in the modifier's body.
          const consequence = statement ? ifConsequence(statement) : null;
          if (!checked || !statement || !condition || !containsNode(condition, match) || !exits(consequence ?? null, this.language)) continue;
          if (!this.onlyDisjunctions(match, condition, checked.text())) continue; // `if bad and other: return` proves nothing
          guards.push({ name: checked.text(), statement });
          // A check on a value parsed from another (`u = urlparse(target)`; `if u.netloc not in ALLOWED: return`)
          // checks that other value too.
          const derived = this.assignmentsIn(scope, checked.text()).filter((a) => a.node.range().end.index <= statement.range().start.index).at(-1);
          const parts = derived ? this.file.partsOf(derived.value) : undefined;
          const source = parts?.args.length === 1 ? parts.args[0]! : undefined;
          if (source && this.language.identifierKinds.includes(source.kind())) guards.push({ name: source.text(), statement });
        }
      }
      this.guardsByScope.set(scope.id(), guards);
    }
    const after = last ? last.node.range().end.index : -1;
    const at = use.range().start.index;
    return guards.some(({ name: guarded, statement }) => {
      const { start, end } = statement.range();
      return guarded === name && start.index >= after && end.index <= at && !flow.isInDeadBranch(statement) && !flow.isConditional(statement, use);
    });
  }

  private readonly validatedByScope = new Map<number, { text: string; body: SyntaxNode }[]>();

  /**
   * True when `node` lies in the body of an `if` whose condition validates that very expression
   * (`if (is_numeric($o[0]) && …) { … $o[0] … }`) and nothing in the body reassigns its variable before it.
   */
  private isValidated(node: SyntaxNode, scope: SyntaxNode): boolean {
    if (!this.spec.validators?.length) return false;
    let validated = this.validatedByScope.get(scope.id());
    if (!validated) {
      validated = [];
      for (const rule of this.spec.validators) {
        for (const match of scope.findAll({ rule })) {
          const checked = match.getMatch('X');
          const statement = match.ancestors().find((a) => this.language.complexity.ifKinds.includes(a.kind()));
          const condition = statement?.field('condition');
          const body = statement ? ifConsequence(statement) : null;
          if (!checked || !condition || !body || !containsNode(condition, match) || !this.onlyJoinedBy(match, condition, /^(and|&&)$/)) continue;
          validated.push({ text: checked.text(), body });
        }
      }
      this.validatedByScope.set(scope.id(), validated);
    }
    if (validated.length === 0) return false;
    const text = node.text();
    return validated.some(({ text: checked, body }) => {
      if (checked !== text || !containsNode(body, node)) return false;
      const variable = node.kind() === 'subscript_expression' || node.kind() === 'subscript' ? subscriptParts(node).receiver : node;
      if (!variable || !this.language.identifierKinds.includes(variable.kind())) return false;
      const from = body.range().start.index, to = node.range().start.index;
      return !this.assignmentsIn(scope, variable.text()).some((a) => a.node.range().start.index >= from && a.node.range().end.index <= to);
    });
  }

  /** True when every node between `match` and `condition` is a parenthesis or a logical operator matching `operators`. */
  private onlyJoinedBy(match: SyntaxNode, condition: SyntaxNode, operators: RegExp): boolean {
    let node = match;
    while (node.id() !== condition.id()) {
      const parent = node.parent();
      if (!parent) return false;
      const joined = this.language.complexity.logicalKinds.includes(parent.kind()) && parent.children().some((child) => !child.isNamed() && operators.test(child.text()));
      if (!joined && !this.language.parenthesizedKinds.includes(parent.kind())) return false;
      node = parent;
    }
    return true;
  }

  /**
   * True when every node between `match` and `condition` is a parenthesis or an `or`: the guard alone leaves.
   * An `and` with `checked != V` leaves too (`if (full !== ROOT && !full.startsWith(ROOT + sep)) return`):
   * what passes either failed the guard or equals V, a value the program named.
   */
  private onlyDisjunctions(match: SyntaxNode, condition: SyntaxNode, checked: string): boolean {
    let node = match;
    while (node.id() !== condition.id()) {
      const parent = node.parent();
      if (!parent) return false;
      const logical = this.language.complexity.logicalKinds.includes(parent.kind());
      const isOr = logical && parent.children().some((child) => !child.isNamed() && /^(or|\|\|)$/.test(child.text()));
      const isAnd = logical && parent.children().some((child) => !child.isNamed() && /^(and|&&)$/.test(child.text()));
      const other = isAnd ? namedChildrenWithoutComments(parent).find((child) => child.id() !== node.id()) : undefined;
      if (!isOr && !(other && this.isNotEqualToNamed(other, checked)) && !this.language.parenthesizedKinds.includes(parent.kind())) return false;
      node = parent;
    }
    return true;
  }

  /** `x !== ROOT`, `x != "/"`: `x` compared unequal with a literal, a name or a member, never with a call. */
  private isNotEqualToNamed(node: SyntaxNode, checked: string): boolean {
    let test = node;
    while (this.language.parenthesizedKinds.includes(test.kind()) && namedChildrenWithoutComments(test).length === 1) test = namedChildrenWithoutComments(test)[0]!;
    const operator = test.children().find((child) => !child.isNamed() && /^(!==|!=)$/.test(child.text()));
    const sides = namedChildrenWithoutComments(test);
    if (!operator || sides.length !== 2) return false;
    const other = sides[0]!.text() === checked ? sides[1]! : sides[1]!.text() === checked ? sides[0]! : undefined;
    return other !== undefined && !other.text().includes(checked) && !other.find({ rule: { kind: this.language.complexity.callKinds[0]! } }) && !this.language.complexity.callKinds.includes(other.kind());
  }

  private isFileConstant(identifier: SyntaxNode): boolean {
    const fileLevel = this.file.fileLevelAssignments().filter((a) => a.target.text() === identifier.text());
    return fileLevel.length > 0 && fileLevel.every((a) => this.isConstantKey(a.value) || (this.language.stringKinds.includes(a.value.kind()) && a.value.namedChildren().every((c) => !this.language.interpolationKinds.includes(c.kind()))));
  }

  private isConstantKey(node: SyntaxNode): boolean {
    return this.language.stringKinds.includes(node.kind()) || this.language.constantKinds.includes(node.kind());
  }

  private readonly keyedWritesCache = new Map<string, { node: SyntaxNode; key: string[] | undefined; value: SyntaxNode; end: number }[]>();

  /** Keyed writes to `receiver` before `before`: `m.put("k", v)`, `conf.set("s", "k", v)`, `m["k"] = v`; key undefined when not constant. */
  private keyedWrites(receiver: SyntaxNode, before: SyntaxNode, functionScope: SyntaxNode | null): { node: SyntaxNode; key: string[] | undefined; value: SyntaxNode }[] {
    const scope = functionScope ?? before.getRoot().root();
    const name = receiver.text();
    const limit = before.range().start.index;
    const cacheKey = `${scope.id()}\u0000${name}`;
    let all = this.keyedWritesCache.get(cacheKey);
    if (!all) {
      all = [];
      for (const call of this.propagatorCalls(scope, name, Number.MAX_SAFE_INTEGER)) {
        if (!call.keyed || call.args.length === 0) continue;
        const keyParts = call.args.slice(0, -1);
        const constant = keyParts.length > 0 && keyParts.every((arg) => this.isConstantKey(arg));
        all.push({ node: call.node, key: constant ? keyParts.map((arg) => arg.text()) : undefined, value: call.args[call.args.length - 1]!, end: call.node.range().end.index });
      }
      for (const write of this.file.subscriptWrites(scope)) {
        if (write.receiver !== name) continue;
        all.push({ node: write.node, key: write.index && this.isConstantKey(write.index) ? [write.index.text()] : undefined, value: write.value, end: write.end });
      }
      all.sort((a, b) => a.node.range().start.index - b.node.range().start.index);
      this.keyedWritesCache.set(cacheKey, all);
    }
    return all.filter((write) => write.end <= limit);
  }

  private propagatorCalls(scope: SyntaxNode, name: string, limit: number): { node: SyntaxNode; keyed: boolean; args: SyntaxNode[] }[] {
    if (this.propagators.length === 0) return [];
    const found: { node: SyntaxNode; keyed: boolean; args: SyntaxNode[] }[] = [];
    for (const call of this.file.callsIn(scope)) {
      if (call.end > limit || call.receiver !== name) continue;
      const propagator = this.propagators.find((p) => p.method === call.method);
      if (propagator) found.push({ node: call.node, keyed: propagator.keyed, args: call.args });
    }
    return found;
  }


  /** True when `name` is a parameter of `scope` or of a function around it that no nearer local hides. */
  private isCallerParameter(name: string, scope: SyntaxNode): boolean {
    return this.parameterSeenFrom(name, scope) !== undefined;
  }

  /** The declaration of parameter `name` seen from `scope` (its own or an enclosing function's) when a source matches it. */
  private sourceParameter(name: string, scope: SyntaxNode): SyntaxNode | undefined {
    this.sourceIds ??= this.idsMatching('sources');
    if (this.sourceIds.size === 0) return undefined;
    const key = `${scope.id()}:${name}`;
    if (this.parameterSources.has(key)) return this.parameterSources.get(key) ?? undefined;
    const declaration = this.parameterSeenFrom(name, scope);
    const found = declaration && this.sourceIds.has(declaration.node.id()) ? declaration.node : undefined;
    this.parameterSources.set(key, found ?? null);
    return found;
  }

  /** The parameter `name` refers to from `scope`: of `scope` or of a function around it that no nearer local hides. */
  private parameterSeenFrom(name: string, scope: SyntaxNode): { name: string; node: SyntaxNode } | undefined {
    for (let fn: SyntaxNode | undefined = scope; fn; fn = enclosingFunction(fn, this.language)) {
      const declaration = this.parametersOf(fn).find((parameter) => parameter.name === name);
      if (declaration) return declaration;
      // A local of that name in a nested function hides the outer parameter.
      if (this.assignmentsIn(fn, name).length > 0) return undefined;
    }
    return undefined;
  }

  /** The parameter declarations of `fn`, found once per function. */
  private parametersOf(fn: SyntaxNode): { name: string; node: SyntaxNode }[] {
    let declarations = this.parameterCache.get(fn.id());
    if (!declarations) this.parameterCache.set(fn.id(), (declarations = parameterDeclarations(fn, this.language)));
    return declarations;
  }

  private assignmentsIn(scope: SyntaxNode, name: string): Assignment[] {
    return this.file.assignmentsIn(scope, name);
  }

  private flowOf(scope: SyntaxNode): FunctionFlow {
    return this.file.flowOf(scope);
  }

  private taintOfVariable(identifier: SyntaxNode, depth: number, scope: SyntaxNode | null, withKeyedWrites = true): TaintStep[] | undefined {
    if (!scope) return undefined;
    const name = identifier.text();
    const use = identifier.range().start.index;
    // May-analysis: the value may come from any assignment back to the last one that runs on every path.
    const flow = this.flowOf(scope);
    const reaching = flow.reaching(this.assignmentsIn(scope, name), identifier);
    const last = reaching[0];
    const context = this.summaryContext;
    if (context && context.taintedParameter === name && scope.id() === context.fn.id()) {
      // The parameter's own value reaches the use unless an assignment on every path replaced it.
      if (!replacedOnEveryPath(reaching, flow, identifier)) return [step(identifier, 'source')];
    }
    const declared = this.sourceParameter(name, scope);
    if (declared) {
      // A parameter the framework fills from the request (`@RequestParam String q`, `[FromQuery] string id`).
      if (!replacedOnEveryPath(reaching, flow, identifier) && !this.isGuarded(name, identifier, last, scope, flow)) return [this.sourceStep(declared)];
    }
    // A closure reading a variable of the function around it (`fs.readFile(file, …)` in a callback): the
    // values stored there reach it, unless the closure replaced the value on every path to the use.
    const captured = replacedOnEveryPath(reaching, flow, identifier) ? undefined : this.capturedAssignments(name, scope);
    if (this.spec.unknownIsSource && reaching.length === 0 && captured) return this.capturedTaint(name, captured, depth);
    if (this.spec.unknownIsSource && reaching.length === 0) {
      // Origin mode: a summarised function's other parameters are the caller's business; names defined
      // nowhere in the function are unknown unless the file only ever assigns them constants.
      if (context && scope.id() === context.fn.id() && parameterNames(scope, this.language).includes(name)) return undefined;
      if (this.spec.callersExplained && this.isCallerParameter(name, scope)) return undefined;
      if (this.isFileConstant(identifier) || isConstantName(name)) return undefined;
      return this.isGuarded(name, identifier, undefined, scope, flow) ? undefined : [step(identifier, 'source')];
    }
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
      if (path || call.keyed || call.node.range().start.index < since) continue;
      for (const arg of call.args) {
        const argPath = this.taintOf(arg, depth + 1, scope);
        if (argPath) {
          path = [...argPath, step(call.node, 'step')];
          break;
        }
      }
    }
    // Members set on the object after its last assignment (`box.value = x`) travel with it.
    for (const write of this.file.memberWrites(scope)) {
      if (path) break;
      if (write.object !== name || write.start < since || write.end > use) continue;
      const valuePath = this.taintOf(write.value, depth + 1, scope);
      if (valuePath) path = [...valuePath, step(write.node, 'step')];
    }
    // A field of the object read where nothing in this method assigned it: whatever its other methods stored.
    if (!path && reaching.length === 0 && this.language.identifierKinds.includes(identifier.kind()) && !this.parameterSeenFrom(name, scope)) {
      for (const write of this.file.fieldWrites(scope, name)) {
        const writer = enclosingFunction(write.node, this.language);
        if (writer?.id() === scope.id()) continue;
        const valuePath = this.taintOf(write.value, depth + 1, writer ?? null);
        if (valuePath) {
          path = [...valuePath, step(write.node, 'step')];
          break;
        }
      }
    }
    if (!path && withKeyedWrites) {
      // The whole collection is used (`"{0[a]}".format(d)`, `f(d)`): any value stored in it since counts.
      for (const write of this.keyedWrites(identifier, identifier, scope)) {
        if (write.node.range().start.index < since) continue;
        const valuePath = this.taintOf(write.value, depth + 1, scope);
        if (valuePath) {
          path = [...valuePath, step(write.node, 'step')];
          break;
        }
      }
    }
    if (!path && captured) path = this.capturedTaint(name, captured, depth);
    return path && this.isGuarded(name, identifier, last, scope, flow) ? undefined : path;
  }

  /** The first of `assignments` whose value is tainted, as a path ending in that assignment. */
  private firstTainted(assignments: Assignment[], depth: number): TaintStep[] | undefined {
    for (const assignment of assignments) {
      // Each value is followed in its own function: an assignment may sit in a sibling callback.
      const value = this.taintOf(assignment.value, depth + 1);
      if (value) return [...value, step(assignment.node, 'step')];
    }
    return undefined;
  }

  /** The taint a closure reads from `capture`, unless the enclosing function checks the value before the closure. */
  private capturedTaint(name: string, capture: Capture, depth: number): TaintStep[] | undefined {
    const path = this.firstTainted(capture.assignments, depth);
    if (!path) return undefined;
    const at = capture.closure.range().start.index;
    const last = capture.assignments.filter((assignment) => assignment.node.range().end.index <= at).at(-1);
    return this.isGuarded(name, capture.closure, last, capture.outer, this.flowOf(capture.outer)) ? undefined : path;
  }

  /**
   * Where the closure `scope` gets `name` from when it never assigns it: the assignments of the nearest
   * enclosing function (or the file) that makes any, outside `scope`; undefined when a parameter on the way
   * declares the name, or the language's nested functions are not closures.
   */
  private capturedAssignments(name: string, scope: SyntaxNode): Capture | undefined {
    if (!this.language.closuresCapture) return undefined;
    let inner = scope;
    for (let level = 0; level < MAX_CAPTURE_LEVELS && inner.id() !== this.file.root.id(); level++) {
      if (this.parametersOf(inner).some((parameter) => parameter.name === name)) return undefined;
      const outer = enclosingFunction(inner, this.language) ?? this.file.root;
      const inside = inner;
      const outside = this.assignmentsIn(outer, name).filter((assignment) => !containsNode(inside, assignment.node));
      if (outside.length > 0) return { assignments: outside, outer, closure: inside };
      inner = outer;
    }
    return undefined;
  }
}

/** The identifiers written in a small node, by a walk of its children (a declaration is too small to search). */
function identifiersIn(node: SyntaxNode): string[] {
  const names: string[] = [];
  const stack = [node];
  for (let next = stack.pop(); next; next = stack.pop()) {
    if (next.kind() === 'identifier') names.push(next.text());
    else stack.push(...next.children());
  }
  return names;
}

/** UPPER_SNAKE_CASE names are constants by the convention of every language we read (`settings.BASE_DIR`). */
function isConstantName(name: string): boolean {
  return /^[A-Z][A-Z0-9_]*$/.test(name) && /[A-Z]{2}|_/.test(name);
}

/** True when the oldest assignment reaching `use` replaces the variable's incoming value on every path to it. */
function replacedOnEveryPath(reaching: Assignment[], flow: FunctionFlow, use: SyntaxNode): boolean {
  const oldest = reaching[reaching.length - 1];
  return oldest !== undefined && !oldest.augmented && !flow.isConditional(oldest.node, use);
}

/** `x[k]`: the collection and the key, by field where the grammar names them (PHP's does not). */
function subscriptParts(node: SyntaxNode): { receiver: SyntaxNode | null; index: SyntaxNode | null } {
  const receiver = node.field('value') ?? node.field('object') ?? node.field('array');
  if (receiver) return { receiver, index: node.field('subscript') ?? node.field('index') };
  const [first, second] = namedChildrenWithoutComments(node);
  return { receiver: first ?? null, index: second ?? null };
}

function containsNode(outer: SyntaxNode, inner: SyntaxNode): boolean {
  const a = outer.range();
  const b = inner.range();
  return a.start.index <= b.start.index && b.end.index <= a.end.index;
}

const parameterSinkMemos = new WeakMap<Map<number, FunctionSummary | 'pending'>, Map<string, TaintStep[] | null | 'pending'>>();

const projectTrackers = new WeakMap<TaintSpec, Map<TaintFileContext, TaintTracker>>();

/** One tracker per rule and other project file, so each of its functions is summarised once per process. */
function trackerFor(spec: TaintSpec, file: TaintFileContext): TaintTracker {
  let byFile = projectTrackers.get(spec);
  if (!byFile) {
    byFile = new Map();
    projectTrackers.set(spec, byFile);
  }
  let tracker = byFile.get(file);
  if (!tracker) {
    tracker = new TaintTracker(spec, file);
    byFile.set(file, tracker);
  }
  return tracker;
}


/** The expressions a function returns: `return` values, or the body of an expression-bodied function. */
function returnedValues(fn: SyntaxNode, language: LanguageSpec): SyntaxNode[] {
  const body = fn.field('body');
  if (body && !language.blockKinds.includes(body.kind())) return [body];
  const values: SyntaxNode[] = [];
  for (const statement of fn.findAll({ rule: { any: language.returnKinds.map((kind) => ({ kind })) } })) {
    if (enclosingFunction(statement, language)?.id() !== fn.id()) continue;
    const value = namedChildrenWithoutComments(statement)[0];
    if (value) values.push(value);
  }
  if (language.implicitReturn && body) {
    const last = namedChildrenWithoutComments(body).at(-1);
    if (last && !language.returnKinds.includes(last.kind())) values.push(last);
  }
  return values;
}
