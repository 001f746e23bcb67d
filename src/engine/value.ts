import type { AssignmentShape, LanguageSpec, SyntaxNode } from '../languages/language.js';
import { namedChildrenWithoutComments } from '../languages/language.js';
import { enclosingFunction } from './scope.js';
import { FunctionFlow } from './flow.js';
import { activeBudget } from './budget.js';

/**
 * What is known about a value without running the code:
 * - constant: literals and strings built only from literals;
 * - built: a string assembled by concatenation, formatting or interpolation with a non-constant part;
 * - opaque: anything else (parameters, calls, fields): possibly attacker-controlled, but not provably built.
 */
export type ValueKind = 'constant' | 'built' | 'opaque';

/** Ids of the nodes (in this file) whose value is safe for the rule's sink: its sanitizer calls. */
export type Sanitizers = ReadonlySet<number>;

const NO_SANITIZERS: Sanitizers = new Set();

const MAX_DEPTH = 6;

/** Classifies the value of `node` by following literals, string building and local assignments. */
export function classifyValue(node: SyntaxNode, language: LanguageSpec, depth = 0, sanitizers: Sanitizers = NO_SANITIZERS): ValueKind {
  if (depth > MAX_DEPTH) return 'opaque';
  activeBudget().visit();
  // A sanitizer's output is as harmless as a constant for the class of weakness the rule looks for.
  if (sanitizers.size > 0 && sanitizers.has(node.id())) return 'constant';
  const special = language.classifySpecial?.(node);
  if (special) return special;
  const kind = node.kind();
  // C# and PHP wrap call arguments (`argument` → value); the value is what counts.
  if (kind === 'argument' && node.namedChildren().length > 0) return classifyValue(node.namedChildren().at(-1)!, language, depth, sanitizers);
  if (language.parenthesizedKinds.includes(kind)) {
    const inner = namedChildrenWithoutComments(node)[0];
    return inner ? classifyValue(inner, language, depth + 1, sanitizers) : 'opaque';
  }
  if (language.stringKinds.includes(kind)) return classifyString(node, language, depth, sanitizers);
  if (language.constantKinds.includes(kind)) return 'constant';
  if (language.concatKinds.includes(kind)) {
    const operator = operatorOf(node);
    if (operator && language.concatOperators.includes(operator)) {
      return combineParts(namedChildrenWithoutComments(node), language, depth, false, sanitizers);
    }
    return 'opaque';
  }
  const formatArguments = language.formatCallArguments(node);
  if (formatArguments) return combineParts(formatArguments, language, depth, true, sanitizers);
  if (language.identifierKinds.includes(kind)) return classifyIdentifier(node, language, depth, sanitizers);
  if (language.complexity.ternaryKinds.includes(kind)) {
    // A ternary whose condition folds to a constant has one possible value.
    const scope = enclosingFunction(node, language);
    const chosen = scope ? flowFor(scope, language).chosenBranch(node, namedChildrenWithoutComments(node)) : undefined;
    if (chosen) return classifyValue(chosen, language, depth + 1, sanitizers);
  }
  return 'opaque';
}

function classifyString(node: SyntaxNode, language: LanguageSpec, depth: number, sanitizers: Sanitizers): ValueKind {
  const parts = node
    .findAll({ rule: { any: language.interpolationKinds.map((kind) => ({ kind })) } })
    .filter((part) => language.interpolationKinds.length > 0 && part.kind() !== node.kind());
  if (parts.length === 0) return 'constant';
  const kinds = parts.map((part) => {
    const expression = namedChildrenWithoutComments(part)[0];
    return expression ? classifyValue(expression, language, depth + 1, sanitizers) : 'constant';
  });
  return kinds.every((k) => k === 'constant') ? 'constant' : 'built';
}

function combineParts(parts: SyntaxNode[], language: LanguageSpec, depth: number, isFormatCall: boolean, sanitizers: Sanitizers): ValueKind {
  const kinds = parts.map((part) => classifyValue(part, language, depth + 1, sanitizers));
  if (kinds.every((k) => k === 'constant')) return 'constant';
  // `a + b` of two opaque values may be arithmetic; it is string building once any part is a string.
  const hasStringPart = isFormatCall || kinds.includes('built') || parts.some((part) => isStringValued(part, language, depth + 1));
  return hasStringPart ? 'built' : 'opaque';
}

/** True when `node` is a string literal, or a name or expression that evidently holds one. */
function isStringValued(node: SyntaxNode, language: LanguageSpec, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  const kind = node.kind();
  if (language.stringKinds.includes(kind)) return true;
  if (language.parenthesizedKinds.includes(kind) || language.concatKinds.includes(kind)) {
    return namedChildrenWithoutComments(node).some((child) => isStringValued(child, language, depth + 1));
  }
  if (!language.identifierKinds.includes(kind)) return false;
  const scope = enclosingFunction(node, language);
  const useStart = node.range().start.index;
  const local = scope ? assignmentsTo(scope, node.text(), language).filter((a) => a.node.range().end.index <= useStart) : [];
  const candidates = local.length
    ? local.slice(-1)
    : assignmentsTo(node.getRoot().root(), node.text(), language).filter((a) => enclosingFunction(a.node, language) === undefined);
  return candidates.some((a) => isStringValued(a.value, language, depth + 1));
}

function operatorOf(node: SyntaxNode): string | undefined {
  return node
    .children()
    .find((child) => !child.isNamed())
    ?.text();
}

function classifyIdentifier(node: SyntaxNode, language: LanguageSpec, depth: number, sanitizers: Sanitizers): ValueKind {
  const name = node.text();
  const scope = enclosingFunction(node, language);
  const useStart = node.range().start.index;
  if (scope) {
    const all = assignmentsTo(scope, name, language);
    const local = all.filter((a) => a.node.range().end.index <= useStart);
    if (local.length > 0) {
      // Assignments on branches that cannot run are ignored; one made only on some paths joins the others.
      const reaching = flowFor(scope, language).reaching(all, node);
      if (reaching.length > 0) {
        const starts = local.map((l) => l.node.range().start.index);
        const kinds = reaching.map((a) => (a.augmented ? valueOfAssignments(assignmentsUpTo(local, starts, a.node.range().start.index), language, depth, sanitizers) : classifyValue(a.value, language, depth + 1, sanitizers)));
        if (kinds.includes('built')) return 'built';
        return kinds.every((k) => k === 'constant') ? 'constant' : 'opaque';
      }
    }
    const parameters = language.functionParameters(scope);
    if (parameters && parameters.find({ rule: { kind: node.kind(), regex: `^${escapeRegex(name)}$` } })) return 'opaque';
  }
  // Module constants and class fields: every assignment in the file must agree.
  const root = node.getRoot().root();
  const fileLevel = assignmentsTo(root, name, language).filter((a) => enclosingFunction(a.node, language) === undefined);
  if (fileLevel.length === 0) return 'opaque';
  const kinds = fileLevel.map((a) => classifyValue(a.value, language, depth + 1, sanitizers));
  if (kinds.every((k) => k === 'constant')) return 'constant';
  return kinds.includes('built') ? 'built' : 'opaque';
}

/**
 * The assignments of `local` (in source order, starting at `starts`) that start at or before `at`; only the
 * last few, since `valueOfAssignments` reads no further back than the depth limit.
 */
function assignmentsUpTo(local: Assignment[], starts: number[], at: number): Assignment[] {
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (starts[middle]! <= at) low = middle + 1;
    else high = middle;
  }
  return local.slice(Math.max(0, low - (MAX_DEPTH + 2)), low);
}

/**
 * The value a name holds after `assignments` (source order), the last of them appending (`+=`) to the ones
 * before until one replaces the value. Each step back is one level deeper, as in a recursive reading, but
 * walked in a loop: a file of ten thousand `s += x` lines must not exhaust the stack.
 */
function valueOfAssignments(assignments: Assignment[], language: LanguageSpec, depth: number, sanitizers: Sanitizers): ValueKind {
  // From the last assignment back: the value each adds, until one that is not augmented or the list ends.
  const added: { value: ValueKind; augmented: boolean }[] = [];
  for (let index = assignments.length - 1, level = depth + 1; index >= 0; index--, level++) {
    const assignment = assignments[index]!;
    // Past the depth limit every value is opaque, and an opaque part appended makes the whole built.
    const value = level > MAX_DEPTH ? 'opaque' : classifyValue(assignment.value, language, level, sanitizers);
    added.push({ value, augmented: assignment.augmented });
    if (!assignment.augmented || level > MAX_DEPTH) break;
  }
  // The oldest step read: when it appends, what it appends to is unknown.
  const oldest = added[added.length - 1]!;
  let result = oldest.augmented ? combineAppended(oldest.value, 'opaque') : oldest.value;
  for (let index = added.length - 2; index >= 0; index--) result = combineAppended(added[index]!.value, result);
  return result;
}

/** The kind of a value appended to an earlier one. */
function combineAppended(value: ValueKind, earlier: ValueKind): ValueKind {
  if (value === 'constant' && earlier === 'constant') return 'constant';
  return value === 'built' || earlier === 'built' || value === 'opaque' ? 'built' : 'opaque';
}

/** An assignment-like node: where, what value, and whether it appends (`+=`). */
export interface Assignment {
  node: SyntaxNode;
  value: SyntaxNode;
  augmented: boolean;
  target?: SyntaxNode;
}

/** An assignment-like node before its target is compared with a name. */
export interface RawAssignment {
  node: SyntaxNode;
  target: SyntaxNode;
  value: SyntaxNode;
  augmented: boolean;
}

// Per file: assignments by scope node id. Node ids are unique within one parsed file, so the cache is
// cleared whenever analysis moves to another file (`startFile`).
const assignmentCache = new Map<string, RawAssignment[]>();

const flowCache = new Map<string, FunctionFlow>();

/** Forgets per-file caches; call before analysing another file. */
export function startFile(): void {
  assignmentCache.clear();
  flowCache.clear();
}

/** One FunctionFlow per function of the file: its branch facts are found once, not on every value asked about. */
function flowFor(scope: SyntaxNode, language: LanguageSpec): FunctionFlow {
  const { start, end } = scope.range();
  const key = `${scope.id()}:${start.index}:${end.index}:${scope.kind()}:${language.id}`;
  let flow = flowCache.get(key);
  if (!flow) flowCache.set(key, (flow = new FunctionFlow(language, scope, (name) => assignmentsTo(scope, name, language))));
  return flow;
}

/** Returns every assignment-like node in `scope`, in source order (callers filter by target). */
export function allAssignments(scope: SyntaxNode, language: LanguageSpec): RawAssignment[] {
  // Range and kind as well as id: callers outside a scan (tests, one-off checks) may not call startFile.
  const { start, end } = scope.range();
  const key = `${scope.id()}:${start.index}:${end.index}:${scope.kind()}:${language.id}`;
  const cached = assignmentCache.get(key);
  if (cached) return cached;
  const found = collectAssignments(scope, language);
  assignmentCache.set(key, found);
  return found;
}

function collectAssignments(scope: SyntaxNode, language: LanguageSpec): RawAssignment[] {
  const shapes = new Map<string, AssignmentShape>(language.assignments.map((shape) => [shape.kind, shape]));
  const found: RawAssignment[] = [];
  for (const node of scope.findAll({ rule: { any: language.assignments.map((shape) => ({ kind: shape.kind })) } })) {
    const shape = shapes.get(node.kind())!;
    const target = node.field(shape.target);
    const value = shape.value === '*first' ? namedChildrenWithoutComments(node)[0] : shape.value === '*last' ? namedChildrenWithoutComments(node).at(-1) : shape.value === '*call' ? callOfArgument(node, language) : node.field(shape.value);
    if (!target || !value || value.id() === target.id()) continue;
    const operator = node.children().find((child) => !child.isNamed() && /=$/.test(child.text()))?.text();
    const augmented = shape.augmented === true || (operator !== undefined && operator !== '=' && operator !== ':=');
    // A loop binds its variable where the variable is written, not where the whole loop ends; a comprehension
    // before its element expression, which comes first in the text.
    const at = shape.comprehension ? node.parent()?.children()[0] : shape.loop ? target : node;
    if (at) found.push({ node: at, target, value, augmented });
  }
  // Each range() crosses into native code: read every start once, not twice per comparison.
  const starts = new Map(found.map((assignment) => [assignment, assignment.node.range().start.index]));
  return found.sort((a, b) => starts.get(a)! - starts.get(b)!);
}

/** The call `node` is an argument of (`d.TryGetValue(k, out var v)`): its receiver and arguments fill it in. */
function callOfArgument(node: SyntaxNode, language: LanguageSpec): SyntaxNode | undefined {
  const call = node.parent()?.parent()?.parent();
  return call && language.complexity.callKinds.includes(call.kind()) ? call : undefined;
}

/** Narrows raw assignments to those that assign `name`, with the value that `name` receives. */
export function assignmentsOf(raw: readonly RawAssignment[], name: string, language: LanguageSpec): Assignment[] {
  return assignmentsByName(raw, language).get(name) ?? [];
}

/** Returns the assignments in `scope` to `name` (or to targets `targetMatches` accepts), in source order. */
export function assignmentsTo(scope: SyntaxNode, name: string, language: LanguageSpec, targetMatches?: (target: SyntaxNode) => boolean): Assignment[] {
  const raw = allAssignments(scope, language);
  if (!targetMatches) return assignmentsOf(raw, name, language);
  return raw.filter((a) => targetMatches(a.target)).map((a) => ({ node: a.node, value: a.value, augmented: a.augmented, target: a.target }));
}

// Targets that unpack a sequence into names: Go's `a, b :=`, Python's `a, b =`, `(a, b) =`, `[a, b] =`.
const UNPACKING_TARGET_KINDS = new Set(['expression_list', 'pattern_list', 'tuple_pattern', 'list_pattern']);
// Values written as a sequence of parts, one per unpacked name: `1, 2`, `(x, y)`, `[x, y]`.
const SEQUENCE_VALUE_KINDS = new Set(['expression_list', 'tuple', 'list']);

/** Groups raw assignments by the name each one assigns, with the value that name receives; one pass. */
export function assignmentsByName(raw: readonly RawAssignment[], language: LanguageSpec): Map<string, Assignment[]> {
  const byName = new Map<string, Assignment[]>();
  const add = (name: string, a: RawAssignment, value: SyntaxNode) => {
    const list = byName.get(name) ?? [];
    list.push({ node: a.node, value, augmented: a.augmented, target: a.target });
    byName.set(name, list);
  };
  for (const a of raw) {
    if (language.destructuringKinds?.includes(a.target.kind())) {
      // `let (a, b) = t`, `let S { a, .. } = s`: each name holds a part of the value, as tainted as the whole.
      for (const name of new Set(patternNames(a.target, language).map((n) => n.text()))) add(name, a, a.value);
      continue;
    }
    const targetKind = a.target.kind();
    if (UNPACKING_TARGET_KINDS.has(targetKind)) {
      const targets = namedChildrenWithoutComments(a.target);
      const values = a.value.kind() === targetKind || SEQUENCE_VALUE_KINDS.has(a.value.kind()) ? namedChildrenWithoutComments(a.value) : [a.value];
      if (values.length !== targets.length) {
        if (targetKind === 'expression_list') {
          // Go's `v, err := f()`: the first name carries the value; the rest are an error or a found flag, left unknown.
          if (values.length === 1) add(targets[0]!.text(), a, values[0]!);
          continue;
        }
        // Python's `fd, name = mkstemp()`, `for k, v in d.items()`, `a, *rest = x`: every name holds a part of
        // the value, as tainted (or as accounted for) as the whole.
        for (const name of new Set(targets.flatMap((target) => unpackedNames(target, language)))) add(name, a, a.value);
        continue;
      }
      // `a, a = 1, 2`: the first position of a name is the one read back.
      const seen = new Set<string>();
      targets.forEach((target, index) => {
        if (seen.has(target.text())) return;
        seen.add(target.text());
        add(target.text(), a, values[index]!);
      });
      continue;
    }
    const name = declaredIdentifier(a.target, language);
    const value = a.value.kind() === 'expression_list' ? namedChildrenWithoutComments(a.value)[0] : a.value;
    if (name !== undefined && value) add(name, a, value);
  }
  return byName;
}

/** The names one position of an unpacking binds: `a`, `*rest`, `(b, c)`, or a field written whole (`self.x`). */
function unpackedNames(target: SyntaxNode, language: LanguageSpec): string[] {
  if (UNPACKING_TARGET_KINDS.has(target.kind()) || target.kind() === 'list_splat_pattern') return patternNames(target, language).map((n) => n.text());
  return [target.text()];
}

/** The names a destructuring pattern binds (`(a, b)`, `S { a, b: c }`, `Some(v)`, `{ a, b: c }`); the type it names is not one. */
export function patternNames(pattern: SyntaxNode, language: LanguageSpec): SyntaxNode[] {
  const names: SyntaxNode[] = [];
  const stack = [pattern];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (language.identifierKinds.includes(node.kind()) || node.kind() === 'shorthand_field_identifier' || node.kind() === 'shorthand_property_identifier_pattern') {
      names.push(node);
      continue;
    }
    // Neither the type a pattern names nor a default value (`{ a = fallback }`) is a name it binds.
    const type = node.field('type')?.id();
    const fallback = node.kind().endsWith('assignment_pattern') ? node.field('right')?.id() : undefined;
    for (const child of namedChildrenWithoutComments(node)) if (child.id() !== type && child.id() !== fallback) stack.push(child);
  }
  return names.reverse();
}

function declaredIdentifier(target: SyntaxNode, language: LanguageSpec): string | undefined {
  if (language.identifierKinds.includes(target.kind())) return target.text();
  // C declarators wrap the name: `*q`, `buf[16]`.
  let declarator: SyntaxNode | null = target;
  while (declarator && declarator.field('declarator')) declarator = declarator.field('declarator');
  return declarator && language.identifierKinds.includes(declarator.kind()) ? declarator.text() : undefined;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
