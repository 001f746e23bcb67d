import { SEVERITIES, isAtLeast, type Finding, type Severity } from '../findings/finding.js';
import type { ScanResult } from '../engine/scan.js';

/** The threshold at which a scan fails; `none` never fails. */
export type FailOn = Severity | 'none';

/** Counts every report prints the same way. */
export interface ScanSummary {
  filesScanned: number;
  linesScanned: number;
  findings: number;
  bySeverity: Record<Severity, number>;
  suppressed: number;
  skipped: Record<string, number>;
  notes: number;
  failOn: FailOn;
  /** True when a finding of medium or high confidence is at or above `failOn`. */
  failed: boolean;
}

/** Summarises a scan result against a fail-on threshold. */
export function summarizeScan(result: ScanResult, failOn: FailOn): ScanSummary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const finding of result.findings) bySeverity[finding.severity]++;
  const skipped: Record<string, number> = {};
  for (const skip of result.skipped) skipped[skip.reason] = (skipped[skip.reason] ?? 0) + 1;
  return {
    filesScanned: result.filesScanned,
    linesScanned: result.linesScanned,
    findings: result.findings.length,
    bySeverity,
    suppressed: result.suppressed.length,
    skipped,
    notes: result.notes.length,
    failOn,
    failed: result.findings.some((f) => failsOn(f, failOn)),
  };
}

/** True when `finding` fails a run at `failOn`; low confidence marks one its rule cannot decide: reported, never failed on. */
export function failsOn(finding: Pick<Finding, 'severity' | 'confidence'>, failOn: FailOn): boolean {
  return failOn !== 'none' && finding.confidence !== 'low' && isAtLeast(finding.severity, failOn);
}
