import type { LanguageSpec, SyntaxNode } from './language.js';

/** Go: functions, methods and function literals; `fmt.Sprintf` builds strings. */
export const go: LanguageSpec = {
  id: 'go',
  name: 'Go',
  parserName: 'go',
  // Go's semicolons let the package clause share the first line.
  fragmentWrappers: [
    { prefix: 'package __loopwardenFragment; ', suffix: '\n' },
    { prefix: 'package __loopwardenFragment; func __loopwardenFragment() { ', suffix: '\n}' },
  ],
  extensions: ['.go'],
  commentStarts: ['//', '/*'],
  functionKinds: ['function_declaration', 'method_declaration', 'func_literal'],
  functionName: (node) => node.field('name')?.text(),
  functionParameters: (node) => node.field('parameters'),
  complexity: {
    ifKinds: ['if_statement'],
    elseKinds: [],
    elseIfKinds: [],
    loopKinds: ['for_statement'],
    catchKinds: [],
    switchKinds: ['expression_switch_statement', 'type_switch_statement', 'select_statement'],
    caseKinds: ['expression_case', 'type_case', 'communication_case'],
    ternaryKinds: [],
    logicalKinds: ['binary_expression'],
    logicalOperators: ['&&', '||'],
    jumpKinds: ['goto_statement', 'break_statement', 'continue_statement'],
    nestingOnlyKinds: ['func_literal'],
    callKinds: ['call_expression'],
  },
  stringKinds: ['interpreted_string_literal', 'raw_string_literal'],
  interpolationKinds: [],
  constantKinds: ['int_literal', 'float_literal', 'rune_literal', 'true', 'false', 'nil'],
  identifierKinds: ['identifier'],
  concatKinds: ['binary_expression'],
  concatOperators: ['+'],
  parenthesizedKinds: ['parenthesized_expression'],
  returnKinds: ['return_statement'],
  blockKinds: ['block'],
  assignments: [
    { kind: 'short_var_declaration', target: 'left', value: 'right' },
    { kind: 'assignment_statement', target: 'left', value: 'right' },
    { kind: 'var_spec', target: 'name', value: 'value' },
    { kind: 'const_spec', target: 'name', value: 'value' },
  ],
  rewritePattern(pattern: string) {
    // A bare `pkg.Fn($X)` is parsed as a type conversion outside a function body; give it one.
    const trimmed = pattern.trim();
    const selector = /^[\w$.]+\(.*\)$/s.test(trimmed)
      ? 'call_expression'
      : /^!\s*[\w$.]+\(.*\)$/s.test(trimmed)
        ? 'unary_expression'
      : /^[\w$.\[\]]+\s*=[^=]/.test(trimmed)
        ? 'assignment_statement'
        : undefined;
    return selector ? { context: `func _() { ${trimmed} }`, selector } : undefined;
  },
  formatCallArguments(node: SyntaxNode) {
    if (node.kind() !== 'call_expression') return undefined;
    const callee = node.field('function')?.text();
    if (callee !== 'fmt.Sprintf' && callee !== 'strings.Join' && callee !== 'fmt.Sprint') return undefined;
    return node.field('arguments')?.namedChildren() ?? [];
  },
};
