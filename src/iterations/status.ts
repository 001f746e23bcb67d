import type { LedgerRecord } from '../ledger/record.js';
import { chainState, type ChainState } from '../policy/chain.js';
import type { Policy } from '../policy/policy.js';
import type { OpenFinding, Verdict } from '../policy/verdict.js';
import { acceptedBaseline, type AcceptedBaseline } from './baseline.js';
import { chainEvents } from './check.js';
import { iterationsSinceLastReview } from './review.js';

/** Where the loop stands: the chain, the accepted baseline, what is open, what awaits review, and the last review. */
export interface LoopStatus {
  chain: ChainState;
  baseline: AcceptedBaseline | undefined;
  /** The last iteration's verdict and the findings open since the accepted baseline. */
  last: { seq: number; verdict: Verdict; open: OpenFinding[] } | undefined;
  unreviewed: (LedgerRecord & { kind: 'iteration' })[];
  lastReview: (LedgerRecord & { kind: 'review' }) | undefined;
  iterations: number;
}

/** Summarises the ledger history under a policy. */
export function loopStatus(history: readonly LedgerRecord[], policy: Policy): LoopStatus {
  const last = [...history].reverse().find((r): r is LedgerRecord & { kind: 'iteration' } => r.kind === 'iteration');
  const baseline = acceptedBaseline(history, policy);
  // An approval after the last iteration accepted what was open then.
  const acceptedSinceLast = baseline?.ref.kind === 'iteration' && baseline.ref.seq === last?.seq && baseline.why === 'approval';
  return {
    chain: chainState(chainEvents(history), policy),
    baseline,
    last: last ? { seq: last.seq, verdict: last.payload.verdict, open: acceptedSinceLast ? [] : (last.payload.open ?? []) } : undefined,
    unreviewed: iterationsSinceLastReview(history),
    lastReview: [...history].reverse().find((r): r is LedgerRecord & { kind: 'review' } => r.kind === 'review'),
    iterations: history.filter((r) => r.kind === 'iteration').length,
  };
}
