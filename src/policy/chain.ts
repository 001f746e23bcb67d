import type { Policy } from './policy.js';

/** Who made a change. */
export type Actor = 'ai' | 'human';

/** The part of a recorded event the chain depends on. */
export type ChainEvent = { kind: 'iteration'; actor: Actor } | { kind: 'review'; decision: 'approve' | 'reject' };

/** The run of AI-only iterations since the last approved review. */
export interface ChainState {
  aiIterationsSinceReview: number;
  limit: number;
}

/** Counts consecutive AI iterations since the last approval (and, by policy, the last human iteration). */
export function chainState(events: readonly ChainEvent[], policy: Policy): ChainState {
  let count = 0;
  for (const event of events) {
    if (event.kind === 'review') {
      if (event.decision === 'approve') count = 0; // a rejection leaves the chain as it is
    } else if (event.actor === 'ai') count++;
    else if (policy.chain.humanIterationEndsChain) count = 0;
  }
  return { aiIterationsSinceReview: count, limit: policy.chain.maxConsecutiveAiIterations };
}
