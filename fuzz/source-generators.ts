import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import fc from 'fast-check';
import type { FuzzInput } from './fuzz-input.js';
import { REPO } from './fuzz-input.js';

// Hostile source files for the engine: what an agent, a broken editor or an attacker can leave in a repository.

/** One extension per supported language (src/languages/registry.ts), the ones the deep-nesting shapes know. */
export const LANGUAGE_EXTENSIONS = {
  python: '.py',
  javascript: '.js',
  typescript: '.ts',
  java: '.java',
  c: '.c',
  cpp: '.cpp',
  go: '.go',
  csharp: '.cs',
  php: '.php',
  ruby: '.rb',
  rust: '.rs',
} as const;

type NestingLanguage = keyof typeof LANGUAGE_EXTENSIONS;
const LANGUAGES = Object.keys(LANGUAGE_EXTENSIONS) as NestingLanguage[];
const EXTENSIONS = [...Object.values(LANGUAGE_EXTENSIONS), '.tsx', '.jsx', '.mjs', '.h', '.hpp', '.pyw', '.rake', '.phtml'];

const utf8 = (text: string) => Buffer.from(text, 'utf8');

/** Real code to cut up: the demo project and every rule's annotated example (all eleven languages). */
function exampleFiles(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && EXTENSIONS.includes(extname(entry.name)) && statSync(path).size < 200_000) found.push(path);
    }
  };
  walk(join(REPO, 'examples', 'demo'));
  walk(join(REPO, 'rules'));
  return found.sort();
}

let examples: { name: string; bytes: Buffer }[] | undefined;
const exampleSources = () => (examples ??= exampleFiles().map((path) => ({ name: `example${extname(path)}`, bytes: readFileSync(path) })));

/** Random bytes under a source file name. */
export const randomBytes = (): fc.Arbitrary<FuzzInput> =>
  fc.record({ ext: fc.constantFrom(...EXTENSIONS), bytes: fc.uint8Array({ maxLength: 8192 }) }).map(({ ext, bytes }) => ({
    target: 'source' as const,
    label: `${bytes.length} random bytes as ${ext}`,
    name: `random${ext}`,
    bytes: Buffer.from(bytes),
  }));

/** A real example cut at any byte (mid-character too), sometimes with bytes flipped or a region repeated. */
export const truncatedExample = (): fc.Arbitrary<FuzzInput> =>
  fc
    .record({
      file: fc.nat(),
      cut: fc.double({ min: 0, max: 1, noNaN: true }),
      flips: fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
      repeat: fc.option(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 400 }), fc.integer({ min: 2, max: 50 }))),
    })
    .map(({ file, cut, flips, repeat }) => {
      const all = exampleSources();
      const source = all[file % all.length]!;
      let bytes = Buffer.from(source.bytes.subarray(0, Math.floor(source.bytes.length * cut)));
      for (const [at, value] of flips) if (bytes.length) bytes[Math.floor(at * bytes.length) % bytes.length] = value;
      if (repeat && bytes.length) {
        const [at, length, times] = repeat;
        const start = Math.floor(at * bytes.length);
        const region = bytes.subarray(start, start + length);
        bytes = Buffer.concat([bytes.subarray(0, start), ...Array<Buffer>(times).fill(region), bytes.subarray(start)]);
      }
      return { target: 'source' as const, label: `${source.name} cut to ${bytes.length} bytes`, name: source.name, bytes };
    });

const SECURITY_TOKENS = [
  'execute(', 'cursor.execute(', 'eval(', 'exec(', 'os.system(', 'subprocess.run(', 'shell=True', 'request.args.get(', 'request.GET[',
  'input(', 'pickle.loads(', 'yaml.load(', 'hashlib.md5(', 'random.random()', 'strcpy(', 'sprintf(', 'printf(', 'gets(', 'system(',
  'Runtime.getRuntime().exec(', 'request.getParameter(', 'Statement', 'createStatement()', 'innerHTML = ', 'document.write(',
  'child_process.exec(', 'req.query.', 'res.send(', 'new Function(', 'MessageDigest.getInstance("MD5")', 'password = "hunter2"',
  'os/exec', 'exec.Command(', 'db.Query(', 'fmt.Sprintf(', 'Process.Start(', 'SqlCommand(', '$_GET[', 'mysqli_query(', 'eval ', '`',
  'unsafe {', 'Command::new(', 'loopwarden-ignore ', 'loopwarden-ignore python-weak-hash: because', '# ok: ', '// ruleid: ',
];
const SYNTAX_TOKENS = [
  '(', ')', '{', '}', '[', ']', ';', ',', '.', ':', '=', '==', '+', '+=', '-', '*', '/', '%', '&&', '||', '!', '?', '->', '=>', '::',
  '"', "'", '"""', '\\', '#', '//', '/*', '*/', '<', '>', '<?php', '?>', '@', '$', '&', '|', '^', '~', '\n', '\n    ', '\t', ' ', '\r\n',
  'def ', 'class ', 'function ', 'func ', 'fn ', 'public static void ', 'int ', 'char buf[16]', 'return ', 'if ', 'else ', 'elif ',
  'for ', 'while ', 'switch ', 'case ', 'try ', 'catch ', 'except ', 'finally ', 'import ', 'from ', 'package main', '#include ',
  'lambda ', 'async ', 'await ', 'yield ', 'new ', 'let ', 'const ', 'var ', 'mut ', 'impl ', 'match ', 'do', 'end', 'begin',
  'x', 'name', 'query', 'user', 'data', 'f"SELECT {x}"', '"SELECT * FROM t WHERE id=" + id', '0', '1', '3.14', 'None', 'null', 'true',
  '\u00e9', '\u{1F600}', '\u202e', '\u0000', '\ufeff',
];

/** Code-like token soup built by fast-check: keywords, brackets, strings, and the calls rules look for. */
export const tokenSoup = (): fc.Arbitrary<FuzzInput> =>
  fc
    .record({ ext: fc.constantFrom(...EXTENSIONS), tokens: fc.array(fc.constantFrom(...SECURITY_TOKENS, ...SYNTAX_TOKENS), { maxLength: 600 }) })
    .map(({ ext, tokens }) => {
      const text = tokens.join('');
      return { target: 'source' as const, label: `${tokens.length} tokens as ${ext}`, name: `soup${ext}`, bytes: utf8(text) };
    });

type Shape = 'parens' | 'calls' | 'blocks' | 'arrays' | 'binary' | 'unclosed' | 'lambdas';
const SHAPES: Shape[] = ['parens', 'calls', 'blocks', 'arrays', 'binary', 'unclosed', 'lambdas'];

/** Wraps an expression into a statement in a function, so the nesting sits where the engine looks. */
function inFunction(language: NestingLanguage, body: string): string {
  switch (language) {
    case 'python':
      return `def f(a):\n    ${body}\n`;
    case 'javascript':
    case 'typescript':
      return `function f(a) {\n  ${body};\n}\n`;
    case 'java':
      return `class A {\n  void f(int a) {\n    ${body};\n  }\n}\n`;
    case 'c':
    case 'cpp':
      return `void f(int a) {\n  ${body};\n}\n`;
    case 'go':
      return `package main\nfunc f(a int) {\n  ${body}\n}\n`;
    case 'csharp':
      return `class A {\n  void F(int a) {\n    ${body};\n  }\n}\n`;
    case 'php':
      return `<?php\nfunction f($a) {\n  ${body};\n}\n`;
    case 'ruby':
      return `def f(a)\n  ${body}\nend\n`;
    case 'rust':
      return `fn f(a: i32) {\n  ${body};\n}\n`;
  }
}

const variable = (language: NestingLanguage) => (language === 'php' ? '$a' : 'a');
const assignment = (language: NestingLanguage) => (language === 'php' ? '$x = ' : language === 'go' ? 'x := ' : language === 'rust' ? 'let x = ' : language === 'python' || language === 'ruby' ? 'x = ' : language === 'javascript' || language === 'typescript' ? 'let x = ' : 'int x = ');

function nestedBlocks(language: NestingLanguage, depth: number): string {
  const a = variable(language);
  if (language === 'python') {
    // Indentation grows with depth; past 2000 levels the file alone would be gigabytes.
    const levels = Math.min(depth, 2000);
    const lines = Array.from({ length: levels }, (_, i) => `${' '.repeat(i + 1)}if ${a}:`);
    return `def f(a):\n${lines.join('\n')}\n${' '.repeat(levels + 1)}x = eval(a)\n`;
  }
  if (language === 'ruby') return `def f(a)\n${'if a\n'.repeat(depth)}system(a)\n${'end\n'.repeat(depth)}end\n`;
  const open = language === 'go' || language === 'rust' ? `if ${a} > 0 {` : `if (${a} > 0) {`;
  return inFunction(language, `${open.repeat(depth)} ${a} = ${a} + 1; ${'}'.repeat(depth)}`);
}

function nestedLambdas(language: NestingLanguage, depth: number): string {
  const a = variable(language);
  const [open, close] =
    language === 'python' ? ['(lambda: ', ')'] :
    language === 'javascript' || language === 'typescript' ? ['(() => ', ')'] :
    language === 'java' || language === 'csharp' ? ['(() -> ', ')'] :
    language === 'go' ? ['func() int { return ', ' }()'] :
    language === 'rust' ? ['(|| ', ')()'] :
    language === 'php' ? ['(fn() => ', ')()'] :
    language === 'ruby' ? ['(lambda { ', ' }).call'] :
    ['({ ', '; })'];
  return inFunction(language, `${assignment(language)}${open.repeat(depth)}${a}${close.repeat(depth)}`);
}

/** Returns the text of `shape` nested `depth` deep in `language`. */
export function deeplyNested(language: NestingLanguage, shape: Shape, depth: number): string {
  const a = variable(language);
  const set = assignment(language);
  switch (shape) {
    case 'parens':
      return inFunction(language, `${set}${'('.repeat(depth)}${a}${')'.repeat(depth)}`);
    case 'calls':
      return inFunction(language, `${set}${'g('.repeat(depth)}${a}${')'.repeat(depth)}`);
    case 'arrays': {
      const [open, close] = language === 'php' || language === 'python' || language === 'ruby' || language === 'javascript' || language === 'typescript' || language === 'rust' ? ['[', ']'] : ['{', '}'];
      return inFunction(language, `${set}${open.repeat(depth)}${a}${close.repeat(depth)}`);
    }
    case 'binary':
      return inFunction(language, `${set}${`${a} + `.repeat(depth)}${a}`);
    case 'unclosed':
      return inFunction(language, `${set}${'g(['.repeat(depth)}`);
    case 'blocks':
      return nestedBlocks(language, depth);
    case 'lambdas':
      return nestedLambdas(language, depth);
  }
}

/** Code nested hundreds to tens of thousands of levels deep, in every language and several shapes. */
export const deepNesting = (): fc.Arbitrary<FuzzInput> =>
  fc
    .record({ language: fc.constantFrom(...LANGUAGES), shape: fc.constantFrom(...SHAPES), depth: fc.constantFrom(100, 1000, 3000, 10_000, 30_000) })
    .map(({ language, shape, depth }) => ({
      target: 'source' as const,
      label: `${language} ${shape} nested ${depth} deep`,
      name: `deep${LANGUAGE_EXTENSIONS[language]}`,
      bytes: utf8(deeplyNested(language, shape, depth)),
    }));

/** One line of 100 kB up to 1 MiB (the default scan.maxFileSize): a string, a comment, statements or arguments side by side (wide, not deep). */
export const hugeLine = (): fc.Arbitrary<FuzzInput> =>
  fc
    .record({ language: fc.constantFrom(...LANGUAGES), kind: fc.constantFrom('string', 'comment', 'statements', 'arguments', 'identifier'), size: fc.integer({ min: 100_000, max: 1_040_000 }) })
    .map(({ language, kind, size }) => {
      const a = variable(language);
      const comment = language === 'python' || language === 'ruby' ? '# ' : '// ';
      const unit = kind === 'statements' ? `${a} = ${a};` : kind === 'arguments' ? `${a}, ` : 'x';
      const run = unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
      const line =
        kind === 'string' ? `${assignment(language)}"${run}"` :
        kind === 'comment' ? `${comment}${run}` :
        kind === 'arguments' ? `${assignment(language)}g(${run}${a})` :
        kind === 'identifier' ? `${assignment(language)}${run}` :
        run;
      return { target: 'source' as const, label: `${language} line of ${size} characters (${kind})`, name: `huge${LANGUAGE_EXTENSIONS[language]}`, bytes: utf8(kind === 'comment' || kind === 'statements' ? line : inFunction(language, line)) };
    });

const ODD_NAME_PARTS = [
  ' ', '  leading', 'trailing ', '-rf', '--help', '\n', '\t', '\r', 'é', 'ü', '日本語', '\u202e', '\u200b', '😀', '*', '?', '[a]', '{a,b}', '!',
  '#', '%', '$HOME', '`id`', "'", '"', '\\', ':', ';', '&', '|', '<', '>', '~', '..', '.', '.hidden', 'CON', 'nul', '\u00a0', 'a'.repeat(200),
];

/** Real code under names shells, globs and terminals trip over: spaces, newlines, globs, dashes, RTL marks, 240-byte names. */
export const oddFileName = (): fc.Arbitrary<FuzzInput> =>
  fc
    .record({
      parts: fc.array(fc.constantFrom(...ODD_NAME_PARTS), { minLength: 1, maxLength: 4 }),
      ext: fc.constantFrom(...EXTENSIONS, '.PY', '.Js', '.C'),
      example: fc.nat(),
    })
    .map(({ parts, ext, example }) => {
      const all = exampleSources();
      // A name must fit in 255 bytes with its extension; '/' and NUL are the only bytes a name cannot hold.
      let stem = parts.join('');
      while (Buffer.byteLength(stem + ext) > 255) stem = stem.slice(0, -1);
      if (stem === '.' || stem === '..' || stem === '') stem = `x${stem}`;
      return { target: 'source' as const, label: `file named ${JSON.stringify(stem + ext)}`, name: stem + ext, bytes: all[example % all.length]!.bytes };
    });
