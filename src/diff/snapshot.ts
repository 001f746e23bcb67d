import type { Finding, SuppressedFinding } from '../findings/finding.js';
import type { FunctionMetrics } from '../engine/complexity.js';
import { riskScore } from './risk.js';

/** A file's totals, kept beside its analysis so unchanged files never need their analysis parsed. */
export interface FileSummary {
  risk: number;
  cyclomatic: number;
  cognitive: number;
  functions: number;
}

/** Summarises one file's findings and functions. */
export function summarizeFile(findings: readonly Finding[], functions: readonly FunctionMetrics[]): FileSummary {
  return {
    risk: riskScore(findings),
    cyclomatic: functions.reduce((sum, f) => sum + f.cyclomatic, 0),
    cognitive: functions.reduce((sum, f) => sum + f.cognitive, 0),
    functions: functions.length,
  };
}

/** What is known about one file at one point in time; `findings` and `functions` may load on first use. */
export interface FileState {
  path: string;
  /** Content hash (the git blob id): equal hashes mean equal content, so equal analysis. */
  hash: string;
  language: string;
  lines: number;
  summary: FileSummary;
  findings: Finding[];
  /** Findings silenced by an inline suppression comment, with its reason. */
  suppressed: SuppressedFinding[];
  /** Suppression comments that silenced nothing (the weakness is gone, or the id is wrong). */
  unusedSuppressions: { ruleId: string; line: number; reason: string }[];
  functions: FunctionMetrics[];
  /** Other tools that were to look at this content and failed: their findings here are unknown, not absent. */
  missedBy?: string[];
}

/** The analysed state of a set of files: a working tree, a commit, or a recorded iteration. */
export interface Snapshot {
  files: FileState[];
}
