import { UserError } from '../errors.js';
import type { VerifyResult } from './ledger.js';
import type { LedgerRecord } from './record.js';

/** Records that do not continue the chain the keeper holds: another history, or the chain moved on (409 at the API). */
export class ChainConflict extends UserError {}

/** Records the sender may not append (403 at the API). */
export class RecordsRefused extends UserError {}

/** The last record's sequence number and hash. */
export interface ChainHead {
  seq: number;
  hash: string;
}

/**
 * Where a repository's chain is kept when it is not on this machine alone: the team server over HTTP, or
 * its database directly (a history worker). A local copy mirrors it (`openMirroredLedger`); the keeper is
 * the authority, and the copy is its witness.
 */
export interface ChainKeeper {
  /** Where the chain is kept, for messages (never with a secret). */
  readonly where: string;
  /** The records after `seq`, oldest first, and the keeper's head (undefined for an empty chain). */
  recordsAfter(seq: number): Promise<{ records: LedgerRecord[]; head: ChainHead | undefined }>;
  /** Appends `record`, which must continue the keeper's chain: a ChainConflict when the chain moved on, RecordsRefused when the sender may not. */
  append(record: LedgerRecord): Promise<void>;
  /** Stores a snapshot and the analyses it names (content-addressed: storing twice is storing once). */
  putContent(snapshotId: string, body: string, analyses: { digest: string; analysis: string }[]): Promise<void>;
  /** The keeper's own check of its chain and content. */
  verify(): Promise<VerifyResult>;
}
