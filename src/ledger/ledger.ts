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
 * The append-only, hash-chained store of iterations and reviews. SQLite implements it today; a PostgreSQL
 * implementation fits behind the same interface (nothing outside `ledger/` sees SQL).
 */
export interface Ledger {
  /**
   * Reads the history and appends what `decide` returns, atomically: concurrent writers are serialised,
   * so each decides on the history as it is at its turn. Returns the appended record, or undefined.
   */
  appendAtomically(decide: (history: LedgerRecord[]) => NewRecord | undefined): LedgerRecord | undefined;
  records(): LedgerRecord[];
  putSnapshot(id: string, body: string): void;
  getSnapshot(id: string): string | undefined;
  putFileAnalyses(entries: { key: string; analysis: string; summary: string }[]): void;
  getFileAnalyses(keys: string[]): Map<string, string>;
  /** Returns the stored summaries (JSON) of the given analyses; analyses stored without one are absent. */
  getFileSummaries(keys: string[]): Map<string, string>;
  getStatCache(): Map<string, { size: number; mtimeMs: number; hash: string }>;
  putStatCache(entries: { path: string; size: number; mtimeMs: number; hash: string }[]): void;
  verify(): VerifyResult;
  close(): void;
}
