import type { LanguageSpec, SyntaxNode } from './language.js';

/** Ruby: methods, blocks and lambdas; strings are built with `+`, `"#{}"` and `format`; a block's last expression is its value. */
export const ruby: LanguageSpec = {
  id: 'ruby',
  name: 'Ruby',
  parserName: 'ruby',
  extensions: ['.rb', '.rake'],
  interpreters: /^j?ruby[\d.]*$/,
  commentStarts: ['#'],
  functionKinds: ['method', 'singleton_method', 'lambda', 'do_block', 'block'],
  functionName: (node) => node.field('name')?.text(),
  functionParameters: (node) => node.field('parameters'),
  complexity: {
    ifKinds: ['if', 'unless', 'if_modifier', 'unless_modifier'],
    elseKinds: ['else'],
    elseIfKinds: ['elsif'],
    loopKinds: ['for', 'while', 'until', 'while_modifier', 'until_modifier'],
    catchKinds: ['rescue'],
    switchKinds: ['case'],
    caseKinds: ['when'],
    ternaryKinds: ['conditional'],
    logicalKinds: ['binary'],
    logicalOperators: ['&&', '||', 'and', 'or'],
    jumpKinds: [],
    nestingOnlyKinds: ['lambda', 'do_block', 'block'],
    callKinds: ['call'],
  },
  stringKinds: ['string', 'subshell', 'heredoc_body'],
  interpolationKinds: ['interpolation'],
  constantKinds: ['integer', 'float', 'true', 'false', 'nil', 'simple_symbol'],
  identifierKinds: ['identifier'],
  concatKinds: ['binary'],
  concatOperators: ['+', '<<'],
  parenthesizedKinds: ['parenthesized_statements'],
  collectionMethods: [{ method: 'push', keyed: false }, { method: 'append', keyed: false }, { method: 'unshift', keyed: false }, { method: 'concat', keyed: false }, { method: 'store', keyed: true }],
  returnKinds: ['return'],
  // `then` holds the statements of an if/unless.
  blockKinds: ['body_statement', 'block_body', 'then'],
  implicitReturn: true,
  assignments: [
    { kind: 'assignment', target: 'left', value: 'right' },
    { kind: 'operator_assignment', target: 'left', value: 'right', augmented: true },
    { kind: 'for', target: 'pattern', value: 'value', loop: true },
  ],
  formatCallArguments(node: SyntaxNode) {
    if (node.kind() !== 'call' || node.field('receiver')) return undefined;
    const method = node.field('method')?.text();
    if (method !== 'format' && method !== 'sprintf') return undefined;
    return node.field('arguments')?.namedChildren() ?? [];
  },
};
