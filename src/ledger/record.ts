import { createHash } from 'node:crypto';
import type { Finding } from '../findings/finding.js';
import type { FunctionChange } from '../diff/function-diff.js';
import type { Actor } from '../policy/chain.js';
import type { Verdict } from '../policy/verdict.js';

/** The hash a chain starts from. */
export const GENESIS_HASH = '0'.repeat(64);

/** Who and what made an iteration. */
export interface Provenance {
  actor: Actor;
  tool?: string;
  model?: string;
  /** efficiency, feature, security, ambiguous, or free text. */
  strategy?: string;
  author?: string;
}

/** One recorded change in an AI coding loop, with its analysis and verdict. */
export interface IterationPayload {
  provenance: Provenance;
  /** The commit the state describes, and whether uncommitted changes were included. */
  revision: { commit: string | null; worktree: boolean };
  /** Content-addressed snapshot of every analysed file (see snapshots in the ledger). */
  snapshotId: string;
  baseline: { kind: 'iteration'; seq: number } | { kind: 'commit'; commit: string } | { kind: 'empty' };
  introduced: Finding[];
  fixed: Finding[];
  persistingCount: number;
  risk: { before: number; after: number; delta: number };
  functions: FunctionChange[];
  complexity: { before: number; after: number; changePercent: number };
  files: { added: string[]; removed: string[]; modified: string[] };
  verdict: Verdict;
}

/** A human decision on the iterations since the last review. */
export interface ReviewPayload {
  decision: 'approve' | 'reject';
  reviewer: string;
  note: string;
  /** The iterations the review covers (record sequence numbers). */
  covers: number[];
}

/** A stored ledger record. */
export type LedgerRecord =
  | { seq: number; kind: 'iteration'; recordedAt: string; payload: IterationPayload; prevHash: string; hash: string }
  | { seq: number; kind: 'review'; recordedAt: string; payload: ReviewPayload; prevHash: string; hash: string };

/** Returns the hash of a record: over its sequence number, kind, time, canonical payload and the previous hash. */
export function recordHash(seq: number, kind: string, recordedAt: string, payloadText: string, prevHash: string): string {
  return createHash('sha256').update(`${prevHash}\n${seq}\n${kind}\n${recordedAt}\n${payloadText}`).digest('hex');
}
