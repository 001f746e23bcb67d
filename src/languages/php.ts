import { parse } from '@ast-grep/napi';
import type { LanguageSpec, SyntaxNode } from './language.js';

/** PHP: functions, methods, closures and arrow functions; strings are built with `.`, `"{$x}"` and `sprintf`. */
export const php: LanguageSpec = {
  id: 'php',
  name: 'PHP',
  parserName: 'php',
  // PHP code outside `<?php` is plain text to the parser: a snippet without the tag is code all the same.
  fragmentWrappers: [{ prefix: '<?php ', suffix: '\n' }],
  isFragment: (text) => !text.includes('<?') && /\$[A-Za-z_]\w*|\b(function|echo|return)\b/.test(text),
  extensions: ['.php', '.phtml'],
  interpreters: /^php[\d.]*$/,
  commentStarts: ['//', '#', '/*'],
  functionKinds: ['function_definition', 'method_declaration', 'anonymous_function', 'arrow_function'],
  functionName: (node) => node.field('name')?.text(),
  functionParameters: (node) => node.field('parameters'),
  complexity: {
    ifKinds: ['if_statement'],
    elseKinds: ['else_clause'],
    elseIfKinds: ['else_if_clause'],
    loopKinds: ['for_statement', 'foreach_statement', 'while_statement', 'do_statement'],
    catchKinds: ['catch_clause'],
    switchKinds: ['switch_statement', 'match_expression'],
    caseKinds: ['case_statement', 'match_conditional_expression'],
    ternaryKinds: ['conditional_expression'],
    logicalKinds: ['binary_expression'],
    logicalOperators: ['&&', '||', 'and', 'or', '??'],
    jumpKinds: ['goto_statement'],
    nestingOnlyKinds: ['anonymous_function', 'arrow_function'],
    callKinds: ['function_call_expression', 'member_call_expression', 'scoped_call_expression', 'nullsafe_member_call_expression'],
  },
  stringKinds: ['string', 'encapsed_string', 'heredoc', 'nowdoc'],
  // Variables inside double-quoted strings and heredocs are interpolated.
  interpolationKinds: ['variable_name'],
  constantKinds: ['integer', 'float', 'boolean', 'null'],
  identifierKinds: ['variable_name'],
  concatKinds: ['binary_expression'],
  concatOperators: ['.'],
  parenthesizedKinds: ['parenthesized_expression'],
  returnKinds: ['return_statement'],
  blockKinds: ['compound_statement'],
  assignments: [
    { kind: 'assignment_expression', target: 'left', value: 'right' },
    { kind: 'augmented_assignment_expression', target: 'left', value: 'right', augmented: true },
  ],
  rewritePattern(pattern: string) {
    // Outside `<?php` a snippet is inline HTML: give it the tag and select the expression it parses to.
    const context = `<?php ${pattern.trim()};`;
    const statement = parse('php' as never, context).root().namedChildren().find((child) => child.kind() === 'expression_statement');
    const selector = statement?.namedChildren()[0]?.kind();
    return selector ? { context, selector: selector as string } : undefined;
  },
  formatCallArguments(node: SyntaxNode) {
    if (node.kind() !== 'function_call_expression') return undefined;
    const callee = node.field('function')?.text();
    if (callee !== 'sprintf' && callee !== 'vsprintf' && callee !== 'implode') return undefined;
    return (node.field('arguments')?.namedChildren() ?? []).map((arg) => arg.namedChildren().at(-1) ?? arg);
  },
};
