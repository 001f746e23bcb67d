/**
 * Derives words a file must contain for a rule to match, so most rules skip most files without parsing
 * work. The result is a necessary condition: when unsure, return undefined (no filter).
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
  // Every candidate is necessary; the one with the fewest, longest words filters best.
  const defined = candidates.filter((c): c is string[] => c !== undefined && c.length > 0);
  if (defined.length === 0) return undefined;
  return defined.sort((a, b) => a.length - b.length || shortest(b) - shortest(a))[0];
}

function shortest(words: string[]): number {
  return Math.min(...words.map((w) => w.length));
}

function wordsOfPattern(pattern: string): string[] | undefined {
  const withoutMetavariables = pattern.replace(/\$\$?\$?[A-Z_][A-Z0-9_]*/g, ' ');
  const words = withoutMetavariables.match(/[A-Za-z_][A-Za-z0-9_]{2,}/g);
  if (!words) return undefined;
  const longest = words.sort((a, b) => b.length - a.length)[0]!;
  return [longest];
}
