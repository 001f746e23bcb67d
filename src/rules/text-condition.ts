/**
 * What a file's text must contain for an ast-grep rule to possibly match it, derived from the rule's patterns
 * and regexes. ast-grep compiles a rule on every search (each pattern is parsed again, at about 10 µs), so
 * compiling only the branches and source lists whose words a file holds is most of a scan's speed. A
 * condition is necessary, never sufficient: when unsure, derive nothing (null) rather than risk a miss.
 */
export type TextCondition =
  /** Every identifier occurs whole (lower case); `sequence`, when set, is a regex the text must match. */
  | { words: string[]; sequence?: string }
  /** The lower-cased text contains this (a regex chunk may be part of a longer identifier). */
  | { substring: string }
  | { all: TextCondition[] }
  | { any: TextCondition[] };

/** The condition an ast-grep rule (a `rule` object, with the file's utils) puts on the text; null: none. */
export function textConditionOf(
  rule: Record<string, unknown>,
  utils: Record<string, unknown> = {},
  seen: ReadonlySet<string> = new Set(),
): TextCondition | null {
  const parts: (TextCondition | null)[] = [];
  if (typeof rule.pattern === 'string') parts.push(patternCondition(rule.pattern));
  if (typeof rule.regex === 'string') parts.push(regexCondition(rule.regex));
  // Relations name nodes that must exist somewhere in the file; `not` names nodes that must not.
  for (const relation of ['has', 'inside', 'follows', 'precedes'] as const) {
    const sub = rule[relation];
    if (sub && typeof sub === 'object') parts.push(textConditionOf(sub as Record<string, unknown>, utils, seen));
  }
  if (Array.isArray(rule.all)) for (const sub of rule.all) parts.push(textConditionOf(sub as Record<string, unknown>, utils, seen));
  if (Array.isArray(rule.any)) parts.push(anyOf(rule.any.map((sub) => textConditionOf(sub as Record<string, unknown>, utils, seen))));
  if (typeof rule.matches === 'string' && utils[rule.matches] && !seen.has(rule.matches)) {
    parts.push(textConditionOf(utils[rule.matches] as Record<string, unknown>, utils, new Set([...seen, rule.matches])));
  }
  return allOf(parts);
}

/** One condition per entry of a list of ast-grep rules (sources, sanitizers, branches). */
export function textConditionsOf(rules: readonly unknown[], utils: Record<string, unknown> = {}): (TextCondition | null)[] {
  return rules.map((rule) => (rule && typeof rule === 'object' ? textConditionOf(rule as Record<string, unknown>, utils) : null));
}

/** Any one of the conditions; null when one of them is null (that alternative needs nothing). */
export function anyOf(conditions: readonly (TextCondition | null)[]): TextCondition | null {
  if (conditions.length === 0 || conditions.some((c) => c === null)) return null;
  return conditions.length === 1 ? conditions[0]! : { any: conditions as TextCondition[] };
}

function allOf(conditions: readonly (TextCondition | null)[]): TextCondition | null {
  const needed = conditions.filter((c): c is TextCondition => c !== null);
  if (needed.length === 0) return null;
  return needed.length === 1 ? needed[0]! : { all: needed };
}

const METAVARIABLE = /\$\$\$[A-Z0-9_]*|\$\$?[A-Z_][A-Z0-9_]*/g;
const TOKEN = /[A-Za-z_][A-Za-z0-9_]*|->|::|\.|[^]/g;
const IDENTIFIER = /^[A-Za-z_]/;
const SEPARATORS = new Set(['.', '->', '::']);

/**
 * A pattern matches only code holding each of its identifiers; identifiers written together with member
 * separators (`DES.new`, `$this->query`, `File::open`) are written together in the code too, give or take
 * whitespace, line continuations and comments. Metavariables stand for any code, so they separate runs.
 */
function patternCondition(pattern: string): TextCondition | null {
  const runs: string[][] = [];
  let run: string[] = [];
  const flush = () => {
    while (run.length > 0 && SEPARATORS.has(run.at(-1)!)) run.pop();
    if (run.length > 0) runs.push(run);
    run = [];
  };
  for (const token of pattern.replace(METAVARIABLE, ' ').match(TOKEN) ?? []) {
    if (IDENTIFIER.test(token)) {
      if (run.length > 0 && !SEPARATORS.has(run.at(-1)!)) flush();
      run.push(token);
    } else if (SEPARATORS.has(token) && run.length > 0 && !SEPARATORS.has(run.at(-1)!)) run.push(token);
    else flush();
  }
  flush();
  return allOf(runs.map(runCondition));
}

function runCondition(run: string[]): TextCondition {
  const words = [...new Set(run.filter((token) => IDENTIFIER.test(token)).map((token) => token.toLowerCase()))];
  if (run.length === 1) return { words };
  // What ast-grep skips between tokens: whitespace, line continuations and comments (an agent may write
  // `crypto /* */ .createCipher(…)`; the rule still matches it, so the condition must too).
  // Each alternative can only be read one way (a comment runs to its end), so a file of many comments
  // cannot make the regex backtrack exponentially.
  const gap = '(?:[\\s\\\\]|/\\*(?:[^*]|\\*(?!/))*\\*/|//[^\\n]*(?:\\n|$)|#[^\\n]*(?:\\n|$))*';
  const body = run.map((token) => (IDENTIFIER.test(token) ? token : `${gap}${escapeRegex(token)}${gap}`)).join('');
  // `$` is no word character here: `$this->query` holds the run `this->query`.
  return { words, sequence: `(?<![A-Za-z0-9_])${body}(?![A-Za-z0-9_])` };
}

/** A regex's condition: for each top-level alternative, its longest literal chunk outside groups. */
function regexCondition(regex: string): TextCondition | null {
  const chunks = regexChunks(regex);
  return chunks ? anyOf([...new Set(chunks)].map((substring) => ({ substring }))) : null;
}

/** For each top-level alternative of a regex, its longest literal chunk (lower case); undefined when unsure. */
export function regexChunks(regex: string): string[] | undefined {
  const body = regex.replace(/^\(\?i\)/, '');
  if (body.includes('[')) return undefined; // character classes: not worth guessing
  let alternatives = splitTopLevel(body);
  // `^(a|b)$`: a single group that is the whole regex holds the real alternatives.
  if (alternatives.length === 1) {
    const whole = /^\^?\(([^()]*)\)\$?$/.exec(alternatives[0]!);
    if (whole) alternatives = whole[1]!.split('|');
  }
  const chunks: string[] = [];
  for (const alternative of alternatives) {
    const literal = alternative
      .replace(/\([^()]*\)[?*]?/g, ' ') // groups: their text is not certain to be in the match
      .replace(/\\./g, ' ') // escapes such as \s and \.
      .replace(/.[?*]/g, ' ') // a character followed by ? or * may be absent
      .replace(/.[{][^}]*[}]/g, ' '); // a counted character may be absent ({0,n}) or repeated
    const found = literal.split(/[^A-Za-z0-9_]+/).filter((chunk) => chunk.length >= 3);
    if (found.length === 0 || /[()]/.test(literal)) return undefined;
    chunks.push(found.sort((a, b) => b.length - a.length)[0]!.toLowerCase());
  }
  return chunks;
}

function splitTopLevel(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (let i = 0; i < body.length; i++) {
    const char = body[i]!;
    if (char === '\\') {
      current += char + (body[i + 1] ?? '');
      i++;
      continue;
    }
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === '|' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const compiledSequences = new Map<string, RegExp>();

/** A file's text, indexed once so that hundreds of conditions cost a set lookup each. */
export class FileText {
  private identifierSet: Set<string> | undefined;
  private lowerText: string | undefined;
  private readonly sequences = new Map<string, boolean>();

  constructor(readonly text: string) {}

  /** True when the text may match a rule with this condition (always, for null). */
  allows(condition: TextCondition | null | undefined): boolean {
    if (!condition) return true;
    if ('words' in condition) {
      const identifiers = (this.identifierSet ??= new Set(this.lower().match(/[a-z_][a-z0-9_]*/g)));
      return condition.words.every((word) => identifiers.has(word)) && (!condition.sequence || this.matchesSequence(condition.sequence));
    }
    if ('substring' in condition) return this.lower().includes(condition.substring);
    if ('all' in condition) return condition.all.every((c) => this.allows(c));
    return condition.any.some((c) => this.allows(c));
  }

  /** The entries of `rules` whose conditions the text allows (all of them without conditions). */
  narrow<T>(rules: readonly T[], conditions: readonly (TextCondition | null)[] | undefined): T[] {
    if (!conditions) return [...rules];
    return rules.filter((_, index) => this.allows(conditions[index]));
  }

  private lower(): string {
    return (this.lowerText ??= this.text.toLowerCase());
  }

  private matchesSequence(source: string): boolean {
    let found = this.sequences.get(source);
    if (found === undefined) {
      let regex = compiledSequences.get(source);
      if (!regex) compiledSequences.set(source, (regex = new RegExp(source, 'i')));
      found = regex.test(this.text);
      this.sequences.set(source, found);
    }
    return found;
  }
}
