import type { LanguageId, LanguageSpec, SyntaxNode } from './language.js';

const functionKinds = [
  'function_declaration',
  'function_expression',
  'generator_function_declaration',
  'generator_function',
  'arrow_function',
  'method_definition',
];

function functionName(node: SyntaxNode): string | undefined {
  const own = node.field('name');
  if (own) return own.text();
  // Anonymous functions take the name they are bound to: `const handler = () => ...`.
  const parent = node.parent();
  if (parent?.kind() === 'variable_declarator') return parent.field('name')?.text();
  if (parent?.kind() === 'pair') return parent.field('key')?.text();
  if (parent?.kind() === 'assignment_expression') return parent.field('left')?.text();
  return undefined;
}

function makeEcmaScript(id: LanguageId, name: string, parserName: string, extensions: string[], interpreters?: RegExp): LanguageSpec {
  return {
    id,
    name,
    parserName,
    extensions,
    ...(interpreters ? { interpreters } : {}),
    commentStarts: ['//', '/*'],
    functionKinds,
    functionName,
    functionParameters: (node) => node.field('parameters') ?? node.field('parameter'),
    complexity: {
      ifKinds: ['if_statement'],
      elseKinds: ['else_clause'],
      elseIfKinds: [],
      loopKinds: ['for_statement', 'for_in_statement', 'while_statement', 'do_statement'],
      catchKinds: ['catch_clause'],
      switchKinds: ['switch_statement'],
      caseKinds: ['switch_case'],
      ternaryKinds: ['ternary_expression'],
      logicalKinds: ['binary_expression'],
      logicalOperators: ['&&', '||', '??'],
      jumpKinds: ['break_statement', 'continue_statement'],
      nestingOnlyKinds: functionKinds,
      callKinds: ['call_expression'],
    },
    stringKinds: ['string', 'template_string'],
    interpolationKinds: ['template_substitution'],
    constantKinds: ['number', 'true', 'false', 'null', 'undefined'],
    identifierKinds: ['identifier'],
    // `const { pathname } = new URL(req.url)`, `const [first] = args`: each name holds a part of the value.
    destructuringKinds: ['object_pattern', 'array_pattern'],
    concatKinds: ['binary_expression'],
    concatOperators: ['+'],
    parenthesizedKinds: ['parenthesized_expression'],
    collectionMethods: [{ method: 'push', keyed: false }, { method: 'unshift', keyed: false }, { method: 'add', keyed: false }, { method: 'set', keyed: true }],
  pureCallees: /^((String|Number|JSON|Math|path)\.\w+|Buffer\.from|String|Number|parseInt|parseFloat|encodeURIComponent|decodeURIComponent|encodeURI|decodeURI)$/,
  returnKinds: ['return_statement'],
    blockKinds: ['statement_block'],
    closuresCapture: true,
    assignments: [
      { kind: 'variable_declarator', target: 'name', value: 'value' },
      { kind: 'assignment_expression', target: 'left', value: 'right' },
      { kind: 'augmented_assignment_expression', target: 'left', value: 'right', augmented: true },
    ],
    formatCallArguments(node: SyntaxNode) {
      // util.format("%s", x) and "".concat(x) build strings like `+` does.
      if (node.kind() !== 'call_expression') return undefined;
      const callee = node.field('function');
      if (callee?.kind() !== 'member_expression') return undefined;
      const method = callee.field('property')?.text();
      const receiver = callee.field('object');
      const isFormat = method === 'format' && receiver?.text() === 'util';
      const isConcat = method === 'concat' && (receiver?.kind() === 'string' || receiver?.kind() === 'template_string');
      if (!isFormat && !isConcat) return undefined;
      const args = node.field('arguments')?.namedChildren() ?? [];
      return isConcat && receiver ? [receiver, ...args] : args;
    },
  };
}

/** JavaScript (including JSX in `.js`/`.jsx` files, parsed with the TSX-capable grammar's JS sibling). */
export const javascript = makeEcmaScript('javascript', 'JavaScript', 'JavaScript', ['.js', '.jsx', '.mjs', '.cjs'], /^(node|nodejs|bun)$/);
/** TypeScript without JSX. */
export const typescript = makeEcmaScript('typescript', 'TypeScript', 'TypeScript', ['.ts', '.mts', '.cts'], /^(ts-node|ts-node-esm|tsx|deno)$/);
/** TypeScript with JSX. */
export const tsx = makeEcmaScript('tsx', 'TypeScript (TSX)', 'Tsx', ['.tsx']);
