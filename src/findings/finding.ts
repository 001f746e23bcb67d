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
  /** The other tool that reported it (`flawfinder`, `codeql`); absent for loopwarden's own rules. */
  tool?: string;
  /**
   * Set when several tools reported this weakness at this place (one finding, the first tool's): every tool
   * that saw it, with its rule and its own fingerprint, this finding's first.
   */
  seenBy?: { tool: string; ruleId: string; fingerprint: string }[];
  /** For findings of taint rules: where the data came from and how it reached the sink. */
  trace?: { kind: 'source' | 'step' | 'sink'; line: number; column: number; text: string }[];
}

/** A finding silenced by an inline `loopwarden-ignore` comment, with the reason the author gave. */
export interface SuppressedFinding extends Finding {
  suppression: { reason: string; line: number };
}

/** The tool a finding came from: another tool's name, or `loopwarden`. */
export function toolOf(finding: Pick<Finding, 'tool'>): string {
  return finding.tool ?? 'loopwarden';
}

/** Every tool that saw a finding, its own first. */
export function toolsThatSaw(finding: Pick<Finding, 'tool' | 'seenBy'>): string[] {
  return finding.seenBy ? [...new Set(finding.seenBy.map((entry) => entry.tool))] : [toolOf(finding)];
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

/** ` (seen by codeql, loopwarden)` for a finding several tools reported, else nothing: how reports name them. */
export function seenByLabel(finding: Pick<Finding, 'tool' | 'seenBy'>): string {
  return finding.seenBy ? ` (seen by ${toolsThatSaw(finding).join(', ')})` : '';
}
