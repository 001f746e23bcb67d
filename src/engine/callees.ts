import { namedChildrenWithoutComments, type SyntaxNode } from '../languages/language.js';
import { parameterNames, type CallParts } from './call.js';
import type { ProjectContext } from './project.js';
import type { TaintFileContext } from './taint.js';

// Which functions a call reaches, from what the code says: a function of the same file by name, a method of
// a class of the file or of the project's other files, a function of an imported module. Facts of the file,
// shared by every taint rule.

/** A function a call may reach, with the parsed file it is defined in. */
export interface Callee {
  fn: SyntaxNode;
  file: TaintFileContext;
  /** The function's parameter names, in order. */
  parameters: string[];
}

/** A call with arguments that reaches at least one function of the file or the project. */
export interface ResolvedCall {
  call: SyntaxNode;
  /** The function the call is in, or the file's root outside any. */
  scope: SyntaxNode;
  callees: Callee[];
}

const CLASS_KINDS = /^(class_declaration|class_definition|class|class_specifier|struct_item|impl_item|object_declaration)$/;

/** The innermost class around `node`, if any. */
export function enclosingClass(node: SyntaxNode): SyntaxNode | undefined {
  return node.ancestors().find((ancestor) => CLASS_KINDS.test(ancestor.kind()));
}

/** The name of the innermost class around `node`, if any. */
export function enclosingClassName(node: SyntaxNode): string | undefined {
  return enclosingClass(node)?.field('name')?.text() ?? undefined;
}

/** The functions of this file, or else of the project's other files, a call may reach. */
export function calleesOf(file: TaintFileContext, call: SyntaxNode, parts: CallParts, scope: SyntaxNode | null): Callee[] {
  if (!parts.name) return [];
  const local = resolveCall(file, call, parts.name, parts.receiver);
  const found = local.length > 0 ? local.map((fn) => ({ fn, file })) : resolveInProject(file, parts.name, parts.receiver, scope);
  return found.map(({ fn, file: owner }) => ({ fn, file: owner, parameters: parametersOf(owner, fn) }));
}

const parameterLists = new WeakMap<TaintFileContext, Map<number, string[]>>();

/** A function's parameter names, found once per function. */
export function parametersOf(file: TaintFileContext, fn: SyntaxNode): string[] {
  let byFunction = parameterLists.get(file);
  if (!byFunction) parameterLists.set(file, (byFunction = new Map()));
  let names = byFunction.get(fn.id());
  if (!names) byFunction.set(fn.id(), (names = parameterNames(fn, file.language)));
  return names;
}

const resolvedCalls = new WeakMap<TaintFileContext, ResolvedCall[]>();

/** The file's calls with arguments that reach a function of the file or the project, found once per file. */
export function callsWithCallees(file: TaintFileContext): ResolvedCall[] {
  let found = resolvedCalls.get(file);
  if (!found) {
    found = [];
    const language = file.language;
    const inProject = file.project !== undefined;
    let scopes: Map<number, SyntaxNode> | undefined;
    for (const call of file.callsOf(file.root)) {
      const parts = file.partsOf(call);
      if (!parts?.name || parts.args.length === 0) continue;
      // Cheap first: which calls could reach a function of this file or the project at all.
      const local = file.functionsNamed(parts.name).length > 0;
      if (!local && !(inProject && (parts.receiver ? language.classFileCandidates ?? language.moduleFileCandidates : language.moduleFileCandidates))) continue;
      scopes ??= innermostFunctions(file);
      const scope = scopes.get(call.id()) ?? file.root;
      const callees = calleesOf(file, call, parts, scope);
      if (callees.length > 0) found.push({ call, scope, callees });
    }
    resolvedCalls.set(file, found);
  }
  return found;
}

/** For each call of the file, the innermost function it lies in (functions come outer first, so inner ones win). */
function innermostFunctions(file: TaintFileContext): Map<number, SyntaxNode> {
  const scopes = new Map<number, SyntaxNode>();
  const calls = { rule: { any: file.language.complexity.callKinds.map((kind) => ({ kind })) } };
  for (const fn of file.root.findAll({ rule: { any: file.language.functionKinds.map((kind) => ({ kind })) } })) {
    for (const call of fn.findAll(calls)) scopes.set(call.id(), fn);
  }
  return scopes;
}

/**
 * The functions in this file a call may reach: plain calls by name; method calls only on `this`/`self`
 * or on a new instance of a class defined here (a method of another receiver may be anyone's).
 */
function resolveCall(file: TaintFileContext, call: SyntaxNode, name: string, written: SyntaxNode | null): SyntaxNode[] {
  const candidates = file.functionsNamed(name);
  if (candidates.length === 0 || !written) return candidates;
  const receiver = unparenthesized(written, file);
  const receiverText = receiver.text();
  let className: string | undefined;
  if (/^(this|self|cls|\$this)$/.test(receiverText)) className = enclosingClassName(call);
  else if (receiver.kind() === 'object_creation_expression') className = receiver.field('type')?.text();
  else {
    const callee = file.partsOf(receiver);
    // Python `Helper().method()`: a call of a class defined in this file.
    if (callee?.name && !callee.receiver && /^[A-Z]/.test(callee.name)) className = callee.name;
  }
  if (!className) return [];
  return candidates.filter((fn) => enclosingClassName(fn) === className);
}

/**
 * Methods of another file of the project that a call on an object of a known class reaches: `new
 * Helper(x).m()`, `Helper h = …; h.m()`, `Helper.m()`.
 */
function resolveInProject(file: TaintFileContext, name: string, receiver: SyntaxNode | null, scope: SyntaxNode | null): Omit<Callee, 'parameters'>[] {
  const project = file.project;
  if (project && file.language.moduleFileCandidates) return resolveInModules(file, project, name, receiver, scope);
  if (!project || !receiver || !file.language.classFileCandidates) return [];
  const typeName = receiverType(file, receiver, scope);
  if (!typeName) return [];
  const simple = typeName.replace(/<.*>$/s, '').split('.').pop()!;
  const found: Omit<Callee, 'parameters'>[] = [];
  for (const other of project.classFiles(typeName, file.root)) {
    for (const fn of other.functionsNamed(name)) {
      if (enclosingClassName(fn) === simple) found.push({ fn, file: other });
    }
  }
  return found;
}

/**
 * Python: functions of the project's own modules a call reaches: `f(x)` after `from m import f`,
 * `m.f(x)` for a module path `m`, and `obj.meth(x)` when `obj = m.Cls(…)` or `obj = f(…)` came from one.
 */
function resolveInModules(file: TaintFileContext, project: ProjectContext, name: string, receiver: SyntaxNode | null, scope: SyntaxNode | null): Omit<Callee, 'parameters'>[] {
  const inModule = (module: string | undefined, owner: string | null | undefined): Omit<Callee, 'parameters'>[] => {
    const other = module ? project.moduleFile(module) : undefined;
    if (!other) return [];
    // owner null: a module-level function; undefined: a method of any class of the module.
    return other
      .functionsNamed(name)
      .filter((fn) => (owner === null ? !enclosingClassName(fn) : owner === undefined || enclosingClassName(fn) === owner))
      .map((fn) => ({ fn, file: other }));
  };
  if (!receiver) return inModule(file.moduleOf(name), null);
  const text = receiver.text();
  const rootName = text.split('.')[0]!;
  const isLocal = scope !== null && (file.assignmentsIn(scope, rootName).length > 0 || parameterNames(scope, file.language).includes(rootName));
  if (!isLocal && /^[A-Za-z_][\w.]*$/.test(text)) return inModule(text, null);
  if (!scope || !file.language.identifierKinds.includes(receiver.kind())) return [];
  // The object came from a call into a module: its methods are that module's.
  const made = file.assignmentsIn(scope, text)[0]?.value;
  const maker = made ? file.partsOf(made) : undefined;
  if (!maker?.name) return [];
  const module = maker.receiver ? maker.receiver.text() : file.moduleOf(maker.name);
  if (!module || !/^[A-Za-z_][\w.]*$/.test(module)) return [];
  const other = project.moduleFile(module);
  const isClass = other?.root.find({ rule: { kind: 'class_definition', has: { field: 'name', regex: `^${maker.name}$` } } });
  return inModule(module, isClass ? maker.name : undefined);
}

/** The class of a call's receiver, where the code says it: a `new`, a declaration, or a class name. */
function receiverType(file: TaintFileContext, written: SyntaxNode, scope: SyntaxNode | null): string | undefined {
  const receiver = unparenthesized(written, file);
  const kind = receiver.kind();
  if (kind === 'object_creation_expression') return receiver.field('type')?.text();
  const text = receiver.text();
  if (file.language.identifierKinds.includes(kind) && scope) {
    const assigned = file.assignmentsIn(scope, text);
    const declared = assigned[0];
    // `Base b = new Impl()` never assigned again: the methods that run are Impl's.
    const made = assigned.length === 1 && declared ? unparenthesized(declared.value, file) : undefined;
    if (made?.kind() === 'object_creation_expression') return made.field('type')?.text();
    if (declared) return file.language.declaredType?.(declared.node);
  }
  // `Helper.m()` or `com.acme.Helper.m()`: a class name by Java's naming convention.
  return /^([a-z_]\w*\.)*[A-Z]\w*$/.test(text) ? text : undefined;
}

/** `(new Helper())` as a receiver is the expression inside the parentheses. */
function unparenthesized(node: SyntaxNode, file: TaintFileContext): SyntaxNode {
  let inner = node;
  while (file.language.parenthesizedKinds.includes(inner.kind())) {
    const next = namedChildrenWithoutComments(inner)[0];
    if (!next) break;
    inner = next;
  }
  return inner;
}
