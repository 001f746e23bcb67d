import type { Confidence, Finding, Severity } from '../findings/finding.js';

/** How much one finding of each severity adds to the risk score. */
export const SEVERITY_WEIGHT: Record<Severity, number> = { critical: 10, high: 6, medium: 3, low: 1 };
/** Findings a rule cannot decide precisely count for less. */
export const CONFIDENCE_WEIGHT: Record<Confidence, number> = { high: 1, medium: 0.75, low: 0.5 };

/** Returns the severity-weighted risk score of a set of findings: Σ severity weight × confidence weight. */
export function riskScore(findings: readonly Finding[]): number {
  const total = findings.reduce((sum, f) => sum + SEVERITY_WEIGHT[f.severity] * CONFIDENCE_WEIGHT[f.confidence], 0);
  return Math.round(total * 100) / 100;
}
