import type { LanguageSpec, SyntaxNode } from './language.js';
import { javaClassFileCandidates } from './java-classes.js';

/** Java: methods, constructors and lambdas; strings are built with `+`, `String.format` and `concat`. */
export const java: LanguageSpec = {
  id: 'java',
  name: 'Java',
  parserName: 'java',
  // A method without its class, then statements without a method.
  isFragment: (_text, root) => {
    const kinds = root.children().map((child) => child.kind());
    return !kinds.some((kind) => /^(class|interface|enum|record|annotation_type)_declaration$/.test(kind)) && kinds.some((kind) => !/^(package_declaration|import_declaration|line_comment|block_comment)$/.test(kind));
  },
  fragmentWrappers: [
    { prefix: 'class __loopwardenFragment { ', suffix: '\n}' },
    { prefix: 'class __loopwardenFragment { void __loopwardenFragment() throws Exception { ', suffix: '\n}}' },
  ],
  extensions: ['.java'],
  commentStarts: ['//', '/*'],
  functionKinds: ['method_declaration', 'constructor_declaration', 'lambda_expression'],
  functionName: (node) => node.field('name')?.text(),
  functionParameters: (node) => node.field('parameters'),
  complexity: {
    ifKinds: ['if_statement'],
    elseKinds: [],
    elseIfKinds: [],
    loopKinds: ['for_statement', 'enhanced_for_statement', 'while_statement', 'do_statement'],
    catchKinds: ['catch_clause'],
    switchKinds: ['switch_expression'],
    caseKinds: ['switch_label'],
    ternaryKinds: ['ternary_expression'],
    logicalKinds: ['binary_expression'],
    logicalOperators: ['&&', '||'],
    jumpKinds: ['break_statement', 'continue_statement'],
    nestingOnlyKinds: ['lambda_expression', 'class_body'],
    callKinds: ['method_invocation'],
  },
  stringKinds: ['string_literal'],
  interpolationKinds: [],
  constantKinds: [
    'decimal_integer_literal',
    'hex_integer_literal',
    'decimal_floating_point_literal',
    'character_literal',
    'true',
    'false',
    'null_literal',
  ],
  identifierKinds: ['identifier'],
  concatKinds: ['binary_expression'],
  concatOperators: ['+'],
  parenthesizedKinds: ['parenthesized_expression'],
  collectionMethods: [{ method: 'add', keyed: false }, { method: 'addAll', keyed: false }, { method: 'addElement', keyed: false }, { method: 'append', keyed: false }, { method: 'insert', keyed: false }, { method: 'offer', keyed: false }, { method: 'push', keyed: false }, { method: 'put', keyed: true }, { method: 'putIfAbsent', keyed: true }, { method: 'setProperty', keyed: true }, { method: 'setAttribute', keyed: true }],
  pureCallees: /^(([\w.]*\.)?(String|Integer|Long|Double|Boolean|Math|Base64|URLDecoder|URLEncoder|Arrays|Objects|StringEscapeUtils|Encode)\.\w+)$/,
  returnKinds: ['return_statement'],
  blockKinds: ['block', 'constructor_body'],
  assignments: [
    { kind: 'variable_declarator', target: 'name', value: 'value' },
    { kind: 'assignment_expression', target: 'left', value: 'right' },
    // `for (Cookie c : cookies)`: each element of the collection is bound to the loop variable.
    { kind: 'enhanced_for_statement', target: 'name', value: 'value', loop: true },
  ],
  classFileCandidates(typeName: string, root: SyntaxNode, absolutePath: string) {
    // Package and imports sit at the top level of a compilation unit: no need to walk the whole tree.
    const topLevel = root.namedChildren();
    const packageName = topLevel.find((node) => node.kind() === 'package_declaration')?.text().replace(/^package\s+|;$/g, '').trim();
    const imports = topLevel.filter((node) => node.kind() === 'import_declaration').map((node) => node.text().replace(/^import\s+|;$/g, '').trim());
    return javaClassFileCandidates(typeName.replace(/<.*>$/s, ''), packageName, imports, absolutePath);
  },
  declaredType(declarator: SyntaxNode) {
    const declaration = declarator.parent();
    return declaration?.kind() === 'local_variable_declaration' || declaration?.kind() === 'field_declaration' ? declaration.field('type')?.text() : undefined;
  },
  formatCallArguments(node: SyntaxNode) {
    if (node.kind() !== 'method_invocation') return undefined;
    const method = node.field('name')?.text();
    const receiver = node.field('object');
    const args = node.field('arguments')?.namedChildren() ?? [];
    if ((method === 'format' || method === 'formatted') && receiver) {
      return receiver.kind() === 'string_literal' ? [receiver, ...args] : args;
    }
    if (method === 'concat' && receiver?.kind() === 'string_literal') return [receiver, ...args];
    return undefined;
  },
};
