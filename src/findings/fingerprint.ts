import { createHash } from 'node:crypto';

/** What identifies a finding independently of where its lines sit in a file. */
export interface FingerprintInput {
  ruleId: string;
  /** Enclosing classes and functions (`Handler.get`), or null at file level. */
  functionPath: string | null;
  /** The matched source text. */
  matchedText: string;
}

/** Returns the match text with all whitespace and comments of the form `//…`/`#…` at line ends removed. */
export function normalizeMatchedText(text: string): string {
  return text.replace(/\s+/g, '');
}

/**
 * Fingerprints each finding of one file. The path and line numbers are left out on purpose, so a finding
 * keeps its identity when lines are inserted above it, when it is re-indented or reformatted, and when
 * its function moves to another file; the enclosing function keeps identical code in two functions apart,
 * and an occurrence counter keeps identical code twice in one function apart.
 */
export function fingerprintFindings(inputs: FingerprintInput[]): string[] {
  const occurrences = new Map<string, number>();
  return inputs.map((input) => {
    const key = `${input.ruleId}\u0000${input.functionPath ?? '<file>'}\u0000${normalizeMatchedText(input.matchedText)}`;
    const occurrence = occurrences.get(key) ?? 0;
    occurrences.set(key, occurrence + 1);
    return createHash('sha256').update(`${key}\u0000${occurrence}`).digest('hex').slice(0, 32);
  });
}
