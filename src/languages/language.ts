
/** The parts of an ast-grep node loopwarden uses, with plain string kinds and field names. */
export interface SyntaxNode {
  id(): number;
  kind(): string;
  text(): string;
  range(): { start: { line: number; column: number; index: number }; end: { line: number; column: number; index: number } };
  isNamed(): boolean;
  isLeaf(): boolean;
  children(): SyntaxNode[];
  namedChildren(): SyntaxNode[];
  field(name: string): SyntaxNode | null;
  parent(): SyntaxNode | null;
  ancestors(): SyntaxNode[];
  find(matcher: unknown): SyntaxNode | null;
  findAll(matcher: unknown): SyntaxNode[];
  getMatch(metavariable: string): SyntaxNode | null;
  matches(matcher: unknown): boolean;
  getRoot(): { root(): SyntaxNode };
}

/** Identifies a language loopwarden analyses; rule files name these ids. */
export type LanguageId = 'python' | 'javascript' | 'typescript' | 'tsx' | 'ejs' | 'java' | 'c' | 'cpp' | 'go' | 'csharp' | 'php' | 'ruby' | 'rust';

/** Where an assignment-like node keeps its target and its value (tree-sitter field names). */
export interface AssignmentShape {
  kind: string;
  target: string;
  /**
   * The value's field name, `*first` or `*last` when the grammar gives the value no field (Python's
   * `with f() as x`, C# declarators), or `*call`
   * for a variable declared as a call's argument (C# `out var v`), which the call fills in.
   */
  value: string;
  /** True when the node appends to the target (`+=`) rather than replacing it. */
  augmented?: boolean;
  /** True for loops that bind each element of `value` to `target`: the binding happens at the target. */
  loop?: boolean;
  /**
   * True for a comprehension's clause (`[f(x) for x in xs]`): it binds before the element expression that
   * precedes it in the text is evaluated, so the binding is placed at the comprehension's opening bracket.
   */
  comprehension?: boolean;
}

/** Node kinds that drive cyclomatic and cognitive complexity (SonarSource's definitions). */
export interface ComplexityShape {
  /** `if` statements; an `if` that is the else-branch of another `if` counts as `else if`. */
  ifKinds: string[];
  /** Else clauses, when the grammar has a node for them. */
  elseKinds: string[];
  /** `elif`-style clauses that are their own node (Python). */
  elseIfKinds: string[];
  loopKinds: string[];
  catchKinds: string[];
  switchKinds: string[];
  /** Case labels that add a path to the cyclomatic count (default labels are excluded by `isDefaultCase`). */
  caseKinds: string[];
  ternaryKinds: string[];
  /** Binary nodes that may carry `&&`/`||`/`and`/`or`. */
  logicalKinds: string[];
  logicalOperators: string[];
  /** Jumps that break linear flow: `goto`, labelled `break`/`continue`. */
  jumpKinds: string[];
  /** Nodes that add nesting but no increment of their own: lambdas, nested functions. */
  nestingOnlyKinds: string[];
  /** Call expressions, to count recursion. */
  callKinds: string[];
}

/** Everything loopwarden needs to know about one language: files, functions, comments, strings. */
export interface LanguageSpec {
  id: LanguageId;
  /** How people name the language (`C++`, `JavaScript`): prompts and reports say it. */
  name: string;
  /** The name the ast-grep parser is registered under. */
  parserName: string;
  extensions: string[];
  /**
   * The programs that run this language's scripts (`python3`, `node`): a file without an extension whose
   * first line is `#!` naming one of them is analysed as this language.
   */
  interpreters?: RegExp;
  /**
   * For code embedded in other text (EJS templates): the text the parser reads instead, with the same length
   * and line breaks, so every position in it is the same position in the file.
   */
  toParseable?(text: string): string;
  /** Tokens that start a line comment or a block comment, for inline suppressions. */
  commentStarts: string[];
  /** Nodes that are functions or methods (complexity is measured per node of these kinds). */
  functionKinds: string[];
  /**
   * How a fragment (a method without its class, statements without a function: what AI answers often look
   * like) is completed so it parses as the language's grammar demands, tried in order when the text alone
   * does not parse. Each prefix stays on the first line, so line numbers do not move; names in it start with
   * FRAGMENT_MARKER and are left out of function paths and metrics.
   */
  fragmentWrappers?: { prefix: string; suffix: string }[];
  /**
   * Whether a file that parses is still a fragment its rules cannot see into: PHP outside `<?php` (plain
   * text to the parser), Java statements or C statements outside any method or function.
   */
  isFragment?(text: string, root: SyntaxNode): boolean;
  /** Returns the function's name, or undefined for anonymous functions. */
  functionName(node: SyntaxNode): string | undefined;
  /** Returns the node holding the function's parameters, if any. */
  functionParameters(node: SyntaxNode): SyntaxNode | null;
  complexity: ComplexityShape;
  /** String literals that can contain interpolation parts, and the kinds of those parts. */
  stringKinds: string[];
  interpolationKinds: string[];
  /** Literals other than strings that are constants. */
  constantKinds: string[];
  identifierKinds: string[];
  /** Binary node kinds and the operators that build strings (`+`, Python's `%`). */
  concatKinds: string[];
  concatOperators: string[];
  parenthesizedKinds: string[];
  assignments: AssignmentShape[];
  /**
   * Comprehensions (`[f(x) for x in xs if p(x)]`): their value is their element expression (field `body`);
   * the clauses only bind its names.
   */
  comprehensionKinds?: string[];
  /** Assignment targets that destructure the value (Rust `(a, b)`, `S { a, .. }`, `Some(v)`): every name inside is bound. */
  destructuringKinds?: string[];
  /** Statements that return a value from a function (`return x`). */
  returnKinds: string[];
  /** Statement blocks: a function body of another kind is an expression it returns (`x => x + 1`). */
  blockKinds: string[];
  /**
   * Standard-library calls that store their argument in the receiver (`list.append(x)`) or under a key
   * (`map.put(k, v)`, `conf.set(section, k, v)`: the last argument is the value). Taint rules add their own.
   */
  collectionMethods?: { method: string; keyed: boolean }[];
  /**
   * Absolute paths of the files that may define class `typeName` used in this file (Java: its package
   * directory, its imports, a qualified name under the source root); undefined: no project summaries.
   */
  classFileCandidates?(typeName: string, root: SyntaxNode, absolutePath: string): string[];
  /** Absolute paths of the files that may hold module `modulePath` imported by this file (Python). */
  moduleFileCandidates?(modulePath: string, absolutePath: string): string[];
  /** The module a name was imported from in this file (`from a.b import f` → `a.b` for `f`), if any. */
  importedFrom?(name: string, root: SyntaxNode): string | undefined;
  /** The declared type of the variable a declarator introduces (`Helper h = …` → `Helper`). */
  declaredType?(declarator: SyntaxNode): string | undefined;
  /**
   * Library functions whose result depends only on their arguments (encoders, decoders, conversions),
   * matched against `receiver.name` or `name`: with constant arguments their result is a constant too.
   */
  pureCallees?: RegExp;
  /**
   * Conditions that reject a value by a predicate of the program's own (`not is_safe(x)`), as ast-grep rules
   * binding `$X`. As the condition of an `if` that leaves, they mark a value as checked; whether the check
   * suffices cannot be told, so a value built only from checked parts is reported at low confidence.
   */
  predicateGuards?: Record<string, unknown>[];
  /**
   * Calls whose result the program makes itself, whatever the input (a temporary file's name, the process
   * id, a fresh UUID, the clock): in origin mode such a value is accounted for, never attacker data.
   */
  programValues?: RegExp;
  /** True when a block's last expression is its value (Ruby, Rust). */
  implicitReturn?: boolean;
  /**
   * True when every nested function is a closure over the variables of the functions around it
   * (JavaScript's callbacks): a name it reads but never assigns holds what the enclosing function stored.
   */
  closuresCapture?: boolean;
  /**
   * Rewrites a rule's pattern string when the grammar cannot parse it as written (a Go snippet is not a
   * valid source file), returning an ast-grep pattern object; undefined leaves it as it is.
   */
  rewritePattern?(pattern: string): { context: string; selector: string } | undefined;
  /** Classifies nodes the generic rules cannot (C macro bodies); undefined defers to them. */
  classifySpecial?(node: SyntaxNode): 'constant' | 'opaque' | undefined;
  /** Returns the argument nodes when `node` is a string-formatting or joining call (`"..".format(x)`, `" ".join(xs)`, `fmt.Sprintf`). */
  formatCallArguments(node: SyntaxNode): SyntaxNode[] | undefined;
}

/** Returns the named children of `node` that are not comments. */
export function namedChildrenWithoutComments(node: SyntaxNode): SyntaxNode[] {
  return node.namedChildren().filter((child) => !child.kind().includes('comment'));
}

/** Starts the names loopwarden gives the class and function it wraps a fragment in. */
export const FRAGMENT_MARKER = '__loopwardenFragment';
