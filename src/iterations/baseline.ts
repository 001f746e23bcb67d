import type { BaselineRef, LedgerRecord } from '../ledger/record.js';
import type { GuardState } from '../policy/guards.js';
import { gateActorOf } from '../policy/chain.js';
import type { Policy } from '../policy/policy.js';

type IterationRecord = LedgerRecord & { kind: 'iteration' };

/** The accepted baseline: the state every verdict compares with, and why it is accepted. */
export interface AcceptedBaseline {
  ref: BaselineRef;
  /** The policy, rules and guarded files in force when it was accepted. */
  guards: GuardState | undefined;
  why: 'before-first-check' | 'first-check' | 'human-iteration' | 'approval';
}

/**
 * Finds the accepted baseline in the ledger history: the last iteration a person approved, or the last
 * human iteration that passed (when human iterations end the chain); before either, the state the first
 * check compared with (the HEAD commit), or the first check itself when there was no commit.
 * Returns undefined before the first check.
 */
export function acceptedBaseline(history: readonly LedgerRecord[], policy: Policy): AcceptedBaseline | undefined {
  let accepted: AcceptedBaseline | undefined;
  let last: IterationRecord | undefined;
  for (const record of history) {
    if (record.kind === 'review') {
      if (record.payload.decision === 'approve' && last) accepted = stateOf(last, 'approval');
      continue;
    }
    if (!last) accepted = firstBaseline(record);
    const level = record.payload.verdict.level;
    if (gateActorOf(record.payload.provenance) === 'human' && policy.chain.humanIterationEndsChain && (level === 'pass' || level === 'warn')) accepted = stateOf(record, 'human-iteration');
    last = record;
  }
  return accepted;
}

function stateOf(record: IterationRecord, why: AcceptedBaseline['why']): AcceptedBaseline {
  return { ref: { kind: 'iteration', seq: record.seq, snapshotId: record.payload.snapshotId }, guards: record.payload.guards, why };
}

function firstBaseline(first: IterationRecord): AcceptedBaseline {
  const baseline = first.payload.baseline;
  // Without a commit to compare with, what the first check saw is the starting point.
  if (baseline.kind === 'commit' && baseline.snapshotId) return { ref: baseline, guards: first.payload.guards, why: 'before-first-check' };
  if (baseline.kind === 'iteration') return { ref: baseline, guards: first.payload.guards, why: 'first-check' };
  return stateOf(first, 'first-check');
}
