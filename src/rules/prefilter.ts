/**
 * Derives words a file must contain for a rule to match, so most rules skip most files without parsing
 * work. The result is a necessary condition: when unsure, return undefined (no filter). Words are lower
 * case and are looked for in the lower-cased file text.
 */
export function requiredWords(
  rule: Record<string, unknown>,
  utils: Record<string, unknown> = {},
  seen: Set<string> = new Set(),
): string[] | undefined {
  const candidates: (string[] | undefined)[] = [];
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
    candidates.push(branches.every((b) => b !== undefined) ? [...new Set(branches.flat() as string[])] : undefined);
  }
  if (typeof rule.matches === 'string' && utils[rule.matches] && !seen.has(rule.matches)) {
    seen.add(rule.matches);
    candidates.push(requiredWords(utils[rule.matches] as Record<string, unknown>, utils, seen));
  }
  // Every candidate is necessary; long words are rare in code, so prefer the longest shortest word.
  const defined = candidates.filter((c): c is string[] => c !== undefined && c.length > 0);
  if (defined.length === 0) return undefined;
  return defined.sort((a, b) => shortest(b) - shortest(a) || a.length - b.length)[0];
}

function shortest(words: string[]): number {
  return Math.min(...words.map((w) => w.length));
}

function wordsOfPattern(pattern: string): string[] | undefined {
  const withoutMetavariables = pattern.replace(/\$\$?\$?[A-Z_][A-Z0-9_]*/g, ' ');
  const words = withoutMetavariables.match(/[A-Za-z_][A-Za-z0-9_]{2,}/g);
  if (!words) return undefined;
  const longest = words.sort((a, b) => b.length - a.length)[0]!;
  return [longest.toLowerCase()];
}

/** Words from a regex: for each top-level alternative, its longest literal chunk outside groups. */
export function wordsOfRegex(regex: string): string[] | undefined {
  const body = regex.replace(/^\(\?i\)/, '');
  if (body.includes('[')) return undefined; // character classes: not worth guessing
  let alternatives = splitTopLevel(body);
  // `^(a|b)$`: a single group that is the whole regex holds the real alternatives.
  if (alternatives.length === 1) {
    const whole = /^\^?\(([^()]*)\)\$?$/.exec(alternatives[0]!);
    if (whole) alternatives = whole[1]!.split('|');
  }
  const words: string[] = [];
  for (const alternative of alternatives) {
    const literal = alternative
      .replace(/\([^()]*\)[?*]?/g, ' ') // groups: their text is not certain to be a word of the match
      .replace(/\\./g, ' ') // escapes such as \s and \.
      .replace(/.[?*]/g, ' '); // a character followed by ? or * may be absent
    const chunks = literal.split(/[^A-Za-z0-9_]+/).filter((chunk) => chunk.length >= 3);
    if (chunks.length === 0 || /[()]/.test(literal)) return undefined;
    words.push(chunks.sort((a, b) => b.length - a.length)[0]!.toLowerCase());
  }
  return [...new Set(words)];
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
