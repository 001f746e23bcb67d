import type { RepositoryLedger } from '../ledger/postgres-ledger.js';
import type { LedgerRecord } from '../ledger/record.js';
import { iterationsSinceLastReview, reviewRecordFor } from '../iterations/review.js';
import type { Principal } from './accounts.js';
import { allowed } from './permissions.js';

/** A server-attested review as a person asks for it: their decision on the state whose last iteration is `head`. */
export interface ReviewRequest {
  decision: 'approve' | 'reject';
  note: string;
  /** The hash of the last iteration the reviewer saw (null: they saw none). */
  head: string | null;
}

/** Why a review was not recorded: `forbidden` (not a person who may review here) or `conflict` (nothing to review, or a newer iteration). */
export class ReviewRefused extends Error {
  constructor(
    readonly reason: 'forbidden' | 'conflict',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Records a person's review in a repository, attested by the server: the one path for the API's review route
 * and the dashboard's Approve / Reject form. Only a person (never an API token) with the reviewer role there may;
 * a review of a state older than the chain's last iteration is refused, so nobody approves what they did not see.
 */
export async function recordServerReview(ledger: RepositoryLedger, principal: Principal, request: ReviewRequest): Promise<LedgerRecord> {
  if (principal.kind !== 'user' || !allowed(principal, 'record-review', ledger.id)) throw new ReviewRefused('forbidden', `${principal.name} may not record reviews in ${ledger.name}`);
  let refusal: string | undefined;
  const record = await ledger.appendAtomically((history) => {
    // Two reviewers approving the same state at once: the second finds nothing left to review.
    if (iterationsSinceLastReview(history).length === 0) {
      refusal = 'nothing to review: no iteration was recorded since the last review';
      return undefined;
    }
    const next = reviewRecordFor(history, { decision: request.decision, note: request.note, reviewer: principal.name, attestation: { kind: 'server', account: principal.name } }, request.head);
    if (next === 'stale') refusal = 'an iteration was recorded after the one you reviewed: look at it, then review again';
    return next === 'stale' ? undefined : next;
  });
  if (refusal || !record) throw new ReviewRefused('conflict', refusal ?? 'nothing recorded');
  return record;
}
