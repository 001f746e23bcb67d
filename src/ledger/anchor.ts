/** The last record's sequence number and hash, kept somewhere the ledger file is not. */
export interface LedgerHead {
  seq: number;
  hash: string;
}

/**
 * A place outside `.loopwarden/` that witnesses the ledger's head (a git ref, a team server): deleting,
 * truncating, rolling back or re-initialising the ledger then disagrees with it.
 */
export interface LedgerAnchor {
  /** Where it is, for messages. */
  readonly name: string;
  read(): LedgerHead | undefined;
  write(head: LedgerHead): void;
  clear(): void;
}

/** Names how the ledger's last record disagrees with a witness of its head, or returns undefined. */
export function headDisagreement(witness: string, head: LedgerHead | undefined, records: readonly { seq: number; hash: string }[]): string | undefined {
  if (!head) return undefined;
  const last = records[records.length - 1];
  const atHead = records.find((record) => record.seq === head.seq);
  if (!last) return `${witness} says record ${head.seq} exists, but the ledger is empty (deleted or re-initialised)`;
  if (head.seq > last.seq) return `${witness} says record ${head.seq} exists, but the ledger ends at record ${last.seq} (records deleted, or an older copy restored)`;
  if (!atHead || atHead.hash !== head.hash) return `record ${head.seq} differs from what ${witness} recorded (replaced)`;
  if (head.seq < last.seq) return `records ${head.seq + 1}–${last.seq} are not witnessed by ${witness} (appended outside loopwarden)`;
  return undefined;
}
