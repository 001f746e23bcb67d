import type { LanguageSpec, SyntaxNode } from './language.js';
import { pythonModuleFileCandidates } from './python-modules.js';

/** Python: functions are `def` and `lambda`; strings may be f-strings with `{}` interpolation. */
export const python: LanguageSpec = {
  id: 'python',
  name: 'Python',
  parserName: 'python',
  extensions: ['.py', '.pyw'],
  interpreters: /^(python|pypy)[\d.]*$/,
  commentStarts: ['#'],
  functionKinds: ['function_definition', 'lambda'],
  functionName: (node) => node.field('name')?.text(),
  functionParameters: (node) => node.field('parameters'),
  complexity: {
    ifKinds: ['if_statement'],
    elseKinds: ['else_clause'],
    elseIfKinds: ['elif_clause'],
    loopKinds: ['for_statement', 'while_statement'],
    catchKinds: ['except_clause'],
    switchKinds: ['match_statement'],
    caseKinds: ['case_clause'],
    ternaryKinds: ['conditional_expression'],
    logicalKinds: ['boolean_operator'],
    logicalOperators: ['and', 'or'],
    jumpKinds: [],
    nestingOnlyKinds: ['lambda', 'function_definition'],
    callKinds: ['call'],
  },
  // Adjacent literals ("a" f"{b}") are one string: built when any piece interpolates.
  stringKinds: ['string', 'concatenated_string'],
  interpolationKinds: ['interpolation'],
  constantKinds: ['integer', 'float', 'true', 'false', 'none'],
  identifierKinds: ['identifier'],
  concatKinds: ['binary_operator'],
  concatOperators: ['+', '%'],
  parenthesizedKinds: ['parenthesized_expression'],
  collectionMethods: [{ method: 'append', keyed: false }, { method: 'extend', keyed: false }, { method: 'insert', keyed: false }, { method: 'add', keyed: false }, { method: 'update', keyed: false }, { method: 'set', keyed: true }, { method: 'setdefault', keyed: true }],
  programValues: /^(tempfile\.(mktemp|mkstemp|mkdtemp|gettempdir|TemporaryDirectory|NamedTemporaryFile|TemporaryFile)|os\.(getpid|getppid|getcwd)|uuid\.uuid[14]|time\.(time|time_ns|monotonic)|secrets\.token_(hex|urlsafe))$/,
  pureCallees: /^(os\.path\.(join|basename|dirname|split|splitext|normpath|normcase)|contextlib\.closing|(base64|binascii|codecs|json|html|urllib\.parse|re|string|hashlib|hmac|zlib|math|textwrap|shlex|markupsafe)\.\w+|str|int|float|bool|bytes|bytearray|len|repr|format|sorted|list|tuple|dict|set|min|max|abs|round|ord|chr|hex)$/,
  predicateGuards: [{ pattern: 'not $F($X)' }],
  returnKinds: ['return_statement'],
  blockKinds: ['block'],
  assignments: [
    { kind: 'assignment', target: 'left', value: 'right' },
    { kind: 'augmented_assignment', target: 'left', value: 'right', augmented: true },
    { kind: 'for_statement', target: 'left', value: 'right', loop: true },
    { kind: 'for_in_clause', target: 'left', value: 'right', comprehension: true },
    // `with open(p) as f`, `except E as e`: the name is bound to what the context manager gives.
    { kind: 'as_pattern', target: 'alias', value: '*first' },
  ],
  comprehensionKinds: ['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression'],
  // `as_pattern_target` wraps the name, or a tuple of names, that `with … as` binds.
  destructuringKinds: ['as_pattern_target'],
  moduleFileCandidates: pythonModuleFileCandidates,
  importedFrom(name: string, root: SyntaxNode) {
    for (const statement of root.findAll({ rule: { kind: 'import_from_statement' } })) {
      const module = statement.field('module_name')?.text();
      if (!module || module.startsWith('.')) continue;
      const names = statement.namedChildren().slice(1);
      for (const imported of names) {
        const alias = imported.kind() === 'aliased_import' ? imported.field('alias')?.text() : imported.text();
        if (alias === name) return module;
      }
    }
    return undefined;
  },
  formatCallArguments(node: SyntaxNode) {
    if (node.kind() !== 'call') return undefined;
    const callee = node.field('function');
    if (callee?.kind() !== 'attribute') return undefined;
    const receiver = callee.field('object');
    const method = callee.field('attribute')?.text();
    if ((method !== 'format' && method !== 'join') || receiver?.kind() !== 'string') return undefined;
    const args = node.field('arguments')?.namedChildren() ?? [];
    if (method === 'format') return args;
    // `" ".join(parts)`: the pieces of a list or tuple written out, else the iterable itself.
    if (args.length !== 1) return undefined;
    const pieces = args[0]!.kind() === 'list' || args[0]!.kind() === 'tuple' ? args[0]!.namedChildren() : args;
    return [receiver, ...pieces];
  },
};
