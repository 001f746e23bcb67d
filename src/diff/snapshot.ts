import type { Finding } from '../findings/finding.js';
import type { FunctionMetrics } from '../engine/complexity.js';

/** What is known about one file at one point in time. */
export interface FileState {
  path: string;
  /** Content hash (the git blob id): equal hashes mean equal content, so equal analysis. */
  hash: string;
  language: string;
  lines: number;
  findings: Finding[];
  functions: FunctionMetrics[];
}

/** The analysed state of a set of files: a working tree, a commit, or a recorded iteration. */
export interface Snapshot {
  files: FileState[];
}
