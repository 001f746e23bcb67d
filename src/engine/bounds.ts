import { parse } from '@ast-grep/napi';
import type { LanguageSpec, SyntaxNode } from '../languages/language.js';
import { namedChildrenWithoutComments } from '../languages/language.js';
import { enclosingFunction } from './scope.js';
import { FunctionFlow } from './flow.js';
import { assignmentsTo, type Assignment } from './value.js';
import { activeBudget } from './budget.js';

/**
 * Bounds of sizes and indexes against C buffers, without running the code:
 * - within: the value provably fits (constants, `sizeof buf`, `min(n, sizeof buf)`, a loop bound), or a
 *   comparison on it comes first (the analysis does not judge the comparison: any check counts);
 * - exceeds: the value provably reaches past the end (a constant, `sizeof` of a larger buffer, the last
 *   round of a loop);
 * - unchecked: the buffer's capacity is known, the value is not, and nothing compares it first;
 * - unknown: the buffer's capacity is not known here (a pointer parameter, a struct field).
 */
export type BoundVerdict = 'within' | 'exceeds' | 'unchecked' | 'unknown';
/**
 * `size`: a byte count that may equal the capacity (memcpy); `count`: an element count that may equal it (wcsncpy);
 * `index`: an element index that must stay below it; `copy-of`/`append-of`: a string copied or appended into
 * the buffer (strcpy, strcat); `append-count`: strncat's count; `string`: the string at the buffer is read.
 */
export type BoundLimit = 'size' | 'index' | 'count' | 'copy-of' | 'append-of' | 'append-count' | 'string';
/** Where a value must come from: `input` (parsed from text, read from a file or socket), a function `parameter`, or `any`. */
export type ValueOrigin = 'any' | 'input' | 'parameter';

const MAX_DEPTH = 8;
const POINTER_SIZE = 8;

// Element sizes of the scalar types whose width does not depend on anything in the file (LP64).
const TYPE_SIZES: Record<string, number> = {};
for (const [size, names] of [
  [1, 'char signed_char unsigned_char int8_t uint8_t u_char u8 s8 gchar guchar BYTE bool _Bool uchar'],
  [2, 'short unsigned_short short_int int16_t uint16_t u16 s16 u_short'],
  [4, 'int unsigned unsigned_int signed_int int32_t uint32_t u32 s32 float u_int wchar_t char32_t'],
  [8, 'long unsigned_long long_int long_long unsigned_long_long size_t ssize_t int64_t uint64_t u64 s64 double intptr_t uintptr_t off_t ptrdiff_t'],
] as const) {
  for (const name of names.split(' ')) TYPE_SIZES[name.replace(/_(?=(char|short|int|long)$)/, ' ')] = size;
}

// Calls whose result is text parsed into a number or bytes from outside the program.
const INPUT_CALLS = /^(atoi|atol|atoll|strtol|strtoul|strtoll|strtoull|strtoimax|strtoumax|getchar|fgetc|getc|read|recv|recvfrom|ntohs|ntohl|be16toh|be32toh|le16toh|le32toh)$/;
const SCAN_CALLS = /^(scanf|fscanf|sscanf)$/;
const MIN_CALLS = /^((std::)?min|MIN|Min|fmin|min_t|umin|MIN2|\w+_min|\w+_MIN)$/;
const RELATIONAL = new Set(['<', '<=', '>', '>=']);

interface Buffer {
  /** Capacity in bytes, when known. */
  bytes?: number;
  /** Number of elements, when known. */
  elements?: number;
  /** For an allocation in the function: the size expression passed to the allocator, in bytes. */
  allocation?: SyntaxNode;
  /** Reached through a local pointer (`p = buf`, `p = alloca(50)`): `sizeof p` is a pointer's size, not the buffer's. */
  pointer?: boolean;
  /** Elements between the buffer's start and where the pointer points (`p = buf - 8` is -8). */
  offset?: number;
}

interface Range {
  lo?: number;
  hi?: number;
  /** A value the expression certainly takes at some point (a constant; the last round of a counting loop). */
  reached?: number;
  /** The result of a read that may have failed (-1): below zero unless a comparison turns that away first. */
  failed?: boolean;
}

const UNKNOWN: Range = {};

// The file being analysed: names in a macro body parsed on its own resolve there.
let fileRoot: SyntaxNode | undefined;

// Per file: node lists by what was searched and in which node (ids are unique within one parsed file).
const searches = new Map<string, SyntaxNode[]>();
const flows = new Map<string, FunctionFlow>();
const ranges = new Map<string, Range>();
const origins = new Map<string, boolean>();
const names = new Map<string, string[]>();

/** Forgets per-file caches; call before analysing another file. */
export function startBoundsFile(): void {
  for (const cache of [searches, flows, ranges, origins, names]) cache.clear();
}

/** A key for `node` within the file (macro bodies parsed apart differ in kind, text or place). */
function keyOf(node: SyntaxNode): string {
  const { start, end } = node.range();
  return `${node.id()}:${start.index}:${end.index}:${node.kind()}:${node.text().length}`;
}

/** The nodes of `kinds` inside `scope`, in source order, searched once per file. */
function nodesIn(scope: SyntaxNode, kinds: string[]): SyntaxNode[] {
  const { start, end } = scope.range();
  const key = `${kinds.join(',')}:${scope.id()}:${start.index}:${end.index}`;
  let found = searches.get(key);
  if (!found) {
    found = scope.findAll({ rule: { any: kinds.map((kind) => ({ kind })) } });
    searches.set(key, found);
  }
  return found;
}

/**
 * How `value` stands against the capacity of `buffer`. For `size`, `count` and `index` the value is a byte
 * count, an element count or an element index into `buffer`; for `copy-of` and `append-of` the value is the
 * destination and `buffer` the string copied or appended into it (strcpy, strcat); for `string` the string at
 * `buffer` itself is read (the value is not looked at); for `append-count` the value is strncat's count.
 */
export function checkBound(value: SyntaxNode, buffer: SyntaxNode, limit: BoundLimit, language: LanguageSpec): BoundVerdict {
  fileRoot = value.getRoot().root();
  if (limit === 'copy-of' || limit === 'append-of') return checkStringCopy(value, buffer, limit === 'append-of' ? stringLengthOf(value, language, 0) : exact(0), undefined, language);
  if (limit === 'append-count') return checkAppendCount(value, buffer, language);
  if (limit === 'string') return (bufferOf(buffer, language)?.offset ?? 0) < 0 ? 'exceeds' : 'unknown';
  const found = bufferOf(buffer, language, limit === 'size');
  if (!found) return 'unknown';
  const range = rangeOf(value, language, 0);
  const offset = found.offset ?? 0;
  // A pointer set before its buffer's start (`p = buf - 8`): writing or reading from it starts outside.
  if (offset < 0) {
    if (limit !== 'index') return range.reached !== undefined && range.reached > 0 ? 'exceeds' : 'unknown';
    if (range.reached !== undefined && Math.min(range.reached, range.lo ?? range.reached) < -offset && !guardExcludes(value, range.reached, language)) return 'exceeds';
  }
  if (found.allocation) return limit === 'size' ? againstAllocation(value, range, found.allocation, language) : 'unknown';
  const elementSize = found.bytes !== undefined && found.elements ? found.bytes / found.elements : undefined;
  const capacity = limit === 'size' ? (offset === 0 ? found.bytes : elementSize === undefined ? undefined : found.bytes! - offset * elementSize) : add(found.elements, -offset);
  if (capacity === undefined) return 'unknown';
  const fits = (n: number) => (limit === 'index' ? n < capacity && n >= Math.min(0, -offset) : n <= capacity);
  if (range.reached !== undefined && !fits(range.reached) && !guardExcludes(value, range.reached, language)) return 'exceeds';
  if (range.hi !== undefined && fits(range.hi) && (limit !== 'index' || offset >= 0 || (range.lo !== undefined && range.lo >= -offset))) {
    // `n = recv(s, b, sizeof b - 1, 0); b[n] = 0;`: in bounds once the failure (-1) is turned away.
    return limit === 'index' && range.failed && !comparedBefore(value, language) ? 'unchecked' : 'within';
  }
  if (!hasVariablePart(value, language)) return 'unknown';
  if (limit === 'index') return isIndexChecked(value, language) ? 'within' : 'unchecked';
  return isChecked(value, language) ? 'within' : 'unchecked';
}

/**
 * An index is checked when a comparison bounds it from above first (`i < n`, `n > i`, `i == k`); a signed
 * index read from input must be bounded from below too (`i >= 0`), or it reaches before the array.
 */
function isIndexChecked(value: SyntaxNode, language: LanguageSpec): boolean {
  if (!isChecked(value, language)) return false;
  const variable = stripped(value);
  if (variable.kind() !== 'identifier') return true;
  const scope = enclosingFunction(variable, language);
  if (!scope) return true;
  const name = variable.text();
  const sides = comparisonsBefore(variable, scope).filter((c) => RELATIONAL.has(operatorOf(c) ?? '') || operatorOf(c) === '==').map((comparison) => {
    const [left, right] = namedChildrenWithoutComments(comparison);
    const operator = operatorOf(comparison)!;
    if (operator === '==') return mentions(comparison.text(), name) ? 'both' : undefined;
    const onLeft = left !== undefined && mentions(left.text(), name);
    const onRight = right !== undefined && mentions(right.text(), name);
    if (onLeft === onRight) return undefined;
    // Against zero or a negative constant it is the lower bound, in either form (`i >= 0`, `if (i < 0) return`);
    // against anything else the upper one. A comparison made in an unsigned type rules out negatives as well.
    const other = onLeft ? right! : left!;
    const bound = rangeOf(other, language, 0);
    const unsigned = /\(\s*(size_t|unsigned\b[^)]*)\)/.test(comparison.text());
    const lower = bound.hi !== undefined && bound.hi <= 0;
    return lower ? 'lower' : unsigned ? 'both' : 'upper';
  });
  // Checked through another name (`len = i + 1; if (len < n)`): the general check above judged it.
  if (!sides.some((side) => side !== undefined)) return true;
  if (!sides.some((side) => side === 'upper' || side === 'both')) return false;
  const type = declaredType(name, scope, language);
  const signed = type !== undefined && !/unsigned|size_t|uint|u_?(char|short|int|long)|^u\d+$|^(bool|_Bool)$/.test(type);
  if (!signed || !hasOrigin(variable, 'input', language)) return true;
  return sides.some((side) => side === 'lower' || side === 'both');
}

/**
 * True when an `if` around `value` (a variable) runs its body only for values that exclude `reached`:
 * `if (i >= 0 && i < 10) buf[i]` with i certainly 10 on some path never indexes there with 10.
 */
function guardExcludes(value: SyntaxNode, reached: number, language: LanguageSpec): boolean {
  const variable = stripped(value);
  if (variable.kind() !== 'identifier') return false;
  const name = variable.text();
  const at = variable.range().start.index;
  for (const ancestor of variable.ancestors()) {
    if (ancestor.kind() !== 'if_statement') continue;
    const consequence = ancestor.field('consequence');
    if (!consequence || !containsNode(consequence, variable)) continue;
    const pending = [ancestor.field('condition')!];
    while (pending.length > 0) {
      let node = stripped(pending.pop()!);
      // C++ wraps the condition in a condition_clause.
      if (node.kind() === 'condition_clause' && namedChildrenWithoutComments(node).length === 1) node = stripped(namedChildrenWithoutComments(node)[0]!);
      if (node.kind() !== 'binary_expression') continue;
      const operator = operatorOf(node);
      const [left, right] = namedChildrenWithoutComments(node);
      if (!left || !right) continue;
      if (operator === '&&') {
        pending.push(left, right);
        continue;
      }
      if (!RELATIONAL.has(operator ?? '') && operator !== '==' && operator !== '!=') continue;
      const [mine, other, flipped] = stripped(left).text() === name ? [left, right, false] : stripped(right).text() === name ? [right, left, true] : [undefined, undefined, false];
      if (!mine || !other || other.range().start.index > at) continue;
      const bound = rangeOf(other, language, 0);
      if (bound.lo === undefined || bound.lo !== bound.hi) continue;
      const [a, b] = flipped ? [bound.lo, reached] : [reached, bound.lo];
      const holds = operator === '<' ? a < b : operator === '<=' ? a <= b : operator === '>' ? a > b : operator === '>=' ? a >= b : operator === '==' ? a === b : a !== b;
      if (!holds) return true;
    }
  }
  return false;
}

/** Elements a string copy into `destination` needs: `already` (what it holds, for appends) + the source's length + its NUL. */
function checkStringCopy(destination: SyntaxNode, source: SyntaxNode, already: Range, count: Range | undefined, language: LanguageSpec): BoundVerdict {
  const found = bufferOf(destination, language);
  if (!found) {
    const field = fieldElements(destination, language);
    return field !== undefined && already.hi !== undefined && lengthBoundedBefore(source, field - already.hi, language) ? 'within' : 'unknown';
  }
  const offset = found.offset ?? 0;
  if (offset < 0) return 'exceeds';
  const capacity = add(found.elements, -offset);
  if (capacity === undefined) return 'unknown';
  const length = stringLengthOf(source, language, 0);
  // strncat copies at most `count` characters of the source; a source of unknown length may be that long.
  const longest = length.reached ?? (length.hi === undefined ? Infinity : undefined);
  const copied: Range = count
    ? { lo: Math.min(length.lo ?? 0, count.lo ?? 0), hi: minOf(length.hi, count.hi), reached: longest !== undefined && count.reached !== undefined ? Math.min(longest, count.reached) : undefined }
    : length;
  const needed = copied.reached !== undefined && already.lo !== undefined ? copied.reached + already.lo + 1 : undefined;
  if (needed !== undefined && needed > capacity) return 'exceeds';
  const most = add(add(copied.hi, already.hi), 1);
  if (most !== undefined && most <= capacity) return 'within';
  if (already.hi !== undefined && lengthBoundedBefore(source, capacity - already.hi, language)) return 'within';
  return 'unchecked';
}

/**
 * The elements of the array field `node` names (`n->key`, `s.name`), when every struct of the file that has a
 * field of that name declares it as an array of the same constant length.
 */
function fieldElements(node: SyntaxNode, language: LanguageSpec): number | undefined {
  const target = stripped(node);
  if (target.kind() !== 'field_expression') return undefined;
  const name = target.field('field')?.text();
  if (!name) return undefined;
  const fields = nodesIn(fileRoot ?? target.getRoot().root(), ['field_declaration']).flatMap((d) => d.findAll({ rule: { kind: 'field_identifier', regex: `^${name}$` } }));
  if (fields.length === 0) return undefined;
  const lengths = new Set(fields.map((id) => {
    const declarator = id.parent();
    if (declarator?.kind() !== 'array_declarator' || declarator.field('declarator')?.id() !== id.id() || declarator.parent()?.kind() !== 'field_declaration') return undefined;
    const size = declarator.field('size');
    const range = size ? rangeOf(size, language, 0) : UNKNOWN;
    return range.lo !== undefined && range.lo === range.hi ? range.lo : undefined;
  }));
  return lengths.size === 1 ? [...lengths][0] : undefined;
}

/**
 * True when the length of the string `source` holds (`strlen(src)`, or a variable assigned it) is compared,
 * before the copy, against a bound that leaves it and its NUL within `room` elements:
 * `if (strlen(src) >= sizeof dst) return -1; strcpy(dst, src);`. As elsewhere here, the side of the
 * comparison that is turned away is taken to be the one that does not fit.
 */
function lengthBoundedBefore(source: SyntaxNode, room: number, language: LanguageSpec): boolean {
  const string = stripped(source);
  if (string.kind() !== 'identifier') return false;
  const scope = enclosingFunction(string, language);
  if (!scope) return false;
  const at = string.range().start.index;
  const isLengthCall = (node: SyntaxNode) => {
    const call = stripped(node);
    if (call.kind() !== 'call_expression' || !/^(strlen|wcslen|strnlen|wcsnlen)$/.test(call.field('function')?.text() ?? '')) return false;
    const first = namedChildrenWithoutComments(call.field('arguments')!)[0];
    return first !== undefined && stripped(first).text() === string.text();
  };
  const holders = new Set(
    nodesIn(scope, ['init_declarator', 'assignment_expression'])
      .filter((node) => node.range().end.index <= at)
      .map((node) => (node.kind() === 'init_declarator' ? [node.field('declarator'), node.field('value')] : operatorOf(node) === '=' ? [node.field('left'), node.field('right')] : [null, null]))
      .filter(([target, value]) => target?.kind() === 'identifier' && value && isLengthCall(value))
      .map(([target]) => target!.text()),
  );
  // The length itself, or the length plus a constant (`len + 1`): how much the side adds to it.
  const lengthSide = (side: SyntaxNode): number | undefined => {
    const node = stripped(side);
    if (isLengthCall(node) || (node.kind() === 'identifier' && holders.has(node.text()))) return 0;
    if (node.kind() !== 'binary_expression' || operatorOf(node) !== '+') return undefined;
    const [left, right] = namedChildrenWithoutComments(node);
    const inner = left ? lengthSide(left) : undefined;
    const step = right ? rangeOf(right, language, 0) : UNKNOWN;
    return inner !== undefined && step.lo !== undefined && step.lo === step.hi ? inner + step.lo : undefined;
  };
  return comparisonsBefore(string, scope).some((comparison) => {
    const operator = operatorOf(comparison) ?? '';
    if (!RELATIONAL.has(operator)) return false;
    const [left, right] = namedChildrenWithoutComments(comparison);
    if (!left || !right) return false;
    const onLeft = lengthSide(left);
    const onRight = onLeft === undefined ? lengthSide(right) : undefined;
    const added = onLeft ?? onRight;
    if (added === undefined) return false;
    const bound = rangeOf(onLeft !== undefined ? right : left, language, 0).hi;
    if (bound === undefined) return false;
    // What passes: `len >= C` and `len < C` (or `C <= len`, `C > len`) leave len < C; the others len <= C.
    const strict = onLeft !== undefined ? operator === '>=' || operator === '<' : operator === '<=' || operator === '>';
    const longest = (strict ? bound - 1 : bound) - added;
    return longest + 1 <= room;
  });
}

/** strncat(dst, src, n): what it appends is the smaller of n and the source's length, after what dst holds. */
function checkAppendCount(count: SyntaxNode, destination: SyntaxNode, language: LanguageSpec): BoundVerdict {
  const call = count.parent()?.parent();
  const source = call?.kind() === 'call_expression' ? namedChildrenWithoutComments(call.field('arguments')!)[1] : undefined;
  if (!source) return 'unknown';
  const counted = rangeOf(count, language, 0);
  const verdict = checkStringCopy(destination, source, stringLengthOf(destination, language, 0), counted, language);
  if (verdict !== 'unchecked') return verdict;
  // A count as large as the whole buffer leaves no room for what it holds and the NUL, unless proved to fit above.
  const capacity = bufferOf(destination, language)?.elements;
  if (capacity !== undefined && counted.reached !== undefined && counted.reached >= capacity - (bufferOf(destination, language)?.offset ?? 0)) return 'exceeds';
  return hasVariablePart(count, language) && !isChecked(count, language) ? 'unchecked' : 'unknown';
}

/** A subscript's index: C's `index` field, or the one expression of C++'s `indices` list. */
function subscriptIndex(subscript: SyntaxNode): SyntaxNode | undefined {
  const index = subscript.field('index');
  if (index) return index;
  const list = subscript.field('indices');
  const parts = list ? namedChildrenWithoutComments(list) : [];
  return parts.length === 1 ? parts[0] : undefined;
}

function minOf(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.min(a, b);
}

/** True when `value`, followed through local assignments, comes from `origin`. */
export function hasOrigin(value: SyntaxNode, origin: ValueOrigin, language: LanguageSpec, depth = 0): boolean {
  if (origin === 'any') return true;
  if (depth > MAX_DEPTH) return false;
  if (depth === 0) fileRoot = value.getRoot().root();
  if (origin === 'parameter') return isParameterValue(stripped(value), language);
  const key = keyOf(value);
  const known = origins.get(key);
  if (known !== undefined) return known;
  // Assume no while this value is being followed: a loop-carried assignment (`n = n + 1`) reads itself.
  origins.set(key, false);
  const found = comesFromInput(value, language, depth);
  origins.set(key, found);
  return found;
}

function comesFromInput(value: SyntaxNode, language: LanguageSpec, depth: number): boolean {
  const origin = 'input';
  const nodes = [value, ...value.findAll({ rule: { any: [{ kind: 'identifier' }, { kind: 'call_expression' }, { kind: 'subscript_expression' }] } })];
  for (const node of nodes) {
    const kind = node.kind();
    if (kind === 'call_expression' && INPUT_CALLS.test(node.field('function')?.text() ?? '')) return true;
    if (kind === 'subscript_expression' && /^argv$/.test(node.field('argument')?.text() ?? '')) return true;
    if (kind !== 'identifier' || node.parent()?.kind() === 'call_expression' && node.parent()?.field('function')?.id() === node.id()) continue;
    const scope = enclosingFunction(node, language);
    if (!scope) continue;
    if (scannedInto(node.text(), scope)) return true;
    for (const assignment of reachingAssignments(node, scope, language)) {
      if (hasOrigin(assignment.value, origin, language, depth + 1)) return true;
    }
  }
  return false;
}

/** A parameter used as it came in, alone or in arithmetic (`i`, `i + 1`), not a member or call reached through it. */
function isParameterValue(value: SyntaxNode, language: LanguageSpec): boolean {
  if (value.kind() === 'binary_expression') return namedChildrenWithoutComments(value).some((side) => isParameterValue(stripped(side), language));
  if (value.kind() !== 'identifier') return false;
  const scope = enclosingFunction(value, language);
  return scope !== undefined && isParameter(value.text(), scope, language) && reachingAssignments(value, scope, language).length === 0;
}

/**
 * True when `value` is a variable of a signed integer type whose negative values reach a size argument: it
 * comes from input or was compared only against an upper bound, and nothing rules out a negative first.
 * (A comparison with `sizeof` converts the variable to size_t, so it rejects negative values too.)
 */
export function isSignedSizeRisk(value: SyntaxNode, language: LanguageSpec): boolean {
  if (value.kind() !== 'identifier') return false;
  fileRoot = value.getRoot().root();
  const scope = enclosingFunction(value, language);
  if (!scope) return false;
  const type = declaredType(value.text(), scope, language);
  if (!type || !/^(int|signed|signed int|long|long int|long long|short|ssize_t|int(8|16|32|64)_t|off_t|ptrdiff_t)$/.test(type)) return false;
  const range = rangeOf(value, language, 0);
  if (range.lo !== undefined && range.lo >= 0) return false;
  const comparisons = comparisonsBefore(value, scope).filter((c) => mentions(c.text(), value.text()));
  const rulesOutNegative = comparisons.some((comparison) => {
    const operator = operatorOf(comparison);
    const other = namedChildrenWithoutComments(comparison).find((side) => !mentions(side.text(), value.text()));
    if (!other) return false;
    if (other.kind() === 'sizeof_expression' || /^\(\s*(size_t|unsigned\b[^)]*)\)/.test(comparison.text())) return true;
    const bound = rangeOf(other, language, 0);
    return (operator === '==' || operator === '!=' || RELATIONAL.has(operator ?? '')) && bound.hi !== undefined && bound.hi <= 1;
  });
  if (rulesOutNegative) return false;
  // Checked against a fixed bound only (`if (len > 64) return;`): the bound was thought of, the sign was not.
  const upperOnly = comparisons.some((comparison) => {
    const other = namedChildrenWithoutComments(comparison).find((side) => !mentions(side.text(), value.text()));
    const bound = other ? rangeOf(other, language, 0) : UNKNOWN;
    return RELATIONAL.has(operatorOf(comparison) ?? '') && bound.lo !== undefined && bound.lo === bound.hi;
  });
  return upperOnly || hasOrigin(value, 'input', language);
}

function bufferOf(node: SyntaxNode, language: LanguageSpec, allocations = false): Buffer | undefined {
  const target = stripped(node);
  if (target.kind() !== 'identifier') return undefined;
  const name = target.text();
  const scope = enclosingFunction(target, language);
  const useStart = target.range().start.index;
  if (scope) {
    if (isParameter(name, scope, language)) return undefined;
    const local = arrayDeclarations(scope, name).filter((d) => d.range().start.index < useStart).at(-1);
    if (local) return arrayCapacity(local, language);
    const declaredHere = nodesIn(scope, ['declaration']).some((d) => d.range().start.index < useStart && declaredNames(d).includes(name));
    if (declaredHere) return pointerTarget(target, scope, language, allocations, 0);
  }
  const global = arrayDeclarations(target.getRoot().root(), name).filter((d) => enclosingFunction(d, language) === undefined).at(-1);
  return global ? arrayCapacity(global, language) : undefined;
}

function arrayDeclarations(scope: SyntaxNode, name: string): SyntaxNode[] {
  return nodesIn(scope, ['array_declarator']).filter(
    (d) => d.field('declarator')?.kind() === 'identifier' && d.field('declarator')?.text() === name && d.ancestors().some((a) => a.kind() === 'declaration'),
  );
}

function declaredNames(declaration: SyntaxNode): string[] {
  const key = keyOf(declaration);
  let found = names.get(key);
  if (!found) {
    found = findDeclaredNames(declaration);
    names.set(key, found);
  }
  return found;
}

function findDeclaredNames(declaration: SyntaxNode): string[] {
  return declaration.findAll({ rule: { kind: 'identifier' } }).filter((id) => id.parent()?.field('declarator')?.id() === id.id()).map((id) => id.text());
}

function arrayCapacity(declarator: SyntaxNode, language: LanguageSpec): Buffer | undefined {
  const size = declarator.field('size');
  let elements = size ? rangeOf(size, language, 0) : UNKNOWN;
  if (!size) {
    const value = declarator.parent()?.kind() === 'init_declarator' ? declarator.parent()?.field('value') : null;
    const literal = value?.kind() === 'string_literal' ? stringLength(value) : undefined;
    if (literal !== undefined) elements = { lo: literal + 1, hi: literal + 1 };
    else if (value?.kind() === 'initializer_list') elements = { lo: value.namedChildren().length, hi: value.namedChildren().length };
  }
  if (elements.lo === undefined || elements.lo !== elements.hi) return undefined;
  const count = elements.lo;
  const declaration = declarator.ancestors().find((a) => a.kind() === 'declaration');
  const parent = declarator.parent()?.kind();
  // `int a[3][4]`: the name's declarator is the inner one; an element is a whole row of unknown size here.
  const elementSize = parent === 'array_declarator' ? undefined : parent === 'pointer_declarator' ? POINTER_SIZE : typeSize(declaration?.field('type')?.text());
  return { elements: count, bytes: elementSize === undefined ? undefined : count * elementSize };
}

/** The characters of a plain string literal (`"ab"`, `L"ab"`, adjacent literals), each escape counted as one. */
function stringLength(literal: SyntaxNode): number | undefined {
  if (literal.kind() === 'concatenated_string') {
    const parts = namedChildrenWithoutComments(literal).map(stringLength);
    return parts.some((n) => n === undefined) ? undefined : (parts as number[]).reduce((a, b) => a + b, 0);
  }
  if (literal.kind() !== 'string_literal') return undefined;
  const match = /^(?:L|u8|u|U)?"((?:[^"\\]|\\(?:[0-7]{1,3}|x[0-9a-fA-F]+|.))*)"$/s.exec(literal.text());
  return match ? match[1]!.replace(/\\(?:[0-7]{1,3}|x[0-9a-fA-F]+|.)/gs, 'x').length : undefined;
}

// Calls that read a string argument without changing it.
const STRING_READERS = /^(strlen|wcslen|strnlen|wcsnlen|strcmp|strncmp|wcscmp|wcsncmp|strcasecmp|strncasecmp|strchr|strrchr|wcschr|strstr|wcsstr|strdup|strndup|printf|wprintf|fprintf|fwprintf|puts|fputs|fputws|atoi|atol|strtol|strtoul)$/;
const ZERO = /^(0|'\\0'|L'\\0'|'\\x00'|NULL|L?'\\0{1,3}')$/;

type StringEvent = { node: SyntaxNode; length?: Range; fill?: number; terminator?: number };

/**
 * The length of the string `node` holds where it is used: a literal's or a macro's, else what the last writes
 * to its buffer before the use say (`buf[k] = '\\0'` after `memset(buf, 'A', k)`: exactly k; `memset(buf, 0, n)`:
 * 0; `strcpy(buf, "lit")`; an initializer), else at most the buffer's length less one. `reached` is a length
 * the string certainly has on some path.
 */
function stringLengthOf(node: SyntaxNode, language: LanguageSpec, depth: number): Range {
  const target = stripped(node);
  const literal = stringLength(target);
  if (literal !== undefined) return exact(literal);
  if (target.kind() !== 'identifier' || depth > MAX_DEPTH) return UNKNOWN;
  const scope = enclosingFunction(target, language);
  const buffer = bufferOf(target, language);
  const fallback: Range = buffer?.elements !== undefined && (buffer.offset ?? 0) >= 0 && !buffer.allocation ? { lo: 0, hi: buffer.elements - (buffer.offset ?? 0) - 1 } : UNKNOWN;
  if (!scope) {
    const definitions = nodesIn(fileRoot ?? target.getRoot().root(), ['preproc_def']).filter((d) => d.field('name')?.text() === target.text());
    const value = definitions.length === 1 ? definitions[0]!.field('value') : undefined;
    const parsed = value ? macroString(value) : undefined;
    return parsed !== undefined ? exact(parsed) : fallback;
  }
  const events = stringEvents(target, scope, language, depth);
  const flow = flowOf(scope, language);
  const live = events.filter((e) => !flow.isInDeadBranch(e.node));
  const last = live.at(-1);
  if (!last) {
    const aliased = stringOfAlias(target, scope, language, depth);
    if (aliased) return aliased;
    if (buffer || nodesIn(scope, ['declaration']).some((d) => declaredNames(d).includes(target.text()))) return fallback;
    const definitions = nodesIn(fileRoot ?? target.getRoot().root(), ['preproc_def']).filter((d) => d.field('name')?.text() === target.text());
    const value = definitions.length === 1 ? definitions[0]!.field('value') : undefined;
    const parsed = value ? macroString(value) : undefined;
    return parsed !== undefined ? exact(parsed) : fallback;
  }
  let length: Range = UNKNOWN;
  if (last.length) length = last.length;
  else if (last.terminator !== undefined) {
    const before = live.at(-2);
    const filled = before?.fill !== undefined && before.fill >= last.terminator;
    length = filled ? exact(last.terminator) : { lo: 0, hi: last.terminator };
  }
  if (length.hi === undefined) return fallback;
  // Written on some paths only: another path may hold anything the buffer can.
  // Written on some paths only: another path may hold anything the buffer can, unless all its writes are in that
  // one block (the path around it reads uninitialised memory, which is not this analysis's to judge).
  const block = (node: SyntaxNode) => node.ancestors().find((a) => a.kind() === 'compound_statement');
  const lastBlock = block(last.node);
  const alone = lastBlock !== undefined && !containsNode(lastBlock, target) && live.every((e) => e.node.kind() !== 'init_declarator' && block(e.node)?.id() === lastBlock.id());
  if (!alone && flow.isConditional(last.node, target) && !flow.surelyRuns(last.node, target)) return { lo: 0, hi: fallback.hi, reached: length.reached };
  return length;
}

/**
 * `q = p;` with nothing written through either since: q holds p's string as it was there (`char *copy = data;`).
 */
function stringOfAlias(use: SyntaxNode, scope: SyntaxNode, language: LanguageSpec, depth: number): Range | undefined {
  const reaching = reachingAssignments(use, scope, language);
  if (reaching.length !== 1 || reaching[0]!.augmented) return undefined;
  const source = stripped(reaching[0]!.value);
  if (source.kind() !== 'identifier' || source.text() === use.text()) return undefined;
  const from = reaching[0]!.node.range().end.index;
  const to = use.range().start.index;
  const touched = nodesIn(scope, ['assignment_expression', 'call_expression', 'update_expression']).some((node) => {
    const { start } = node.range();
    return start.index >= from && start.index < to && !containsNode(node, use) && mentions(node.text(), source.text());
  });
  if (touched) return undefined;
  const length = stringLengthOf(source, language, depth + 1);
  return length.hi === undefined ? undefined : length;
}

/** `SRC_STRING` where the file says `#define SRC_STRING "AAAA"`: the string's length. */
function macroStringOf(node: SyntaxNode): number | undefined {
  if (node.kind() !== 'identifier') return undefined;
  const definitions = nodesIn(fileRoot ?? node.getRoot().root(), ['preproc_def']).filter((d) => d.field('name')?.text() === node.text());
  const value = definitions.length === 1 ? definitions[0]!.field('value') : undefined;
  return value ? macroString(value) : undefined;
}

function macroString(value: SyntaxNode): number | undefined {
  const text = value.text().trim();
  if (!/^(L|u8|u|U)?"/.test(text)) return undefined;
  const root = parse('c' as never, `const char *__s = ${text};`).root() as unknown as SyntaxNode;
  const literal = root.find({ rule: { kind: 'init_declarator' } })?.field('value');
  return literal ? stringLength(literal) : undefined;
}

/** The writes to the string `name` holds, in source order, after `name` last pointed somewhere else and before `use`. */
function stringEvents(use: SyntaxNode, scope: SyntaxNode, language: LanguageSpec, depth: number): StringEvent[] {
  const name = use.text();
  const at = use.range().start.index;
  const assigned = reachingAssignments(use, scope, language).map((a) => a.node.range().end.index);
  const since = assigned.length ? Math.max(...assigned) : -1;
  const events: StringEvent[] = [];
  const candidates = nodesIn(scope, ['assignment_expression', 'call_expression', 'init_declarator']);
  for (const node of candidates) {
    const { start } = node.range();
    if (node.range().end.index < since || start.index >= at || containsNode(node, use)) continue;
    const kind = node.kind();
    if (kind === 'init_declarator') {
      const declarator = node.field('declarator');
      const declared = declarator?.kind() === 'array_declarator' ? declarator.field('declarator') : declarator;
      if (declared?.text() !== name) continue;
      const value = node.field('value');
      const literal = value ? stringLength(value) ?? macroStringOf(value) : undefined;
      const zeroed = value?.kind() === 'initializer_list' && namedChildrenWithoutComments(value).every((v) => ZERO.test(v.text()));
      events.push({ node, length: literal !== undefined ? exact(literal) : zeroed ? exact(0) : undefined });
    } else if (kind === 'assignment_expression') {
      const left = node.field('left');
      if (left?.kind() !== 'subscript_expression' || stripped(left.field('argument')!).text() !== name) continue;
      const indexNode = subscriptIndex(left);
      const index = indexNode ? rangeOf(indexNode, language, 0) : UNKNOWN;
      const zero = ZERO.test(normalized(node.field('right')?.text() ?? ''));
      events.push({ node, terminator: zero && index.lo !== undefined && index.lo === index.hi ? index.lo : undefined });
    } else {
      const args = namedChildrenWithoutComments(node.field('arguments') ?? node);
      if (!args.some((arg) => stripped(arg).text() === name)) continue;
      const callee = node.field('function')?.text() ?? '';
      if (STRING_READERS.test(callee)) continue;
      const first = args[0] && stripped(args[0]).text() === name;
      if (first && /^w?memset$/.test(callee) && args[1] && args[2]) {
        const count = rangeOf(args[2], language, 0);
        if (ZERO.test(normalized(args[1].text()))) events.push({ node, length: exact(0) });
        else events.push({ node, fill: count.lo !== undefined && count.lo === count.hi ? count.lo : undefined });
        continue;
      }
      if (first && /^(strcpy|wcscpy)$/.test(callee) && args[1]) {
        const copied = stringLengthOf(args[1], language, depth + 1);
        events.push({ node, length: copied.lo !== undefined && copied.lo === copied.hi ? copied : undefined });
        continue;
      }
      // Only a copy or a call that writes the buffer: it ends its known length. Others (printLine(buf)) may too.
      if (!first && /^(memcpy|memmove|strncpy|strcpy|strcat|strncat|wcsncpy|wcscpy|wcscat|wcsncat|snprintf|sprintf|swprintf)$/.test(callee)) continue;
      events.push({ node });
    }
  }
  return events.sort((a, b) => a.node.range().start.index - b.node.range().start.index);
}

function typeSize(type: string | undefined): number | undefined {
  return type === undefined ? undefined : TYPE_SIZES[type.replace(/\s+/g, ' ').trim()];
}

const ALLOCATORS = /^(malloc|alloca|ALLOCA|_alloca|xmalloc|g_malloc|kmalloc)$/;

/**
 * The buffer a local pointer points to at `use`, when its one reaching assignment is an array (`p = buf`,
 * `p = buf + 4`, `p = &buf[4]`), an allocation (`malloc`, `alloca`, `new T[n]`) or another such pointer, and
 * it has not moved since. A symbolic allocation size is returned only when `allocations` is asked for.
 */
function pointerTarget(use: SyntaxNode, scope: SyntaxNode, language: LanguageSpec, allocations: boolean, depth: number): Buffer | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const name = use.text();
  // A null pointer is no buffer: `p = NULL; if (c) p = buf;` points into buf wherever it is used.
  const reaching = reachingAssignments(use, scope, language).filter((a) => !/^(NULL|nullptr|0|\(\s*void\s*\*\s*\)\s*0)$/.test(a.value.text().trim()));
  if (reaching.length !== 1 || reaching[0]!.augmented) return undefined;
  const assignment = reaching[0]!;
  const moved = nodesIn(scope, ['update_expression']).some((u) => u.namedChildren()[0]?.text() === name && u.range().start.index > assignment.node.range().end.index && u.range().end.index < use.range().start.index);
  if (moved) return undefined;
  const value = stripped(assignment.value);
  const kind = value.kind();
  if (kind === 'call_expression') return allocationOf(value, pointeeSize(name, scope), language, allocations);
  if (kind === 'new_expression') return newArrayOf(value, language);
  let base = value;
  let offset = 0;
  if (kind === 'binary_expression' && /^[+-]$/.test(operatorOf(value) ?? '')) {
    const [left, right] = namedChildrenWithoutComments(value);
    const step = right ? rangeOf(right, language, 0) : UNKNOWN;
    if (!left || step.lo === undefined || step.lo !== step.hi) return undefined;
    base = stripped(left);
    offset = operatorOf(value) === '-' ? -step.lo : step.lo;
  } else if (kind === 'pointer_expression' && operatorOf(value) === '&') {
    const element = stripped(namedChildrenWithoutComments(value)[0] ?? value);
    const index = element.kind() === 'subscript_expression' ? subscriptIndex(element) : undefined;
    const step = index ? rangeOf(index, language, 0) : UNKNOWN;
    if (!index || step.lo === undefined || step.lo !== step.hi) return undefined;
    base = stripped(element.field('argument')!);
    offset = step.lo;
  }
  if (base.kind() !== 'identifier' || base.text() === name) return undefined;
  const target = isParameter(base.text(), scope, language) ? undefined : arrayDeclarations(scope, base.text()).filter((d) => d.range().start.index < base.range().start.index).at(-1);
  const found = target ? arrayCapacity(target, language) : pointerTarget(base, scope, language, allocations, depth + 1) ?? globalArray(base, language);
  if (!found) return undefined;
  return { ...found, pointer: true, offset: (found.offset ?? 0) + offset };
}

function globalArray(target: SyntaxNode, language: LanguageSpec): Buffer | undefined {
  const scope = enclosingFunction(target, language);
  if (scope && nodesIn(scope, ['declaration']).some((d) => declaredNames(d).includes(target.text()))) return undefined;
  const global = arrayDeclarations(target.getRoot().root(), target.text()).filter((d) => enclosingFunction(d, language) === undefined).at(-1);
  return global ? arrayCapacity(global, language) : undefined;
}

/** The size of what a local pointer `T *name` points to, from its declaration. */
function pointeeSize(name: string, scope: SyntaxNode): number | undefined {
  const declaration = nodesIn(scope, ['declaration']).find((d) => declaredNames(d).includes(name));
  const declarator = declaration?.findAll({ rule: { kind: 'pointer_declarator' } }).find((p) => p.field('declarator')?.text() === name);
  return declarator ? typeSize(declaration!.field('type')?.text()) : undefined;
}

/** An allocation call: its size in bytes when constant (and elements when the pointee size is known), else the size expression. */
function allocationOf(call: SyntaxNode, elementSize: number | undefined, language: LanguageSpec, allocations: boolean): Buffer | undefined {
  const callee = call.field('function')?.text() ?? '';
  const args = namedChildrenWithoutComments(call.field('arguments')!);
  let size: SyntaxNode | undefined;
  if (ALLOCATORS.test(callee)) size = args[0];
  else if (/^(realloc|xrealloc|g_realloc)$/.test(callee)) size = args[1];
  else if (/^(calloc|xcalloc)$/.test(callee) && args[1] && rangeOf(args[1], language, 0).hi === 1) size = args[0];
  if (!size) return undefined;
  const bytes = rangeOf(size, language, 0);
  if (bytes.lo !== undefined && bytes.lo === bytes.hi) {
    return { bytes: bytes.lo, elements: elementSize ? Math.floor(bytes.lo / elementSize) : undefined, pointer: true };
  }
  return allocations ? { allocation: size, pointer: true } : undefined;
}

/** `new T[n]` with a constant n. */
function newArrayOf(node: SyntaxNode, language: LanguageSpec): Buffer | undefined {
  const declarator = node.field('declarator');
  const size = declarator?.kind() === 'new_declarator' ? namedChildrenWithoutComments(declarator)[0] : undefined;
  const count = size ? rangeOf(size, language, 0) : UNKNOWN;
  if (count.lo === undefined || count.lo !== count.hi) return undefined;
  const elementSize = typeSize(node.field('type')?.text());
  return { elements: count.lo, bytes: elementSize === undefined ? undefined : count.lo * elementSize, pointer: true };
}

function againstAllocation(value: SyntaxNode, range: Range, allocation: SyntaxNode, language: LanguageSpec): BoundVerdict {
  const capacity = rangeOf(allocation, language, 0);
  if (range.reached !== undefined && capacity.hi !== undefined && range.reached > capacity.hi) return 'exceeds';
  if (range.hi !== undefined && capacity.lo !== undefined && range.hi <= capacity.lo) return 'within';
  // `malloc(n + 1)` then `memcpy(p, s, n + 2)`: the same length plus a larger constant.
  const [copiedBase, copiedExtra] = baseAndOffset(value);
  const [allocatedBase, allocatedExtra] = baseAndOffset(allocation);
  if (copiedBase === allocatedBase) return copiedExtra > allocatedExtra ? 'exceeds' : 'within';
  // `len = st.st_size; p = malloc(st.st_size); read(fd, p, len)`: the copied variable holds the allocated size.
  const copiedValue = stripped(value);
  const scope = enclosingFunction(copiedValue, language);
  if (copiedValue.kind() === 'identifier' && scope) {
    const reaching = reachingAssignments(copiedValue, scope, language);
    if (reaching.length === 1 && !reaching[0]!.augmented && normalized(stripped(reaching[0]!.value).text()) === normalized(stripped(allocation).text())) return 'within';
  }
  // `malloc(len * 2 + 1)` then `memcpy(p, s, len)`: the copy's variable parts are all in the allocation's size.
  const allocated = variableParts(allocation, language);
  const copied = variableParts(value, language);
  if (copied.length > 0 && copied.every((part) => allocated.includes(part))) return 'within';
  if (!hasVariablePart(value, language)) return 'unknown';
  return isChecked(value, language) ? 'within' : 'unchecked';
}

function baseAndOffset(node: SyntaxNode): [string, number] {
  const match = /^(.*?)(?:\+(\d+))?$/.exec(normalized(node.text()))!;
  return [match[1]!, match[2] === undefined ? 0 : Number(match[2])];
}

function normalized(text: string): string {
  return text.replace(/\s+/g, '').replace(/^\((.*)\)$/, '$1');
}

/** Identifiers (not callees, not under sizeof), member reads and calls in `value`: what a check would name. */
function variableParts(value: SyntaxNode, language: LanguageSpec): string[] {
  const parts = new Set<string>();
  const visit = (node: SyntaxNode) => {
    const kind = node.kind();
    if (kind === 'sizeof_expression' || kind === 'string_literal' || kind === 'char_literal') return;
    if (kind === 'field_expression' || kind === 'call_expression') {
      if (kind === 'call_expression' && MIN_CALLS.test(node.field('function')?.text() ?? '')) return;
      parts.add(normalized(node.text()));
      if (kind === 'field_expression') return;
      for (const arg of node.field('arguments')?.namedChildren() ?? []) visit(arg);
      return;
    }
    if (kind === 'identifier') {
      if (!isMacroConstant(node, language)) parts.add(node.text());
      return;
    }
    for (const child of node.namedChildren()) visit(child);
  };
  visit(value);
  return [...parts];
}

function hasVariablePart(value: SyntaxNode, language: LanguageSpec): boolean {
  return variableParts(value, language).length > 0;
}

/** True when a relational comparison naming a variable part of `value` (or of what it was assigned from) comes first. */
function isChecked(value: SyntaxNode, language: LanguageSpec): boolean {
  const scope = enclosingFunction(value, language);
  if (!scope) return false;
  const names = new Set(variableParts(value, language));
  for (const id of value.findAll({ rule: { kind: 'identifier' } })) {
    for (const assignment of reachingAssignments(id, scope, language)) for (const part of variableParts(assignment.value, language)) names.add(part);
  }
  if (value.kind() === 'identifier') for (const assignment of reachingAssignments(value, scope, language)) for (const part of variableParts(assignment.value, language)) names.add(part);
  const comparisons = comparisonsBefore(value, scope).filter((c) => RELATIONAL.has(operatorOf(c) ?? ''));
  return comparisons.some((comparison) => {
    const text = normalized(comparison.text());
    return [...names].some((name) => mentions(text, name));
  });
}

function comparisonsBefore(use: SyntaxNode, scope: SyntaxNode): SyntaxNode[] {
  const at = use.range().start.index;
  return nodesIn(scope, ['binary_expression']).filter((c) => (c.range().start.index < at || containsNode(use, c)) && /^(<|<=|>|>=|==|!=)$/.test(operatorOf(c) ?? ''));
}

function mentions(text: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\w])${escaped}($|[^\\w])`).test(text);
}

function operatorOf(node: SyntaxNode): string | undefined {
  return node.field('operator')?.text() ?? node.children().find((child) => !child.isNamed())?.text();
}

function stripped(node: SyntaxNode): SyntaxNode {
  let current = node;
  while (current.kind() === 'parenthesized_expression' || current.kind() === 'cast_expression') {
    const inner = current.kind() === 'cast_expression' ? current.field('value') : namedChildrenWithoutComments(current)[0];
    if (!inner) break;
    current = inner;
  }
  return current;
}

function isParameter(name: string, scope: SyntaxNode, language: LanguageSpec): boolean {
  const parameters = language.functionParameters(scope);
  return parameters !== null && parameters !== undefined && nodesIn(parameters, ['identifier']).some((id) => id.text() === name);
}

function declaredType(name: string, scope: SyntaxNode, language: LanguageSpec): string | undefined {
  const parameters = language.functionParameters(scope);
  const declarations = [...(parameters ? nodesIn(parameters, ['parameter_declaration']) : []), ...nodesIn(scope, ['declaration'])];
  const declaration = declarations.find((d) => d.field('declarator') !== null && declaredNames(d).includes(name) && !d.find({ rule: { kind: 'pointer_declarator' } }) && !d.find({ rule: { kind: 'array_declarator' } }));
  return declaration?.field('type')?.text().replace(/\s+/g, ' ');
}

/** `scanf("%d", &n)`: the call writes the variable. */
function scannedInto(name: string, scope: SyntaxNode): boolean {
  return nodesIn(scope, ['pointer_expression']).some((address) => {
    if (normalized(address.text()) !== `&${name}`) return false;
    const call = address.parent()?.parent();
    return call?.kind() === 'call_expression' && SCAN_CALLS.test(call.field('function')?.text() ?? '');
  });
}

function reachingAssignments(use: SyntaxNode, scope: SyntaxNode, language: LanguageSpec): Assignment[] {
  const name = use.text();
  const all = assignmentsTo(scope, name, language);
  const before = all.filter((a) => a.node.range().end.index <= use.range().start.index);
  if (before.length === 0) return [];
  return flowOf(scope, language).reaching(all, use);
}

function flowOf(scope: SyntaxNode, language: LanguageSpec): FunctionFlow {
  const key = keyOf(scope);
  let flow = flows.get(key);
  if (!flow) {
    flow = new FunctionFlow(language, scope, (other) => assignmentsTo(scope, other, language));
    flows.set(key, flow);
  }
  return flow;
}

/** The possible values of an integer expression, as far as literals, macros, sizeof and local facts show. */
function rangeOf(node: SyntaxNode, language: LanguageSpec, depth: number): Range {
  if (depth > MAX_DEPTH) return UNKNOWN;
  activeBudget().visit();
  const key = keyOf(node);
  const known = ranges.get(key);
  if (known) return known;
  // Unknown while being computed, so that a value defined through itself ends.
  ranges.set(key, UNKNOWN);
  const range = computeRange(node, language, depth);
  ranges.set(key, range);
  return range;
}

function computeRange(node: SyntaxNode, language: LanguageSpec, depth: number): Range {
  const kind = node.kind();
  if (kind === 'number_literal') return exact(parseInteger(node.text()));
  if (kind === 'char_literal') return { lo: 0, hi: 255 };
  if (kind === 'parenthesized_expression' || kind === 'cast_expression' || kind === 'preproc_arg') {
    const inner = kind === 'preproc_arg' ? macroExpression(node, language) : stripped(node);
    // Parentheses and casts cost no depth: they cannot recur, and macro bodies are full of them.
    return inner && inner.kind() !== kind ? rangeOf(inner, language, kind === 'preproc_arg' ? depth + 1 : depth) : UNKNOWN;
  }
  if (kind === 'sizeof_expression') return sizeofRange(node, language);
  if (kind === 'identifier') return identifierRange(node, language, depth);
  if (kind === 'conditional_expression') {
    const [, consequence, alternative] = namedChildrenWithoutComments(node);
    return consequence && alternative ? union([rangeOf(consequence, language, depth + 1), rangeOf(alternative, language, depth + 1)]) : UNKNOWN;
  }
  if (kind === 'call_expression') return callRange(node, language, depth);
  if (kind === 'unary_expression' && operatorOf(node) === '-') {
    const inner = rangeOf(namedChildrenWithoutComments(node)[0]!, language, depth + 1);
    return { lo: negate(inner.hi), hi: negate(inner.lo), reached: negate(inner.reached) };
  }
  if (kind !== 'binary_expression') return UNKNOWN;
  const [left, right] = namedChildrenWithoutComments(node);
  if (!left || !right) return UNKNOWN;
  const a = rangeOf(left, language, depth + 1);
  const b = rangeOf(right, language, depth + 1);
  const isExact = (r: Range) => r.lo !== undefined && r.lo === r.hi;
  const reachedWith = (combine: (x: number, y: number) => number) =>
    isExact(b) && a.reached !== undefined ? combine(a.reached, b.lo!) : isExact(a) && b.reached !== undefined ? combine(a.lo!, b.reached) : undefined;
  switch (operatorOf(node)) {
    case '+':
      return { lo: add(a.lo, b.lo), hi: add(a.hi, b.hi), reached: reachedWith((x, y) => x + y) };
    case '-':
      // Unsigned wrap-around below zero is not modelled: `sizeof buf - len` reads as at most `sizeof buf`.
      return { lo: add(a.lo, negate(b.hi)), hi: b.lo !== undefined && b.lo >= 0 && !isExact(b) ? a.hi : add(a.hi, negate(b.lo)), reached: isExact(b) && a.reached !== undefined ? a.reached - b.lo! : undefined };
    case '*':
      return a.lo !== undefined && b.lo !== undefined && a.lo >= 0 && b.lo >= 0 ? { lo: a.lo * b.lo, hi: a.hi !== undefined && b.hi !== undefined ? a.hi * b.hi : undefined, reached: reachedWith((x, y) => x * y) } : UNKNOWN;
    case '/':
      return isExact(b) && b.lo! > 0 && a.lo !== undefined && a.lo >= 0 ? { lo: Math.floor(a.lo / b.lo!), hi: a.hi === undefined ? undefined : Math.floor(a.hi / b.lo!) } : UNKNOWN;
    case '%':
      // A negative dividend gives a negative remainder; the upper end holds either way.
      return isExact(b) && b.lo! > 0 ? { lo: a.lo !== undefined && a.lo >= 0 ? 0 : 1 - b.lo!, hi: b.lo! - 1 } : UNKNOWN;
    case '&':
      return isExact(b) && b.lo! >= 0 ? { lo: 0, hi: b.lo } : isExact(a) && a.lo! >= 0 ? { lo: 0, hi: a.lo } : UNKNOWN;
    case '<<':
      return isExact(a) && isExact(b) ? exact(a.lo! * 2 ** b.lo!) : UNKNOWN;
    case '>>':
      return a.lo !== undefined && a.lo >= 0 && isExact(b) ? { lo: 0, hi: a.hi === undefined ? undefined : Math.floor(a.hi / 2 ** b.lo!) } : UNKNOWN;
    default:
      return UNKNOWN;
  }
}

function exact(value: number | undefined): Range {
  return value === undefined ? UNKNOWN : { lo: value, hi: value, reached: value };
}

function add(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined || b === undefined ? undefined : a + b;
}

function negate(a: number | undefined): number | undefined {
  return a === undefined ? undefined : -a;
}

function union(ranges: Range[]): Range {
  const los = ranges.map((r) => r.lo);
  const his = ranges.map((r) => r.hi);
  return {
    lo: los.some((v) => v === undefined) ? undefined : Math.min(...(los as number[])),
    hi: his.some((v) => v === undefined) ? undefined : Math.max(...(his as number[])),
    reached: ranges.length === 1 ? ranges[0]!.reached : undefined,
    failed: ranges.some((r) => r.failed) || undefined,
  };
}

function parseInteger(text: string): number | undefined {
  const digits = text.replace(/[uUlL]+$/, '');
  const value = /^0[xX][0-9a-fA-F]+$/.test(digits) ? parseInt(digits, 16) : /^0[0-7]+$/.test(digits) ? parseInt(digits, 8) : /^\d+$/.test(digits) ? Number(digits) : undefined;
  return value !== undefined && Number.isSafeInteger(value) ? value : undefined;
}

function sizeofRange(node: SyntaxNode, language: LanguageSpec): Range {
  const type = node.field('type');
  if (type) {
    const size = type.namedChildren().length === 1 && type.find({ rule: { kind: 'abstract_pointer_declarator' } }) === null ? typeSize(type.text()) : type.find({ rule: { kind: 'abstract_pointer_declarator' } }) ? POINTER_SIZE : undefined;
    return size === undefined ? { lo: 1 } : exact(size);
  }
  const operand = node.field('value') ?? namedChildrenWithoutComments(node)[0];
  if (!operand) return { lo: 1 };
  const inner = stripped(operand);
  if (inner.kind() === 'identifier') {
    const buffer = bufferOf(inner, language);
    if (buffer?.bytes !== undefined && !buffer.allocation && !buffer.pointer) return exact(buffer.bytes);
    // `sizeof(wchar_t)`: a type name the parser cannot tell from a variable.
    const scope = enclosingFunction(inner, language);
    const declared = scope !== undefined && (isParameter(inner.text(), scope, language) || nodesIn(scope, ['declaration']).some((d) => declaredNames(d).includes(inner.text())));
    if (!buffer && !declared && typeSize(inner.text()) !== undefined) return exact(typeSize(inner.text()));
  }
  if (inner.kind() === 'string_literal') return exact(add(stringLength(inner), 1));
  return { lo: 1 };
}

function callRange(node: SyntaxNode, language: LanguageSpec, depth: number): Range {
  const callee = node.field('function')?.text() ?? '';
  const args = namedChildrenWithoutComments(node.field('arguments')!);
  const read = READ_CALLS[callee];
  if (read && args[read.count]) {
    // A read returns at most the count it was asked for; read, recv and readlink return -1 when they fail.
    const count = rangeOf(args[read.count]!, language, depth + 1);
    return read.mayFail ? { lo: -1, hi: count.hi, failed: true } : { lo: 0, hi: count.hi };
  }
  if (MIN_CALLS.test(callee) && args.length >= 2) {
    const ranges = args.slice(-2).map((arg) => rangeOf(arg, language, depth + 1));
    const his = ranges.map((r) => r.hi).filter((v): v is number => v !== undefined);
    const los = ranges.map((r) => r.lo);
    return { lo: los.some((v) => v === undefined) ? undefined : Math.min(...(los as number[])), hi: his.length ? Math.min(...his) : undefined };
  }
  if (/^(strlen|strnlen|wcslen)$/.test(callee) && args[0]) {
    const length = stringLengthOf(args[0], language, depth + 1);
    const bound = callee === 'strnlen' && args[1] ? rangeOf(args[1], language, depth + 1) : UNKNOWN;
    return { lo: 0, hi: minOf(length.hi, bound.hi), reached: bound.hi === undefined ? length.reached : undefined };
  }
  return UNKNOWN;
}

// Calls that fill a buffer and return how much they read: which argument is the most they read, and whether they return -1 on failure.
const READ_CALLS: Record<string, { count: number; mayFail: boolean }> = {
  read: { count: 2, mayFail: true },
  pread: { count: 2, mayFail: true },
  recv: { count: 2, mayFail: true },
  recvfrom: { count: 2, mayFail: true },
  readlink: { count: 2, mayFail: true },
  fread: { count: 2, mayFail: false },
};

/** True when a comparison naming the variable `value` comes before it. */
function comparedBefore(value: SyntaxNode, language: LanguageSpec): boolean {
  const variable = stripped(value);
  const scope = enclosingFunction(variable, language);
  return variable.kind() === 'identifier' && scope !== undefined && comparisonsBefore(variable, scope).some((c) => mentions(c.text(), variable.text()));
}

function identifierRange(node: SyntaxNode, language: LanguageSpec, depth: number): Range {
  const name = node.text();
  const scope = enclosingFunction(node, language);
  if (scope) {
    const loop = loopRange(node, scope, language, depth);
    if (loop) return loop;
    const reaching = reachingAssignments(node, scope, language);
    if (reaching.length > 0) {
      if (reaching.some((a) => a.augmented) || isWrittenElsewhere(name, scope)) return UNKNOWN;
      const ranges = reaching.map((a) => rangeOf(a.value, language, depth + 1));
      // A value assigned once: the use certainly sees it.
      return reaching.length === 1 ? ranges[0]! : union(ranges);
    }
    if (isParameter(name, scope, language) || nodesIn(scope, ['declaration']).some((d) => declaredNames(d).includes(name))) return UNKNOWN;
  }
  const root = fileRoot ?? node.getRoot().root();
  const definitions = nodesIn(root, ['preproc_def']).filter((d) => d.field('name')?.text() === name);
  if (definitions.length === 1) {
    const value = definitions[0]!.field('value');
    return value ? rangeOf(value, language, depth + 1) : UNKNOWN;
  }
  const constants = assignmentsTo(root, name, language).filter((a) => enclosingFunction(a.node, language) === undefined);
  if (constants.length === 1 && /^(static\s+)?const\b/.test(constants[0]!.node.parent()?.text() ?? '')) return rangeOf(constants[0]!.value, language, depth + 1);
  return UNKNOWN;
}

function isWrittenElsewhere(name: string, scope: SyntaxNode): boolean {
  return nodesIn(scope, ['update_expression', 'pointer_expression']).some((node) => normalized(node.text()).replace(/^&|\+\+|--/g, '') === name);
}

/** A counting loop's variable inside its body: `for (i = A; i < E; i++)` ranges over A .. E-1 and ends on E-1. */
function loopRange(node: SyntaxNode, scope: SyntaxNode, language: LanguageSpec, depth: number): Range | undefined {
  const name = node.text();
  const loop = node.ancestors().find((a) => a.kind() === 'for_statement' && a.field('body') !== null && containsNode(a.field('body')!, node) && a.field('condition') !== null && mentions(a.field('condition')!.text(), name));
  if (!loop || scope.range().start.index > loop.range().start.index) return undefined;
  const condition = loop.field('condition')!;
  const update = loop.field('update');
  if (condition.kind() !== 'binary_expression' || !update || !/^(\+\+\s*\w+|\w+\s*\+\+|\w+\s*\+=\s*1)$/.test(update.text()) || !mentions(update.text(), name)) return undefined;
  const [left, right] = namedChildrenWithoutComments(condition);
  if (left?.text() !== name || !right) return undefined;
  const body = loop.field('body')!;
  const writes = body.findAll({ rule: { any: [{ kind: 'update_expression' }, { kind: 'assignment_expression' }] } }).some((w) => normalized((w.field('left') ?? w.field('argument') ?? w).text()) === name);
  if (writes) return undefined;
  const limit = rangeOf(right, language, depth + 1);
  const operator = operatorOf(condition);
  const last = operator === '<' ? add(limit.hi, -1) : operator === '<=' ? limit.hi : undefined;
  // The limit's certain value on some path (`i < strlen(s)` with s's length known) is the loop's there.
  const certainLimit = limit.reached ?? limit.lo;
  const lastCertain = operator === '<' ? add(certainLimit, -1) : operator === '<=' ? certainLimit : undefined;
  // A body that can leave early may never reach the last round.
  const leaves = body.find({ rule: { any: [{ kind: 'break_statement' }, { kind: 'return_statement' }, { kind: 'goto_statement' }] } }) !== null;
  const initializer = loop.field('initializer');
  const start = initializer ? namedChildrenWithoutComments(initializer).at(-1) : undefined;
  const startRange = start ? rangeOf(initializer!.kind() === 'declaration' ? start.field('value') ?? start : start, language, depth + 1) : UNKNOWN;
  return { lo: startRange.lo, hi: last, reached: leaves || startRange.lo === undefined || lastCertain === undefined || lastCertain < startRange.lo ? undefined : lastCertain };
}

function containsNode(outer: SyntaxNode, inner: SyntaxNode): boolean {
  const a = outer.range();
  const b = inner.range();
  return a.start.index <= b.start.index && b.end.index <= a.end.index;
}

function isMacroConstant(identifier: SyntaxNode, language: LanguageSpec): boolean {
  if (!/^[A-Z][A-Z0-9_]*$/.test(identifier.text())) return false;
  const range = rangeOf(identifier, language, 0);
  return range.lo !== undefined && range.lo === range.hi;
}

const macroCache = new Map<string, SyntaxNode | null>();

/** A macro body parsed as an expression: `#define SIZE (4 * 16)`. */
function macroExpression(arg: SyntaxNode, language: LanguageSpec): SyntaxNode | undefined {
  const text = arg.text().trim();
  if (!/^[\w\s()+\-*/%<>&|~]+$/.test(text)) return undefined;
  const key = `${language.parserName}\u0000${text}`;
  let parsed = macroCache.get(key);
  if (parsed === undefined) {
    const root = parse(language.parserName as never, `long __bound = (${text});`).root() as unknown as SyntaxNode;
    const value = root.find({ rule: { kind: 'init_declarator' } })?.field('value');
    parsed = value && !root.find({ rule: { kind: 'ERROR' } }) ? stripped(value) : null;
    if (macroCache.size > 1000) macroCache.clear();
    macroCache.set(key, parsed);
  }
  return parsed ?? undefined;
}
