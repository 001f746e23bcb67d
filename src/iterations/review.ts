import type { Ledger } from '../ledger/ledger.js';
import type { LedgerRecord } from '../ledger/record.js';

/** Returns the iterations recorded since the last review (approval or rejection). */
export function iterationsSinceLastReview(history: readonly LedgerRecord[]): (LedgerRecord & { kind: 'iteration' })[] {
  const lastReview = [...history].reverse().find((r) => r.kind === 'review');
  return history.filter((r): r is LedgerRecord & { kind: 'iteration' } => r.kind === 'iteration' && r.seq > (lastReview?.seq ?? 0));
}

/** Records a review of every iteration since the last one; an approval resets the AI chain. */
export function recordReview(ledger: Ledger, review: { decision: 'approve' | 'reject'; reviewer: string; note: string }): LedgerRecord & { kind: 'review' } {
  return ledger.appendAtomically((history) => ({
    kind: 'review',
    payload: { ...review, covers: iterationsSinceLastReview(history).map((r) => r.seq) },
  })) as LedgerRecord & { kind: 'review' };
}
