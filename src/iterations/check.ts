import { UserError } from '../errors.js';
import { diffSnapshots, type IterationDiff } from '../diff/iteration-diff.js';
import type { Snapshot } from '../diff/snapshot.js';
import { SEVERITIES, type Severity } from '../findings/finding.js';
import type { Ledger } from '../ledger/ledger.js';
import type { BaselineRef, IterationPayload, LedgerRecord, PreviousRef, Provenance } from '../ledger/record.js';
import { chainState, gateActorOf, type ChainEvent, type GateActor } from '../policy/chain.js';
import { guardChanges, type GuardState } from '../policy/guards.js';
import type { Policy } from '../policy/policy.js';
import { decideVerdict, type OpenFinding, type OpenSuppression, type Verdict } from '../policy/verdict.js';
import { openFindings, openSuppressions } from '../policy/open-findings.js';
import type { SnapshotBuilder } from '../workspace/snapshot-builder.js';
import { acceptedBaseline, type AcceptedBaseline } from './baseline.js';

type IterationRecord = LedgerRecord & { kind: 'iteration' };

/** What a check looked at and decided. */
export interface CheckResult {
  /** False when the state was identical to the last recorded iteration: nothing was recorded or counted. */
  recorded: boolean;
  /** The iteration recorded, or for an unchanged state the last one. */
  record: IterationRecord;
  /** What this iteration changed since the previous one. */
  diff: IterationDiff;
  /** Everything that changed since the accepted baseline. */
  sinceBaseline: IterationDiff;
  /** Findings introduced since the accepted baseline and still there. */
  open: OpenFinding[];
  verdict: Verdict;
  baseline: AcceptedBaseline;
  /** On the first check: the findings already in the baseline, which do not gate. */
  existing?: Record<Severity, number> & { total: number };
  /** Suppression comments in files changed since the accepted baseline that silence nothing. */
  unusedSuppressions: UnusedSuppressionAt[];
  /** Files whose content had to be analysed (the rest came from the ledger's cache). */
  analysedFiles: number;
}

/** A `loopwarden-ignore` comment that suppressed nothing, and where it is. */
export interface UnusedSuppressionAt {
  path: string;
  line: number;
  ruleId: string;
  reason: string;
}

/** The current state to record: its snapshot and what else decides the verdict. */
export interface CurrentState {
  snapshot: Snapshot;
  id: string;
  analysed: number;
  guards: GuardState;
  /** Scanners that failed on some files of this state (their findings there were not re-checked). */
  scannerNotes?: { scanner: string; files: string[]; message: string }[];
  /** Other tools that looked at this state; findings of other tools are not re-checked (absent: no filtering). */
  externalTools?: string[];
}

/** Converts ledger history into the events the chain is counted from. */
export function chainEvents(history: readonly LedgerRecord[]): ChainEvent[] {
  return history.map((record) =>
    record.kind === 'iteration' ? { kind: 'iteration', actor: gateActorOf(record.payload.provenance) } : { kind: 'review', decision: record.payload.decision },
  );
}

const EMPTY: Snapshot = { files: [] };

/**
 * Records one iteration and decides its verdict against the accepted baseline (see baseline.ts), so a
 * finding introduced by an AI iteration stays open, and blocking, until it is fixed, suppressed or
 * accepted by a person. A state identical to the last recorded iteration (same files, same guards)
 * records nothing and counts nothing: the answer describes the standing state.
 */
export async function recordIteration(input: {
  ledger: Ledger;
  builder: SnapshotBuilder;
  policy: Policy;
  provenance: Provenance;
  current: CurrentState;
  revision: { commit: string | null; worktree: boolean };
  /** The commit to compare with when the ledger holds no iteration yet. */
  firstBaseline: string | null;
  /** For a commit checked by revision: whether it is older than (an ancestor of) another commit. */
  isAncestor?: (commit: string, of: string) => boolean;
}): Promise<CheckResult> {
  const { builder, policy, current } = input;
  // On a team server's chain only the server attests a person (a reviewer's review): an iteration recorded
  // with an API token is a person's only on the token holder's word, so it is unattested.
  const provenance: Provenance = input.ledger.sharedChain && input.provenance.actor === 'human' ? { ...input.provenance, attestation: 'none' } : input.provenance;
  let result: Omit<CheckResult, 'record' | 'recorded' | 'analysedFiles'> | undefined;
  let unchanged: IterationRecord | undefined;
  const record = await input.ledger.appendAtomically((history) => {
    const last = lastIteration(history);
    const seq = (history[history.length - 1]?.seq ?? 0) + 1;
    const commit = input.revision.commit;
    const lastCommit = last?.payload.revision.commit;
    if (!input.revision.worktree && commit && lastCommit && commit !== lastCommit && input.isAncestor?.(commit, lastCommit)) {
      // Going back to an older commit would judge a state the loop has already left: one call could pass.
      throw new UserError(`--rev ${commit.slice(0, 12)}: older than the state last recorded (iteration #${last!.seq}, commit ${lastCommit.slice(0, 12)}); iterations are recorded forward only`);
    }
    if (last && last.payload.snapshotId === current.id && guardChanges(last.payload.guards, current.guards).length === 0) {
      unchanged = last;
      result = assess({ history, policy, builder, seq: null, actor: null, last, current: builder.load(last.payload.snapshotId) ?? EMPTY, currentGuards: current.guards, sharedChain: input.ledger.sharedChain, scannerNotes: current.scannerNotes, externalTools: current.externalTools });
      return undefined;
    }
    let baselineRef: BaselineRef | undefined;
    let previous: PreviousRef;
    let existing: CheckResult['existing'];
    if (!last) {
      if (input.firstBaseline) {
        const commit = builder.commit(input.firstBaseline);
        baselineRef = { kind: 'commit', commit: input.firstBaseline, snapshotId: commit.id };
        existing = countFindings(commit.snapshot);
      } else {
        baselineRef = { kind: 'iteration', seq, snapshotId: current.id };
        existing = countFindings(current.snapshot);
      }
      previous = input.firstBaseline ? { kind: 'commit', commit: input.firstBaseline } : { kind: 'empty' };
    } else previous = { kind: 'iteration', seq: last.seq };
    const assessed = assess({ history, policy, builder, seq, actor: gateActorOf(provenance), last, current: current.snapshot, currentGuards: current.guards, firstBaseline: baselineRef, sharedChain: input.ledger.sharedChain, scannerNotes: current.scannerNotes, externalTools: current.externalTools });
    result = { ...assessed, existing };
    const { diff, sinceBaseline, open, verdict } = assessed;
    const payload: IterationPayload = {
      provenance,
      revision: input.revision,
      snapshotId: current.id,
      baseline: assessed.baseline.ref,
      previous,
      introduced: diff.introduced,
      fixed: diff.fixed,
      changed: diff.changed,
      persistingCount: diff.persisting.length + diff.changed.length,
      open,
      aiSuppressions: assessed.aiSuppressions,
      guards: current.guards,
      risk: sinceBaseline.risk,
      functions: diff.functions,
      complexity: { before: sinceBaseline.complexity.before.cyclomatic, after: sinceBaseline.complexity.after.cyclomatic, changePercent: sinceBaseline.complexity.cyclomaticChangePercent },
      files: diff.files,
      ...(current.scannerNotes?.length ? { scanners: current.scannerNotes } : {}),
      verdict,
    };
    return { kind: 'iteration', payload };
  });
  const recorded = record !== undefined;
  return { ...result!, recorded, record: (record as IterationRecord | undefined) ?? unchanged!, analysedFiles: current.analysed };
}

interface Assessment {
  unusedSuppressions: UnusedSuppressionAt[];
  diff: IterationDiff;
  sinceBaseline: IterationDiff;
  open: OpenFinding[];
  aiSuppressions: OpenSuppression[];
  verdict: Verdict;
  baseline: AcceptedBaseline;
}

/** Compares a state with the previous iteration and with the accepted baseline, and decides its verdict. */
function assess(input: {
  history: readonly LedgerRecord[];
  policy: Policy;
  builder: SnapshotBuilder;
  /** The sequence number the state is recorded under, or null when it is the last iteration's state again. */
  seq: number | null;
  actor: GateActor | null;
  last: IterationRecord | undefined;
  current: Snapshot;
  currentGuards: GuardState;
  firstBaseline?: BaselineRef;
  /** Records may come from other writers (a team server): their lists are not taken on their word. */
  sharedChain?: boolean;
  scannerNotes?: CurrentState['scannerNotes'];
  externalTools?: string[];
}): Assessment {
  const { history, policy, builder, last } = input;
  const baseline: AcceptedBaseline = acceptedBaseline(history, policy) ?? { ref: input.firstBaseline!, guards: input.currentGuards, why: input.firstBaseline?.kind === 'commit' ? 'before-first-check' : 'first-check' };
  const baselineSnapshot = snapshotOf(baseline.ref, builder, input.current);
  const previousSnapshot = last ? (input.seq === null ? input.current : (builder.load(last.payload.snapshotId) ?? EMPTY)) : baselineSnapshot;
  const toolsNow = input.externalTools ? new Set(input.externalTools) : undefined;
  const diff = diffSnapshots(previousSnapshot, input.current, { toolsNow });
  const sinceBaseline = diffSnapshots(baselineSnapshot, input.current, { toolsNow });
  const previousSeq = last?.seq ?? input.seq ?? 0;
  const thisSeq = input.seq ?? previousSeq;
  const open = openFindings(sinceBaseline, diff, last?.payload.open ?? [], thisSeq, previousSeq, toolsNow);
  const aiSuppressions = openSuppressions(sinceBaseline, diff, last?.payload.aiSuppressions ?? [], input.actor, thisSeq, !input.sharedChain);
  const chainBefore = chainState(chainEvents(history), policy);
  const lastRecord = history[history.length - 1];
  const rejection = lastRecord?.kind === 'review' && lastRecord.payload.decision === 'reject' ? { seq: lastRecord.seq, reviewer: lastRecord.payload.reviewer, note: lastRecord.payload.note } : undefined;
  const verdict = decideVerdict(policy, {
    actor: input.actor,
    lastActor: last ? gateActorOf(last.payload.provenance) : null,
    seq: input.seq,
    chainBefore,
    open,
    aiSuppressions,
    sinceBaseline,
    guardChanges: guardChanges(baseline.guards, input.currentGuards),
    rejection,
    scannerFailures: input.scannerNotes ?? [],
  });
  const changed = new Set([...sinceBaseline.files.added, ...sinceBaseline.files.modified]);
  const unusedSuppressions = input.current.files.filter((file) => changed.has(file.path)).flatMap((file) => file.unusedSuppressions.map((u) => ({ path: file.path, ...u })));
  return { diff, sinceBaseline, open, aiSuppressions, verdict, baseline, unusedSuppressions };
}

function snapshotOf(ref: BaselineRef, builder: SnapshotBuilder, current: Snapshot): Snapshot {
  if (ref.kind === 'empty') return EMPTY;
  if (ref.kind === 'commit') {
    // A commit's state recorded elsewhere is what its sender claims; the commit itself, when here, is analysed here.
    if (ref.snapshotId && builder.isForeign(ref.snapshotId) && builder.hasCommit(ref.commit)) return builder.commit(ref.commit).snapshot;
    return (ref.snapshotId ? builder.load(ref.snapshotId) : undefined) ?? builder.commit(ref.commit).snapshot;
  }
  return builder.load(ref.snapshotId) ?? current;
}

function countFindings(snapshot: Snapshot): Record<Severity, number> & { total: number } {
  const counts = { critical: 0, high: 0, medium: 0, low: 0, total: 0 };
  for (const file of snapshot.files) {
    // Files without risk have no findings: their analyses need not be read.
    if (file.summary.risk === 0) continue;
    for (const finding of file.findings) {
      counts[finding.severity]++;
      counts.total++;
    }
  }
  for (const severity of SEVERITIES) counts[severity] ??= 0;
  return counts;
}

/** Returns the last recorded iteration, if any. */
export function lastIteration(history: readonly LedgerRecord[]): IterationRecord | undefined {
  for (let i = history.length - 1; i >= 0; i--) {
    const record = history[i]!;
    if (record.kind === 'iteration') return record;
  }
  return undefined;
}
