import type { LanguageId, LanguageSpec, SyntaxNode } from './language.js';

function declaredName(node: SyntaxNode): string | undefined {
  // int *f(int a) nests the name inside pointer and function declarators.
  let declarator = node.field('declarator');
  while (declarator && declarator.field('declarator')) declarator = declarator.field('declarator');
  return declarator?.text();
}

function parametersOf(node: SyntaxNode): SyntaxNode | null {
  let declarator = node.field('declarator');
  while (declarator && declarator.kind() !== 'function_declarator') declarator = declarator.field('declarator');
  return declarator?.field('parameters') ?? null;
}

function makeCFamily(id: LanguageId, name: string, parserName: string, extensions: string[], isCpp: boolean): LanguageSpec {
  return {
    id,
    name,
    parserName,
    // Statements without a function (declarations at the top are ordinary C; statements are not).
    isFragment: (_text, root) => root.children().some((child) => /_statement$/.test(child.kind()) && child.kind() !== 'preproc_if'),
    fragmentWrappers: [{ prefix: 'void __loopwardenFragment(void) { ', suffix: '\n}' }],
    extensions,
    commentStarts: ['//', '/*'],
    functionKinds: isCpp ? ['function_definition', 'lambda_expression'] : ['function_definition'],
    functionName: (node) => (node.kind() === 'function_definition' ? declaredName(node) : undefined),
    functionParameters: (node) => (node.kind() === 'function_definition' ? parametersOf(node) : node.field('declarator')),
    complexity: {
      ifKinds: ['if_statement'],
      elseKinds: ['else_clause'],
      elseIfKinds: [],
      loopKinds: isCpp ? ['for_statement', 'while_statement', 'do_statement', 'for_range_loop'] : ['for_statement', 'while_statement', 'do_statement'],
      catchKinds: isCpp ? ['catch_clause'] : [],
      switchKinds: ['switch_statement'],
      caseKinds: ['case_statement'],
      ternaryKinds: ['conditional_expression'],
      logicalKinds: ['binary_expression'],
      logicalOperators: ['&&', '||', 'and', 'or'],
      jumpKinds: ['goto_statement'],
      nestingOnlyKinds: isCpp ? ['lambda_expression'] : [],
      callKinds: ['call_expression'],
    },
    stringKinds: isCpp ? ['string_literal', 'raw_string_literal', 'concatenated_string'] : ['string_literal', 'concatenated_string'],
    interpolationKinds: [],
    constantKinds: ['number_literal', 'char_literal', 'true', 'false', 'null'],
    identifierKinds: ['identifier'],
    concatKinds: isCpp ? ['binary_expression'] : [],
    concatOperators: isCpp ? ['+'] : [],
    parenthesizedKinds: ['parenthesized_expression'],
  returnKinds: ['return_statement'],
    blockKinds: ['compound_statement'],
    assignments: [
      { kind: 'init_declarator', target: 'declarator', value: 'value' },
      { kind: 'assignment_expression', target: 'left', value: 'right' },
      { kind: 'preproc_def', target: 'name', value: 'value' },
    ],
    classifySpecial(node: SyntaxNode) {
      // `#define GREETING "Hello %s"`: the macro body is raw text; a lone literal is a constant.
      if (node.kind() !== 'preproc_arg') return undefined;
      return /^\s*("([^"\\]|\\.)*"\s*)+$|^\s*-?\d+[uUlL]*\s*$/.test(node.text()) ? 'constant' : 'opaque';
    },
    rewritePattern(pattern: string) {
      // Outside a function `f(x)` reads as a declaration of x with type f; give calls a function body.
      const trimmed = pattern.trim();
      if (/^[\w$.>-]+\(.*\)$/s.test(trimmed)) return { context: `void _() { ${trimmed}; }`, selector: 'call_expression' };
      if (/^[\w$.>-]+\(.*\);$/s.test(trimmed)) return { context: `void _() { ${trimmed} }`, selector: 'expression_statement' };
      return undefined;
    },
    formatCallArguments: () => undefined,
  };
}

/** C. Headers (`.h`) are parsed as C. */
export const c = makeCFamily('c', 'C', 'c', ['.c', '.h'], false);
/** C++. */
export const cpp = makeCFamily('cpp', 'C++', 'cpp', ['.cc', '.cpp', '.cxx', '.c++', '.hpp', '.hh', '.hxx'], true);
