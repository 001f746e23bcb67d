import type { LedgerRecord } from '../ledger/record.js';
import { chainState, type ChainState } from '../policy/chain.js';
import type { Policy } from '../policy/policy.js';
import { chainEvents } from './check.js';
import { iterationsSinceLastReview } from './review.js';

/** Where the loop stands: the chain, what awaits review, and the last review. */
export interface LoopStatus {
  chain: ChainState;
  unreviewed: (LedgerRecord & { kind: 'iteration' })[];
  lastReview: (LedgerRecord & { kind: 'review' }) | undefined;
  iterations: number;
}

/** Summarises the ledger history under a policy. */
export function loopStatus(history: readonly LedgerRecord[], policy: Policy): LoopStatus {
  return {
    chain: chainState(chainEvents(history), policy),
    unreviewed: iterationsSinceLastReview(history),
    lastReview: [...history].reverse().find((r): r is LedgerRecord & { kind: 'review' } => r.kind === 'review'),
    iterations: history.filter((r) => r.kind === 'iteration').length,
  };
}
