/** An inline `loopwarden-ignore <rule-id>: <reason>` comment. */
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

const MARKER = 'loopwarden-ignore';
const SUPPRESSION = /loopwarden-ignore\s+([a-z0-9][a-z0-9-]*|\*)\s*(?::\s*(.*?))?\s*(?:\*\/|-->)?\s*$/;

/** Finds suppression comments in `text`; those without a reason are returned as invalid. */
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
    // Prose that mentions the marker (`loopwarden-ignore <rule-id>: …` in docs) names no rule: not an attempt.
    if (!/^loopwarden-ignore\s+([a-z0-9][a-z0-9-]*|\*)(\s|:|$)/.test(lineText.slice(at))) return;
    const match = SUPPRESSION.exec(lineText.slice(at));
    if (!match) {
      invalid.push({ line, problem: `expected '${MARKER} <rule-id>: <reason>'` });
      return;
    }
    const reason = (match[2] ?? '').trim();
    if (!reason) {
      invalid.push({ line, problem: `suppression of '${match[1]}' has no reason; write '${MARKER} ${match[1]}: <why this is safe>'` });
      return;
    }
    const standalone = lineText.slice(0, commentAt).trim() === '';
    suppressions.push({ ruleId: match[1]!, reason, line, coversLine: standalone ? nextCodeLine(lines, index) : line });
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

/** Returns the suppression covering a finding of `ruleId` that starts on `line`, if any. */
export function suppressionFor(suppressions: Suppression[], ruleId: string, line: number): Suppression | undefined {
  return suppressions.find(
    (s) => (s.ruleId === ruleId || s.ruleId === '*') && (s.line === line || s.coversLine === line),
  );
}
