/** An inline `loopwarden-ignore <rule-id>[, <rule-id>…]: <reason>` comment, one per rule id it names (another tool's as `tool/rule`). */
export interface Suppression {
  ruleId: string;
  reason: string;
  /** 1-based line of the comment. */
  line: number;
  /** The code line it covers: its own line, or for a comment alone on its line, the next code line. */
  coversLine: number;
}

/** A `loopwarden-ignore` comment that cannot take effect, and why. */
export interface InvalidSuppression {
  line: number;
  problem: string;
}

/** A valid suppression that silenced no finding: stale after a fix, or aimed at the wrong line. */
export interface UnusedSuppression {
  ruleId: string;
  line: number;
  reason: string;
}

const MARKER = 'loopwarden-ignore';
// Our ids (`sql-injection`), or another tool's under its name (`flawfinder/FF1030`, `codeql/js/sql-injection`).
const RULE_ID = '(?:[a-z0-9][a-z0-9-]*(?:/[A-Za-z0-9][\\w./-]*)?|\\*)';
const SUPPRESSION = new RegExp(`${MARKER}\\s+(${RULE_ID}(?:\\s*,\\s*${RULE_ID})*)\\s*(?::\\s*(.*?))?\\s*(?:\\*\\/|-->|[-_]?%>)?\\s*$`);
// Prose that mentions the marker (`loopwarden-ignore <rule-id>: …` in docs) names no rule: not an attempt.
const ATTEMPT = new RegExp(`^${MARKER}\\s+${RULE_ID}(\\s|:|,|$)`);

/** Finds suppression comments in `text`; those without a reason or with a malformed id list are returned as invalid. */
export function findSuppressions(
  text: string,
  commentStarts: string[],
): { suppressions: Suppression[]; invalid: InvalidSuppression[] } {
  const suppressions: Suppression[] = [];
  const invalid: InvalidSuppression[] = [];
  const lines = text.split('\n');
  lines.forEach((lineText, index) => {
    const at = lineText.indexOf(MARKER);
    if (at < 0) return;
    const commentAt = Math.max(...commentStarts.map((start) => lineText.lastIndexOf(start, at)));
    if (commentAt < 0) return;
    const line = index + 1;
    if (!ATTEMPT.test(lineText.slice(at))) return;
    const match = SUPPRESSION.exec(lineText.slice(at));
    if (!match) {
      invalid.push({ line, problem: `expected '${MARKER} <rule-id>[, <rule-id>…]: <reason>'` });
      return;
    }
    const ruleIds = [...new Set(match[1]!.split(',').map((id) => id.trim()))];
    const reason = (match[2] ?? '').trim();
    if (!reason) {
      invalid.push({ line, problem: `suppression of '${ruleIds.join(', ')}' has no reason; write '${MARKER} ${ruleIds.join(', ')}: <why this is safe>'` });
      return;
    }
    const standalone = lineText.slice(0, commentAt).trim() === '';
    const coversLine = standalone ? nextCodeLine(lines, index) : line;
    for (const ruleId of ruleIds) suppressions.push({ ruleId, reason, line, coversLine });
  });
  return { suppressions, invalid };
}

function nextCodeLine(lines: string[], commentIndex: number): number {
  // Several suppressions may be stacked above one line; each covers the first line below that is code.
  let index = commentIndex + 1;
  while (index < lines.length && lines[index]!.includes(MARKER) && isCommentOnly(lines[index]!)) index++;
  return index + 1;
}

function isCommentOnly(line: string): boolean {
  return /^\s*(#|\/\/|\/\*|--|<!--)/.test(line);
}

/** Splits suppressions into those naming a known rule (or `*`) and those naming none, which cannot take effect. */
export function partitionByKnownRules(
  suppressions: Suppression[],
  knownRuleIds: ReadonlySet<string>,
): { known: Suppression[]; unknown: Suppression[] } {
  const known: Suppression[] = [];
  const unknown: Suppression[] = [];
  for (const suppression of suppressions) (suppression.ruleId === '*' || knownRuleIds.has(suppression.ruleId) ? known : unknown).push(suppression);
  return { known, unknown };
}

/** Returns the suppression covering a finding of `ruleId` that starts on `line`, if any. */
export function suppressionFor(suppressions: Suppression[], ruleId: string, line: number): Suppression | undefined {
  return suppressions.find(
    (s) => (s.ruleId === ruleId || s.ruleId === '*') && (s.line === line || s.coversLine === line),
  );
}

/** Returns the suppressions not in `used`, in comment order. */
export function unusedSuppressions(suppressions: Suppression[], used: ReadonlySet<Suppression>): UnusedSuppression[] {
  return suppressions.filter((s) => !used.has(s)).map(({ ruleId, line, reason }) => ({ ruleId, line, reason }));
}
