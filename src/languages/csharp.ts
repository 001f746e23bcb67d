import { dirname, join } from 'node:path';
import type { LanguageSpec, SyntaxNode } from './language.js';

/** C#: methods, constructors, local functions and lambdas; strings are built with `+`, `$"{}"` and `string.Format`. */
export const csharp: LanguageSpec = {
  id: 'csharp',
  name: 'C#',
  parserName: 'csharp',
  // Statements outside a method parse as C# 9 top-level statements, which its rules do not look into.
  isFragment: (_text, root) => root.children().some((child) => child.kind() === 'global_statement'),
  fragmentWrappers: [
    { prefix: 'class __loopwardenFragment { ', suffix: '\n}' },
    { prefix: 'class __loopwardenFragment { void __loopwardenFragment() { ', suffix: '\n}}' },
  ],
  extensions: ['.cs'],
  commentStarts: ['//', '/*'],
  functionKinds: ['method_declaration', 'constructor_declaration', 'local_function_statement', 'lambda_expression', 'anonymous_method_expression'],
  functionName: (node) => node.field('name')?.text(),
  functionParameters: (node) => node.field('parameters'),
  complexity: {
    ifKinds: ['if_statement'],
    elseKinds: [],
    elseIfKinds: [],
    loopKinds: ['for_statement', 'foreach_statement', 'while_statement', 'do_statement'],
    catchKinds: ['catch_clause'],
    switchKinds: ['switch_statement', 'switch_expression'],
    caseKinds: ['switch_section', 'switch_expression_arm'],
    ternaryKinds: ['conditional_expression'],
    logicalKinds: ['binary_expression'],
    logicalOperators: ['&&', '||', '??'],
    jumpKinds: ['goto_statement'],
    nestingOnlyKinds: ['lambda_expression', 'anonymous_method_expression', 'local_function_statement'],
    callKinds: ['invocation_expression'],
  },
  stringKinds: ['string_literal', 'verbatim_string_literal', 'raw_string_literal', 'interpolated_string_expression'],
  interpolationKinds: ['interpolation'],
  constantKinds: ['integer_literal', 'real_literal', 'character_literal', 'boolean_literal', 'null_literal'],
  identifierKinds: ['identifier'],
  concatKinds: ['binary_expression'],
  concatOperators: ['+'],
  parenthesizedKinds: ['parenthesized_expression'],
  collectionMethods: [{ method: 'Add', keyed: false }, { method: 'AddRange', keyed: false }, { method: 'Append', keyed: false }, { method: 'Insert', keyed: false }, { method: 'Push', keyed: false }, { method: 'Enqueue', keyed: false }],
  returnKinds: ['return_statement'],
  blockKinds: ['block'],
  assignments: [
    { kind: 'variable_declarator', target: 'name', value: '*last' },
    { kind: 'assignment_expression', target: 'left', value: 'right' },
    { kind: 'foreach_statement', target: 'left', value: 'right', loop: true },
    // `Request.Query.TryGetValue("q", out var q)`: q holds what the call found.
    { kind: 'declaration_expression', target: 'name', value: '*call' },
  ],
  // By the common convention a class lives in a file of its name; the project's classes are looked for beside the file.
  classFileCandidates(typeName: string, _root: SyntaxNode, absolutePath: string) {
    const simple = typeName.replace(/<.*>$/s, '').split('.').pop()!;
    return [join(dirname(absolutePath), `${simple}.cs`)];
  },
  declaredType(declarator: SyntaxNode) {
    const declaration = declarator.parent();
    if (declaration?.kind() !== 'variable_declaration') return undefined;
    const type = declaration.field('type')?.text();
    if (type !== 'var') return type;
    // `var h = new Helper(…)`: the type is the one made.
    const value = declarator.namedChildren().at(-1);
    return value?.kind() === 'object_creation_expression' ? value.field('type')?.text() : undefined;
  },
  formatCallArguments(node: SyntaxNode) {
    if (node.kind() !== 'invocation_expression') return undefined;
    const callee = node.field('function')?.text();
    if (callee !== 'string.Format' && callee !== 'String.Format' && callee !== 'string.Concat' && callee !== 'String.Concat') return undefined;
    return (node.field('arguments')?.namedChildren() ?? []).map((arg) => arg.namedChildren().at(-1) ?? arg);
  },
};
