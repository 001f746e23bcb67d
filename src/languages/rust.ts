import type { LanguageSpec, SyntaxNode } from './language.js';

/** Rust: functions, methods and closures; strings are built with `format!` and `+`; a block's last expression is its value. */
export const rust: LanguageSpec = {
  id: 'rust',
  name: 'Rust',
  parserName: 'rust',
  fragmentWrappers: [{ prefix: 'fn __loopwardenFragment() { ', suffix: '\n}' }],
  extensions: ['.rs'],
  commentStarts: ['//', '/*'],
  functionKinds: ['function_item', 'closure_expression'],
  functionName: (node) => node.field('name')?.text(),
  functionParameters: (node) => node.field('parameters'),
  complexity: {
    ifKinds: ['if_expression'],
    elseKinds: [],
    elseIfKinds: [],
    loopKinds: ['for_expression', 'while_expression', 'loop_expression'],
    catchKinds: [],
    switchKinds: ['match_expression'],
    caseKinds: ['match_arm'],
    ternaryKinds: [],
    logicalKinds: ['binary_expression'],
    logicalOperators: ['&&', '||'],
    jumpKinds: [],
    nestingOnlyKinds: ['closure_expression'],
    callKinds: ['call_expression', 'macro_invocation'],
  },
  stringKinds: ['string_literal', 'raw_string_literal'],
  interpolationKinds: [],
  constantKinds: ['integer_literal', 'float_literal', 'boolean_literal', 'char_literal'],
  identifierKinds: ['identifier'],
  concatKinds: ['binary_expression'],
  concatOperators: ['+'],
  // `&sql` lends the same value.
  parenthesizedKinds: ['parenthesized_expression', 'reference_expression'],
  collectionMethods: [{ method: 'push', keyed: false }, { method: 'push_str', keyed: false }, { method: 'extend', keyed: false }, { method: 'insert', keyed: false }],
  returnKinds: ['return_expression'],
  blockKinds: ['block'],
  implicitReturn: true,
  assignments: [
    { kind: 'let_declaration', target: 'pattern', value: 'value' },
    { kind: 'assignment_expression', target: 'left', value: 'right' },
    { kind: 'compound_assignment_expr', target: 'left', value: 'right', augmented: true },
    { kind: 'for_expression', target: 'pattern', value: 'value', loop: true },
    // `if let Some(v) = q.get("k")` / `while let …`
    { kind: 'let_condition', target: 'pattern', value: 'value' },
  ],
  destructuringKinds: ['tuple_pattern', 'struct_pattern', 'tuple_struct_pattern', 'slice_pattern', 'reference_pattern', 'ref_pattern', 'mut_pattern'],
  formatCallArguments(node: SyntaxNode) {
    // `format!("..{}..", a, b)`: the macro's token tree holds the format string and its arguments.
    if (node.kind() !== 'macro_invocation' || node.namedChildren()[0]?.text() !== 'format') return undefined;
    const tree = node.namedChildren().find((child) => child.kind() === 'token_tree');
    return tree ? tree.namedChildren() : [];
  },
};
