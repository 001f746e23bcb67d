import type { LanguageSpec, SyntaxNode } from '../languages/language.js';
import { namedChildrenWithoutComments } from '../languages/language.js';
import { callParts } from './call.js';

/** A value known without running the code. */
export type Folded = number | boolean | string;

const MAX_DEPTH = 8;

function operatorOf(node: SyntaxNode): string | undefined {
  return node.children().find((child) => !child.isNamed())?.text();
}

/**
 * Folds an expression to a constant where it is built only from literals, arithmetic, comparisons, boolean
 * operators and local variables whose reaching value folds too. `resolve` returns a variable's value
 * expression at the point of use, or undefined. Returns undefined whenever anything is unknown.
 */
export function foldConstant(node: SyntaxNode, language: LanguageSpec, resolve: (identifier: SyntaxNode) => SyntaxNode | undefined, depth = 0): Folded | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const kind = node.kind();
  const text = node.text();
  if (/^(integer|int_literal|decimal_integer_literal|number|number_literal|float|decimal_floating_point_literal|float_literal)$/.test(kind)) {
    const value = Number(text.replace(/[_lLfFdD]$/g, '').replace(/_/g, ''));
    return Number.isFinite(value) ? value : undefined;
  }
  if (kind === 'true' || text === 'True' && kind === 'true') return true;
  if (kind === 'false') return false;
  if (kind === 'concatenated_string') {
    const pieces = namedChildrenWithoutComments(node).map(plainString);
    return pieces.every((piece) => piece !== undefined) ? pieces.join('') : undefined;
  }
  if (language.stringKinds.includes(kind) || kind === 'character_literal' || kind === 'rune_literal' || kind === 'char_literal') return plainString(node);
  const call = callParts(node, language);
  if (call) return foldStringMethod(call.name, call.receiver, call.args, language, resolve, depth);
  const subscriptParts = kind === 'subscript' || kind === 'subscript_expression' || kind === 'index_expression' ? namedChildrenWithoutComments(node) : [];
  if (subscriptParts.length === 2) {
    const [object, index] = subscriptParts as [SyntaxNode, SyntaxNode];
    const value = foldConstant(object, language, resolve, depth + 1);
    const at = foldConstant(index, language, resolve, depth + 1);
    return typeof value === 'string' && typeof at === 'number' && at >= 0 && at < value.length ? value[at] : undefined;
  }
  if (language.parenthesizedKinds.includes(kind)) {
    const inner = namedChildrenWithoutComments(node)[0];
    return inner ? foldConstant(inner, language, resolve, depth + 1) : undefined;
  }
  if (language.identifierKinds.includes(kind)) {
    const value = resolve(node);
    return value ? foldConstant(value, language, resolve, depth + 1) : undefined;
  }
  const parts = namedChildrenWithoutComments(node);
  if ((kind === 'not_operator' || kind === 'unary_expression' || kind === 'unary_operator') && parts.length === 1) {
    const value = foldConstant(parts[0]!, language, resolve, depth + 1);
    const operator = operatorOf(node);
    if (value === undefined) return undefined;
    if (operator === '-' && typeof value === 'number') return -value;
    if ((operator === 'not' || operator === '!') && typeof value === 'boolean') return !value;
    return undefined;
  }
  if (parts.length !== 2) return undefined;
  const operator = operatorOf(node);
  const left = foldConstant(parts[0]!, language, resolve, depth + 1);
  const right = foldConstant(parts[1]!, language, resolve, depth + 1);
  if (left === undefined || right === undefined || operator === undefined) return undefined;
  if (typeof left === 'number' && typeof right === 'number') {
    switch (operator) {
      case '+': return left + right;
      case '-': return left - right;
      case '*': return left * right;
      case '/': return right === 0 ? undefined : language.id === 'python' ? left / right : Math.trunc(left / right);
      case '//': return right === 0 ? undefined : Math.floor(left / right);
      case '%': return right === 0 ? undefined : left % right;
      case '>': return left > right;
      case '<': return left < right;
      case '>=': return left >= right;
      case '<=': return left <= right;
      case '==': return left === right;
      case '!=': return left !== right;
      default: return undefined;
    }
  }
  if (typeof left === 'string' && typeof right === 'string') {
    if (operator === '==' || operator === '===') return left === right;
    if (operator === '!=' || operator === '!==') return left !== right;
    if (operator === '+') return left + right;
    // Python `"a" in "abc"` is a substring test.
    if (operator === 'in') return right.includes(left);
    return undefined;
  }
  if (typeof left === 'boolean' && typeof right === 'boolean') {
    if (operator === 'and' || operator === '&&') return left && right;
    if (operator === 'or' || operator === '||') return left || right;
    if (operator === '==') return left === right;
    if (operator === '!=') return left !== right;
  }
  return undefined;
}

/** The value of a string or character literal without escapes or interpolation; undefined otherwise. */
function plainString(node: SyntaxNode): string | undefined {
  const text = node.text();
  const quote = text[0];
  if (quote !== '"' && quote !== "'" && quote !== '`') return undefined;
  if (text.length < 2 || text[text.length - 1] !== quote || text.includes('\\')) return undefined;
  if (text.startsWith('"""') || text.startsWith("'''")) return undefined;
  const inner = text.slice(1, -1);
  return quote === '`' && inner.includes('${') ? undefined : inner;
}

/** Pure methods of a constant string: `"ABC".charAt(1)`, `.length()`, `.equals(x)`. */
function foldStringMethod(name: string | undefined, receiver: SyntaxNode | null, args: SyntaxNode[], language: LanguageSpec, resolve: (identifier: SyntaxNode) => SyntaxNode | undefined, depth: number): Folded | undefined {
  if (!name || !receiver) return undefined;
  const value = foldConstant(receiver, language, resolve, depth + 1);
  if (typeof value !== 'string') return undefined;
  const arg = args[0] ? foldConstant(args[0], language, resolve, depth + 1) : undefined;
  switch (name) {
    case 'charAt':
      return typeof arg === 'number' && arg >= 0 && arg < value.length ? value[arg] : undefined;
    case 'length':
      return args.length === 0 ? value.length : undefined;
    case 'equals':
      return typeof arg === 'string' ? value === arg : undefined;
    default:
      return undefined;
  }
}

const fileConstantRoots = new Map<string, Map<string, SyntaxNode | null>>();

/**
 * C and C++: the initializer of a file-level `static` or `const` variable that nothing in the file writes
 * (`static int staticTrue = 1;`, `static const int LIMIT = 5;`), so it is a constant everywhere in the file.
 * Undefined for any other name, or when the file assigns it, takes its address or declares it twice.
 */
export function fileConstant(identifier: SyntaxNode, language: LanguageSpec): SyntaxNode | undefined {
  if (language.id !== 'c' && language.id !== 'cpp') return undefined;
  const root = identifier.getRoot().root();
  const { end } = root.range();
  const key = `${root.id()}:${end.index}:${root.text().length}`;
  let known = fileConstantRoots.get(key);
  if (!known) {
    if (fileConstantRoots.size > 4) fileConstantRoots.clear();
    known = new Map();
    fileConstantRoots.set(key, known);
  }
  const name = identifier.text();
  if (known.has(name)) return known.get(name) ?? undefined;
  const found = findFileConstant(root, name);
  known.set(name, found ?? null);
  return found;
}

function findFileConstant(root: SyntaxNode, name: string): SyntaxNode | undefined {
  const declarations = root.children().filter((child) => child.kind() === 'declaration');
  const values: SyntaxNode[] = [];
  for (const declaration of declarations) {
    for (const init of declaration.children().filter((child) => child.kind() === 'init_declarator')) {
      if (init.field('declarator')?.kind() === 'identifier' && init.field('declarator')?.text() === name && init.field('value')) values.push(init.field('value')!);
    }
  }
  if (values.length !== 1) return undefined;
  const declaration = values[0]!.parent()!.parent()!;
  if (!/^(static\b|const\b|static\s+const\b|const\s+static\b)/.test(declaration.text())) return undefined;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const writes = root.findAll({ rule: { any: [{ kind: 'assignment_expression' }, { kind: 'update_expression' }, { kind: 'pointer_expression' }] } }).some((node) => {
    const target = node.kind() === 'assignment_expression' ? node.field('left') : node.kind() === 'update_expression' ? node.field('argument') : node.field('argument');
    if (node.kind() === 'pointer_expression' && !node.text().startsWith('&')) return false;
    return target !== null && target !== undefined && new RegExp(`^${escaped}$`).test(target.text().trim());
  });
  return writes ? undefined : values[0];
}
