/** Severity levels, most severe first. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const CONFIDENCES = ['high', 'medium', 'low'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

/** One weakness found at one place: the unit every report, diff and verdict works on. */
export interface Finding {
  ruleId: string;
  /** CWE ids as `CWE-<n>`. */
  cwe: string[];
  severity: Severity;
  /** CVSS-like 0.0–10.0 score, as GitHub code scanning reads it. */
  securitySeverity: number;
  confidence: Confidence;
  /** Path relative to the scan root, with forward slashes. */
  path: string;
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  message: string;
  fix: string;
  /** The source line(s) of the match, trimmed. */
  snippet: string;
  /** Name of the enclosing function, or null at file level. */
  function: string | null;
  /** Stable identity across edits: survives moved lines, re-indentation and moved files. */
  fingerprint: string;
  references: string[];
  /** For findings of taint rules: where the data came from and how it reached the sink. */
  trace?: { kind: 'source' | 'step' | 'sink'; line: number; column: number; text: string }[];
}

/** A finding silenced by an inline `loopwarden-ignore` comment, with the reason the author gave. */
export interface SuppressedFinding extends Finding {
  suppression: { reason: string; line: number };
}

/** Returns true when `severity` is at or above `threshold`. */
export function isAtLeast(severity: Severity, threshold: Severity): boolean {
  return SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(threshold);
}

/** Orders findings by path, then position, then rule. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.path.localeCompare(b.path) ||
    a.startLine - b.startLine ||
    a.startColumn - b.startColumn ||
    a.ruleId.localeCompare(b.ruleId)
  );
}
