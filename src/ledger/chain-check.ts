import { canonicalJson } from './canonical-json.js';
import { GENESIS_HASH, recordHash, type LedgerRecord } from './record.js';
import type { NewRecord } from './ledger.js';

/** A ledger record as every store keeps it: the payload as its canonical JSON text, whose hash the record carries. */
export interface RecordRow {
  seq: number;
  kind: string;
  recorded_at: string;
  payload: string;
  prev_hash: string;
  hash: string;
}

/** A stored row as a record. */
export function toRecord(row: RecordRow): LedgerRecord {
  return { seq: row.seq, kind: row.kind, recordedAt: row.recorded_at, payload: JSON.parse(row.payload), prevHash: row.prev_hash, hash: row.hash } as LedgerRecord;
}

/** Names every broken link and every record whose content does not match its hash; `after`: the record the rows follow (none: they start the chain). */
export function chainProblems(rows: readonly RecordRow[], after: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH }): string[] {
  const problems: string[] = [];
  let expectedSeq = after.seq + 1;
  let prevHash = after.hash;
  for (const row of rows) {
    const label = `record ${row.seq} (${row.kind}, ${row.recorded_at})`;
    if (row.seq !== expectedSeq) problems.push(`record ${expectedSeq}${row.seq > expectedSeq + 1 ? `–${row.seq - 1}` : ''} missing: deleted from the ledger`);
    else if (row.prev_hash !== prevHash) problems.push(`${label}: does not follow record ${row.seq - 1} (records reordered or replaced)`);
    if (recordHash(row.seq, row.kind, row.recorded_at, row.payload, row.prev_hash) !== row.hash || !isCanonical(row.payload)) problems.push(`${label}: content does not match its hash (edited)`);
    expectedSeq = row.seq + 1;
    prevHash = row.hash;
  }
  return problems;
}

export function isCanonical(payload: string): boolean {
  try {
    return canonicalJson(JSON.parse(payload)) === payload;
  } catch {
    return false;
  }
}

/** The record that appends `next` to `history` now: the next number, this time, the canonical payload, its hash. */
export function chainedRecord(history: readonly LedgerRecord[], next: NewRecord): { row: RecordRow; record: LedgerRecord } {
  const last = history[history.length - 1];
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const recordedAt = new Date().toISOString();
  const payload = canonicalJson(next.payload);
  const hash = recordHash(seq, next.kind, recordedAt, payload, prevHash);
  return { row: { seq, kind: next.kind, recorded_at: recordedAt, payload, prev_hash: prevHash, hash }, record: { seq, kind: next.kind, recordedAt, payload: next.payload, prevHash, hash } as LedgerRecord };
}
