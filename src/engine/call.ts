import type { LanguageSpec, SyntaxNode } from '../languages/language.js';
import { namedChildrenWithoutComments } from '../languages/language.js';
import { patternNames } from './value.js';

/** A call split into the parts taint and summaries need: `receiver.method(args)` or `name(args)`. */
export interface CallParts {
  /** The called function's or method's own name (`get` in `m.get(k)`), when it has one. */
  name: string | undefined;
  /** The object a method is called on; null for plain function calls. */
  receiver: SyntaxNode | null;
  /** Positional arguments in order (keyword arguments and comments left out). */
  args: SyntaxNode[];
}

// Member-access node kinds across grammars: Python attribute, JS member_expression, Go selector_expression,
// C#'s member_access_expression, PHP's member_call_expression is handled as its own call kind.
const MEMBER_KINDS = new Set(['attribute', 'member_expression', 'selector_expression', 'field_expression', 'member_access_expression', 'navigation_expression', 'scoped_identifier']);

/** Splits a call node into name, receiver and arguments; undefined when `node` is not a call. */
export function callParts(node: SyntaxNode, language: LanguageSpec): CallParts | undefined {
  const kind = node.kind();
  if (!language.complexity.callKinds.includes(kind)) return undefined;
  const argumentsNode = node.field('arguments');
  // Python's `f(x for x in xs)`: a generator that is the only argument stands in for the argument list.
  const isSoleGenerator = argumentsNode !== null && language.comprehensionKinds?.includes(argumentsNode.kind()) === true;
  const args = !argumentsNode ? [] : isSoleGenerator ? [argumentsNode] : namedChildrenWithoutComments(argumentsNode).filter((arg) => arg.kind() !== 'keyword_argument');
  // Java's method_invocation and PHP's member calls carry name and object on the call itself.
  const ownName = node.field('name');
  if (ownName && !node.field('function')) {
    return { name: ownName.text(), receiver: node.field('object') ?? node.field('receiver') ?? node.field('scope'), args: args.map(unwrapArgument) };
  }
  const callee = node.field('function') ?? node.field('method');
  if (!callee) return { name: undefined, receiver: null, args: args.map(unwrapArgument) };
  if (language.identifierKinds.includes(callee.kind()) || callee.kind() === 'name' || callee.kind() === 'qualified_name') return { name: callee.text(), receiver: node.field('receiver'), args: args.map(unwrapArgument) };
  if (MEMBER_KINDS.has(callee.kind())) {
    const member = callee.field('attribute') ?? callee.field('property') ?? callee.field('field') ?? callee.field('name');
    const receiver = callee.field('object') ?? callee.field('operand') ?? callee.field('expression') ?? callee.field('path') ?? namedChildrenWithoutComments(callee)[0] ?? null;
    return { name: member?.text(), receiver: receiver && receiver.id() !== member?.id() ? receiver : null, args: args.map(unwrapArgument) };
  }
  return { name: undefined, receiver: null, args: args.map(unwrapArgument) };
}

/** C#, PHP and Kotlin wrap each argument in an `argument` node; the value is inside. */
function unwrapArgument(arg: SyntaxNode): SyntaxNode {
  if (arg.kind() !== 'argument' && arg.kind() !== 'value_argument') return arg;
  const children = namedChildrenWithoutComments(arg);
  return children[children.length - 1] ?? arg;
}

/** The names of a function's parameters, in order (receivers like Python's `self` included). */
export function parameterNames(fn: SyntaxNode, language: LanguageSpec): string[] {
  return parameterDeclarations(fn, language).map((parameter) => parameter.name);
}

/** A function's parameters in order: each name with the node declaring it (annotations and type included). */
export function parameterDeclarations(fn: SyntaxNode, language: LanguageSpec): { name: string; node: SyntaxNode }[] {
  const parameters = language.functionParameters(fn);
  if (!parameters) return [];
  if (language.identifierKinds.includes(parameters.kind())) return [{ name: parameters.text(), node: parameters }]; // `x => …`
  const declarations: { name: string; node: SyntaxNode }[] = [];
  for (const parameter of namedChildrenWithoutComments(parameters)) {
    if (language.identifierKinds.includes(parameter.kind())) {
      declarations.push({ name: parameter.text(), node: parameter });
      continue;
    }
    const direct = parameter.field('name') ?? parameter.field('pattern') ?? parameter.field('left') ?? parameter.field('declarator');
    // Go groups names of one type (`a, b string`): each is a parameter.
    const grouped = parameter.kind() === 'parameter_declaration' && language.id === 'go' ? namedChildrenWithoutComments(parameter).filter((child) => language.identifierKinds.includes(child.kind())) : [];
    if (grouped.length > 1) {
      declarations.push(...grouped.map((child) => ({ name: child.text(), node: parameter })));
      continue;
    }
    if (direct?.kind() === 'tuple_struct_pattern') {
      // Rust extractors (`Query(params): Query<T>`): the names inside the pattern are bound, not its type.
      const bound = patternNames(direct, language);
      if (bound.length > 0) {
        declarations.push(...bound.map((child) => ({ name: child.text(), node: parameter })));
        continue;
      }
    }
    const identifier = direct && language.identifierKinds.includes(direct.kind()) ? direct : firstIdentifier(direct ?? parameter, language);
    declarations.push({ name: identifier?.text() ?? '', node: parameter });
  }
  return declarations;
}

/** The first identifier under `node` in source order, found with an explicit stack: a parameter's default value may nest deeply. */
function firstIdentifier(node: SyntaxNode, language: LanguageSpec): SyntaxNode | undefined {
  const stack = [node];
  for (let next = stack.pop(); next; next = stack.pop()) {
    if (language.identifierKinds.includes(next.kind())) return next;
    const children = namedChildrenWithoutComments(next);
    for (let index = children.length - 1; index >= 0; index--) stack.push(children[index]!);
  }
  return undefined;
}
