import type { Ledger, NewRecord } from '../ledger/ledger.js';
import { canonicalJson } from '../ledger/canonical-json.js';
import type { LedgerRecord, ReviewPayload } from '../ledger/record.js';
import { guardChanges, type GuardState } from '../policy/guards.js';
import type { Policy } from '../policy/policy.js';
import type { OpenFinding, OpenSuppression, VerdictReason } from '../policy/verdict.js';
import { acceptedBaseline } from './baseline.js';

type IterationRecord = LedgerRecord & { kind: 'iteration' };

/** Returns the iterations recorded since the last review (approval or rejection). */
export function iterationsSinceLastReview(history: readonly LedgerRecord[]): IterationRecord[] {
  const lastReview = [...history].reverse().find((r) => r.kind === 'review');
  return history.filter((r): r is IterationRecord => r.kind === 'iteration' && r.seq > (lastReview?.seq ?? 0));
}

/** What a reviewer approves or rejects: the iterations since the last review and the state they left. */
export interface ReviewSubject {
  iterations: IterationRecord[];
  /** The last recorded iteration, whose state an approval accepts. */
  head: IterationRecord | undefined;
  open: OpenFinding[];
  aiSuppressions: OpenSuppression[];
  reasons: VerdictReason[];
  complexity: { before: number; after: number; changePercent: number } | undefined;
  /** What changed in the policy, rules or guarded files since the accepted baseline. */
  guardChanges: string[];
  /** The guards of the accepted baseline: a signed review counts only against the signers accepted then. */
  acceptedGuards: GuardState | undefined;
}

/** Collects what a review would cover, from the ledger history. */
export function reviewSubject(history: readonly LedgerRecord[], policy: Policy): ReviewSubject {
  const iterations = iterationsSinceLastReview(history);
  const head = [...history].reverse().find((r): r is IterationRecord => r.kind === 'iteration');
  const accepted = acceptedBaseline(history, policy);
  return {
    iterations,
    head,
    open: head?.payload.open ?? [],
    aiSuppressions: head?.payload.aiSuppressions ?? [],
    reasons: head?.payload.verdict.reasons ?? [],
    complexity: head?.payload.complexity,
    guardChanges: guardChanges(accepted?.guards, head?.payload.guards),
    acceptedGuards: accepted?.guards,
  };
}

/** The decision a person records. */
export interface ReviewDecision {
  decision: 'approve' | 'reject';
  reviewer: string;
  note: string;
}

/**
 * The exact text a signed review signs: the decision and the hash of the state it is about, so it cannot
 * be replayed onto another state. The reviewer is not in it: it is the principal the signature verifies as.
 */
export function reviewSigningText(review: Pick<ReviewDecision, 'decision' | 'note'>, subject: Pick<ReviewSubject, 'iterations' | 'head'>): string {
  return canonicalJson({
    kind: 'loopwarden-review',
    decision: review.decision,
    note: review.note,
    covers: subject.iterations.map((r) => r.seq),
    head: subject.head ? { seq: subject.head.seq, hash: subject.head.hash } : null,
  });
}

/**
 * Records a review of every iteration since the last one; an approval accepts the last iteration's state
 * as the new baseline and resets the chain. `expectedHead` guards against a check recorded between the
 * moment the reviewer saw the subject and the moment the review is written: the review is refused then.
 */
export async function recordReview(
  ledger: Ledger,
  review: ReviewDecision & { attestation: NonNullable<ReviewPayload['attestation']> },
  expectedHead: string | null,
): Promise<(LedgerRecord & { kind: 'review' }) | { stale: true }> {
  let stale = false;
  const record = await ledger.appendAtomically((history) => {
    const next = reviewRecordFor(history, review, expectedHead);
    stale = next === 'stale';
    return next === 'stale' ? undefined : next;
  });
  return stale ? { stale: true } : (record as LedgerRecord & { kind: 'review' });
}

/** The review record for `history`, or `stale` when an iteration was recorded after the one the reviewer saw (`expectedHead`). */
export function reviewRecordFor(history: readonly LedgerRecord[], review: ReviewDecision & { attestation: NonNullable<ReviewPayload['attestation']> }, expectedHead: string | null): NewRecord | 'stale' {
  const iterations = iterationsSinceLastReview(history);
  const head = [...history].reverse().find((r) => r.kind === 'iteration');
  if ((head?.hash ?? null) !== expectedHead) return 'stale';
  return { kind: 'review', payload: { decision: review.decision, reviewer: review.reviewer, note: review.note, covers: iterations.map((r) => r.seq), attestation: review.attestation } };
}

/** Checks a signed review as `ledger verify` does: the signed text matches the record, and the signature holds. */
export function signedReviewProblems(
  history: readonly LedgerRecord[],
  verify: (text: string, signature: string) => { principal: string } | { problem: string },
): string[] {
  const problems: string[] = [];
  history.forEach((record, index) => {
    if (record.kind !== 'review' || record.payload.attestation?.kind !== 'ssh-signature') return;
    const attestation = record.payload.attestation;
    const label = `record ${record.seq} (review by ${record.payload.reviewer})`;
    const before = history.slice(0, index);
    const expected = reviewSigningText(record.payload, { iterations: iterationsSinceLastReview(before), head: [...before].reverse().find((r): r is IterationRecord => r.kind === 'iteration') });
    if (attestation.signedText !== expected) problems.push(`${label}: the signed text does not match the review or the state it covers`);
    const outcome = verify(attestation.signedText, attestation.signature);
    if ('problem' in outcome) problems.push(`${label}: ${outcome.problem}`);
    else if (outcome.principal !== record.payload.reviewer || outcome.principal !== attestation.principal) problems.push(`${label}: signed by ${outcome.principal}, not by the reviewer it names`);
  });
  return problems;
}
