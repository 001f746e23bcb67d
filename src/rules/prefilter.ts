/**
 * Derives words a file must contain for a rule to match, so most rules skip most files without parsing
 * work. The result is a necessary condition: when unsure, return undefined (no filter). Words are lower
 * case and are looked for in the lower-cased file text.
 */
export function requiredWords(
  rule: Record<string, unknown>,
  utils: Record<string, unknown> = {},
  seen: Set<string> = new Set(),
): RequiredWord[] | undefined {
  const candidates: (RequiredWord[] | undefined)[] = [];
  if (typeof rule.pattern === 'string') candidates.push(wordsOfPattern(rule.pattern));
  else if (rule.pattern && typeof rule.pattern === 'object') {
    const context = (rule.pattern as { context?: unknown }).context;
    if (typeof context === 'string') candidates.push(wordsOfPattern(context));
  }
  if (typeof rule.regex === 'string') candidates.push(wordsOfRegex(rule.regex));
  for (const relation of ['inside', 'has'] as const) {
    const sub = rule[relation];
    if (sub && typeof sub === 'object') candidates.push(requiredWords(sub as Record<string, unknown>, utils, seen));
  }
  if (Array.isArray(rule.all)) {
    for (const sub of rule.all) candidates.push(requiredWords(sub as Record<string, unknown>, utils, seen));
  }
  if (Array.isArray(rule.any)) {
    const branches = rule.any.map((sub) => requiredWords(sub as Record<string, unknown>, utils, seen));
    candidates.push(branches.every((b) => b !== undefined) ? uniqueWords(branches.flat() as RequiredWord[]) : undefined);
  }
  if (typeof rule.matches === 'string' && utils[rule.matches] && !seen.has(rule.matches)) {
    seen.add(rule.matches);
    candidates.push(requiredWords(utils[rule.matches] as Record<string, unknown>, utils, seen));
  }
  // Every candidate is necessary; long words are rare in code, so prefer the longest shortest word.
  const defined = candidates.filter((c): c is RequiredWord[] => c !== undefined && c.length > 0);
  if (defined.length === 0) return undefined;
  return defined.sort((a, b) => shortest(b) - shortest(a) || a.length - b.length)[0];
}

/** A word a file must contain; a whole word is a complete identifier, not part of a longer one. */
export interface RequiredWord {
  text: string;
  wholeWord: boolean;
}

function uniqueWords(words: RequiredWord[]): RequiredWord[] {
  const byKey = new Map(words.map((w) => [`${w.text}:${w.wholeWord}`, w]));
  return [...byKey.values()];
}

function shortest(words: RequiredWord[]): number {
  return Math.min(...words.map((w) => w.text.length));
}

/** Compiles required words into one case-insensitive test, or undefined when there are none. */
export function prefilterSource(words: RequiredWord[] | undefined): string | undefined {
  if (!words || words.length === 0) return undefined;
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return words.map((w) => (w.wholeWord ? `\\b${escape(w.text)}\\b` : escape(w.text))).join('|');
}

function wordsOfPattern(pattern: string): RequiredWord[] | undefined {
  const withoutMetavariables = pattern.replace(/\$\$?\$?[A-Z_][A-Z0-9_]*/g, ' ');
  const words = withoutMetavariables.match(/[A-Za-z_][A-Za-z0-9_]{2,}/g);
  if (!words) return undefined;
  const longest = words.sort((a, b) => b.length - a.length)[0]!;
  // A word of a pattern is a whole identifier (or keyword) of any code it matches.
  return [{ text: longest.toLowerCase(), wholeWord: true }];
}

/** Words from a regex: for each top-level alternative, its longest literal chunk outside groups. */
export function wordsOfRegex(regex: string): RequiredWord[] | undefined {
  const body = regex.replace(/^\(\?i\)/, '');
  if (body.includes('[')) return undefined; // character classes: not worth guessing
  let alternatives = splitTopLevel(body);
  // `^(a|b)$`: a single group that is the whole regex holds the real alternatives.
  if (alternatives.length === 1) {
    const whole = /^\^?\(([^()]*)\)\$?$/.exec(alternatives[0]!);
    if (whole) alternatives = whole[1]!.split('|');
  }
  const words: RequiredWord[] = [];
  for (const alternative of alternatives) {
    const literal = alternative
      .replace(/\([^()]*\)[?*]?/g, ' ') // groups: their text is not certain to be a word of the match
      .replace(/\\./g, ' ') // escapes such as \s and \.
      .replace(/.[?*]/g, ' '); // a character followed by ? or * may be absent
    const chunks = literal.split(/[^A-Za-z0-9_]+/).filter((chunk) => chunk.length >= 3);
    if (chunks.length === 0 || /[()]/.test(literal)) return undefined;
    // A regex chunk may be part of a longer identifier (`EVP_des_.*`), so it is not a whole word.
    words.push({ text: chunks.sort((a, b) => b.length - a.length)[0]!.toLowerCase(), wholeWord: false });
  }
  return uniqueWords(words);
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
