import type { IterationPayload, LedgerRecord, ReviewPayload } from './record.js';

/** A record to append: what it is and what it says. */
export type NewRecord = { kind: 'iteration'; payload: IterationPayload } | { kind: 'review'; payload: ReviewPayload };

/** What `verify` found: nothing, or the first broken record named. */
export interface VerifyResult {
  ok: boolean;
  records: number;
  problems: string[];
}

/**
 * Snapshots and analyses, content-addressed (a row proves itself on reading): always on this machine, so
 * building a snapshot never waits on a network.
 */
export interface ContentStore {
  putSnapshot(id: string, body: string): void;
  getSnapshot(id: string): string | undefined;
  /** Stores analyses by the SHA-256 of their text. */
  putAnalyses(entries: { digest: string; analysis: string }[]): void;
  /** Returns the analysis text stored under `digest`, or undefined when it is missing or does not hash to it. */
  getAnalysis(digest: string): string | undefined;
}

/**
 * The append-only, hash-chained store of iterations and reviews, and the content its records name. The
 * chain's operations are asynchronous: a chain may be kept by a team server (nothing outside `ledger/`
 * sees SQL or HTTP).
 */
export interface Ledger extends ContentStore {
  /**
   * Reads the history and appends what `decide` returns, atomically: concurrent writers are serialised,
   * so each decides on the history as it is at its turn. Returns the appended record, or undefined.
   */
  appendAtomically(decide: (history: LedgerRecord[]) => NewRecord | undefined): Promise<LedgerRecord | undefined>;
  records(): Promise<LedgerRecord[]>;
  verify(): Promise<VerifyResult>;
  /**
   * Makes the head file and the anchor witness the ledger as it is now (a person's decision after a crash
   * or a restore); refuses when the chain itself is broken. Returns the head now witnessed.
   */
  reanchor(): Promise<{ head: { seq: number; hash: string } | undefined; before: { seq: number; hash: string } | undefined }>;
  close(): void;
  /** Set when a team server keeps the chain: reviews are then recorded by the server, for a reviewer who logs in. */
  readonly serverReviews?: ServerReviews;
}

/** Reviews a team server records for a reviewer logged in with their account there; the server attests who reviewed. */
export interface ServerReviews {
  /** The server, for messages. */
  readonly where: string;
  /** The review recorded; 'stale' when an iteration came after `expectedHead`; 'nothing' when nothing is left to review. */
  recordReview(review: { decision: 'approve' | 'reject'; note: string }, expectedHead: string | null): Promise<LedgerRecord | 'stale' | 'nothing'>;
  /** Ends the reviewer's session. */
  logout(): Promise<void>;
}
