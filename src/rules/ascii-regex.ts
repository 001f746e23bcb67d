// ast-grep compiles a rule's regexes again on every search, and the Rust regex crate builds Unicode
// `\w`, `\d`, `\s` and `\b` into automata that cost about 2 ms each: more than searching a whole file.
// Rules describe identifiers and keywords, so the ASCII classes mean the same here (and match what
// JavaScript's RegExp, used for prefilters and metavariable conditions, already means by them).

const OUTSIDE: Record<string, string> = {
  w: '[[:word:]]',
  W: '[^[:word:]]',
  d: '[0-9]',
  D: '[^0-9]',
  s: '[[:space:]]',
  S: '[^[:space:]]',
  b: '(?-u:\\b)',
  B: '(?-u:\\B)',
};

const INSIDE: Record<string, string> = {
  w: '[:word:]',
  W: '[:^word:]',
  d: '[:digit:]',
  D: '[:^digit:]',
  s: '[:space:]',
  S: '[:^space:]',
};

/** Rewrites a Rust regex's Unicode `\w \d \s \b` (and their negations) into their ASCII forms. */
export function asciiRegex(source: string): string {
  let out = '';
  let classDepth = 0;
  for (let index = 0; index < source.length; index++) {
    const char = source[index]!;
    if (char === '\\' && index + 1 < source.length) {
      const next = source[index + 1]!;
      const table = classDepth > 0 ? INSIDE : OUTSIDE;
      out += table[next] ?? char + next;
      index++;
      continue;
    }
    if (classDepth > 0 && source.startsWith('[:', index)) {
      // A POSIX class (`[:alpha:]`) inside a bracket class is one unit, not a nested class.
      const end = source.indexOf(':]', index + 2);
      if (end !== -1) {
        out += source.slice(index, end + 2);
        index = end + 1;
        continue;
      }
    }
    if (char === '[') {
      classDepth++;
      out += char;
      // A `]` right after `[` or `[^` is a literal member, not the end of the class.
      const negated = source[index + 1] === '^';
      if (negated) out += source[++index];
      if (source[index + 1] === ']') out += source[++index];
      continue;
    }
    if (char === ']' && classDepth > 0) classDepth--;
    out += char;
  }
  return out;
}

/** Applies `asciiRegex` to every `regex` value in an ast-grep rule object, at any depth. */
export function asciiRegexesIn(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(asciiRegexesIn);
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, key === 'regex' && typeof item === 'string' ? asciiRegex(item) : asciiRegexesIn(item)]),
  );
}
