import { diffSnapshots, type IterationDiff } from '../diff/iteration-diff.js';
import type { Snapshot } from '../diff/snapshot.js';
import type { Ledger } from '../ledger/ledger.js';
import type { IterationPayload, LedgerRecord, Provenance } from '../ledger/record.js';
import { chainState, type ChainEvent } from '../policy/chain.js';
import type { Policy } from '../policy/policy.js';
import { decideVerdict, type Verdict } from '../policy/verdict.js';
import type { SnapshotBuilder } from '../workspace/snapshot-builder.js';

/** What a check looked at and decided. */
export interface CheckResult {
  record: LedgerRecord & { kind: 'iteration' };
  diff: IterationDiff;
  verdict: Verdict;
  /** Files whose content had to be analysed (the rest came from the ledger's cache). */
  analysedFiles: number;
}

/** Converts ledger history into the events the chain is counted from. */
export function chainEvents(history: readonly LedgerRecord[]): ChainEvent[] {
  return history.map((record) =>
    record.kind === 'iteration' ? { kind: 'iteration', actor: record.payload.provenance.actor } : { kind: 'review', decision: record.payload.decision },
  );
}

/**
 * Records one iteration: compares the current state with the last recorded iteration (the first time, with
 * the HEAD commit), decides the verdict under `policy`, and appends it to the ledger atomically.
 */
export function recordIteration(input: {
  ledger: Ledger;
  builder: SnapshotBuilder;
  policy: Policy;
  provenance: Provenance;
  current: { snapshot: Snapshot; id: string; analysed: number };
  revision: { commit: string | null; worktree: boolean };
  /** The commit to compare with when the ledger holds no iteration yet. */
  firstBaseline: string | null;
}): CheckResult {
  let diff: IterationDiff | undefined;
  let verdict: Verdict | undefined;
  const record = input.ledger.appendAtomically((history) => {
    const lastIteration = [...history].reverse().find((r): r is LedgerRecord & { kind: 'iteration' } => r.kind === 'iteration');
    let baseline: IterationPayload['baseline'];
    let before: Snapshot;
    if (lastIteration) {
      baseline = { kind: 'iteration', seq: lastIteration.seq };
      before = input.builder.load(lastIteration.payload.snapshotId) ?? { files: [] };
    } else if (input.firstBaseline) {
      baseline = { kind: 'commit', commit: input.firstBaseline };
      before = input.builder.commit(input.firstBaseline).snapshot;
    } else {
      baseline = { kind: 'empty' };
      before = { files: [] };
    }
    diff = diffSnapshots(before, input.current.snapshot);
    verdict = decideVerdict(input.policy, chainState(chainEvents(history), input.policy), input.provenance.actor, diff);
    const payload: IterationPayload = {
      provenance: input.provenance,
      revision: input.revision,
      snapshotId: input.current.id,
      baseline,
      introduced: diff.introduced,
      fixed: diff.fixed,
      persistingCount: diff.persisting.length,
      risk: diff.risk,
      functions: diff.functions,
      complexity: { before: diff.complexity.before.cyclomatic, after: diff.complexity.after.cyclomatic, changePercent: diff.complexity.cyclomaticChangePercent },
      files: diff.files,
      verdict,
    };
    return { kind: 'iteration', payload };
  });
  return { record: record as LedgerRecord & { kind: 'iteration' }, diff: diff!, verdict: verdict!, analysedFiles: input.current.analysed };
}
