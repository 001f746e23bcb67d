import type { Policy } from './policy.js';

/** Who made a change. */
export type Actor = 'ai' | 'human';

/**
 * Who made a change, as the gate counts it: a human iteration nobody saw a person make (a script, CI, an
 * agent that stripped its environment) is `unattested`: it neither adds to the AI chain nor ends it,
 * and accepts nothing an agent wrote.
 */
export type GateActor = Actor | 'unattested';

/** The gate's actor of an iteration's provenance (records without an attestation predate it and count as attested). */
export function gateActorOf(provenance: { actor: Actor; attestation?: 'terminal' | 'none' }): GateActor {
  return provenance.actor === 'human' && provenance.attestation === 'none' ? 'unattested' : provenance.actor;
}

/** The part of a recorded event the chain depends on. */
export type ChainEvent = { kind: 'iteration'; actor: GateActor } | { kind: 'review'; decision: 'approve' | 'reject' };

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
    else if (event.actor === 'human' && policy.chain.humanIterationEndsChain) count = 0;
  }
  return { aiIterationsSinceReview: count, limit: policy.chain.maxConsecutiveAiIterations };
}
