import { createHash } from 'node:crypto';
import type { Finding } from '../findings/finding.js';
import type { ChangedFinding } from '../diff/finding-diff.js';
import type { FunctionChange } from '../diff/function-diff.js';
import type { Actor } from '../policy/chain.js';
import type { GuardState } from '../policy/guards.js';
import type { OpenFinding, OpenSuppression, Verdict } from '../policy/verdict.js';

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
  /** The coding agent's session (conversation) the iteration came from, when an agent hook or MCP call recorded it. */
  session?: string;
  /**
   * For a human iteration: whether a person was seen making it (`terminal`: at a terminal, outside any agent)
   * or it is only claimed (`none`: a script, CI, a commit without AI trailers). Only an attested human
   * iteration ends the AI chain or becomes the accepted baseline; records from before this field count as attested.
   */
  attestation?: 'terminal' | 'none';
}

/** The state a verdict compares with: the last human or approved iteration, else the state before the first check. */
export type BaselineRef =
  | { kind: 'iteration'; seq: number; snapshotId: string }
  | { kind: 'commit'; commit: string; snapshotId?: string }
  | { kind: 'empty' };

/** What an iteration was compared with to list what it introduced and fixed: the previous iteration. */
export type PreviousRef = { kind: 'iteration'; seq: number } | { kind: 'commit'; commit: string } | { kind: 'empty' };

/** One recorded change in an AI coding loop, with its analysis and verdict. */
export interface IterationPayload {
  provenance: Provenance;
  /** The commit the state describes, and whether uncommitted changes were included. */
  revision: { commit: string | null; worktree: boolean };
  /** Content-addressed snapshot of every analysed file (see snapshots in the ledger). */
  snapshotId: string;
  /** The accepted baseline the verdict compared with. */
  baseline: BaselineRef;
  previous?: PreviousRef;
  /** Introduced and fixed since the previous iteration. */
  introduced: Finding[];
  fixed: Finding[];
  /** Findings whose code this iteration edited without removing the weakness. */
  changed?: ChangedFinding[];
  persistingCount: number;
  /** Findings introduced since the accepted baseline and still there, each with the iteration that introduced it. */
  open?: OpenFinding[];
  /** Suppression comments written in AI iterations since the accepted baseline. */
  aiSuppressions?: OpenSuppression[];
  /** Digests of what decides the verdict besides the code: policy, config file, rules, guarded files. */
  guards?: GuardState;
  risk: { before: number; after: number; delta: number };
  functions: FunctionChange[];
  complexity: { before: number; after: number; changePercent: number };
  files: { added: string[]; removed: string[]; modified: string[] };
  /** Scanners (`scanners:` in the config) that failed on some files: their findings there were not re-checked. */
  scanners?: { scanner: string; files: string[]; message: string }[];
  verdict: Verdict;
}

/** A human decision on the iterations since the last review. */
export interface ReviewPayload {
  decision: 'approve' | 'reject';
  reviewer: string;
  note: string;
  /** The iterations the review covers (record sequence numbers). */
  covers: number[];
  /**
   * How the reviewer was known to be a person: at a terminal, by an SSH signature over `signedText`, or
   * logged in to the team server under `account` with the reviewer role (`demo`: the scripted reviewer of
   * `loopwarden demo`, in its throw-away repository).
   */
  attestation?: { kind: 'terminal' } | { kind: 'demo' } | { kind: 'ssh-signature'; principal: string; namespace: string; signature: string; signedText: string } | { kind: 'server'; account: string };
}

/** A stored ledger record. */
export type LedgerRecord =
  | { seq: number; kind: 'iteration'; recordedAt: string; payload: IterationPayload; prevHash: string; hash: string }
  | { seq: number; kind: 'review'; recordedAt: string; payload: ReviewPayload; prevHash: string; hash: string };

/** Returns the hash of a record: over its sequence number, kind, time, canonical payload and the previous hash. */
export function recordHash(seq: number, kind: string, recordedAt: string, payloadText: string, prevHash: string): string {
  return createHash('sha256').update(`${prevHash}\n${seq}\n${kind}\n${recordedAt}\n${payloadText}`).digest('hex');
}
