import type { ProjectConfig } from '../config/config-file.js';
import type { Ledger } from '../ledger/ledger.js';
import type { Provenance } from '../ledger/record.js';
import type { Rule } from '../rules/rule.js';
import { isAncestor, resolveCommit } from '../workspace/git.js';
import { readGuardState } from '../workspace/guard-state.js';
import { SnapshotBuilder, engineKey } from '../workspace/snapshot-builder.js';
import type { ExternalResult } from '../scanners/sarif-read.js';
import type { ExternalSources } from '../workspace/external-pass.js';
import { lastIteration, recordIteration, type CheckResult } from './check.js';

/** A repository to check: where it is, what configures it, the rules it is judged by and its ledger. */
export interface CheckedRepository {
  top: string;
  config: ProjectConfig;
  rules: Rule[];
  ledger: Ledger;
  /** Results of other tools handed in for the work tree as it is now (`check --import-sarif`). */
  imported?: ExternalResult[];
  /**
   * Run the config's `scanners:` (commands the repository names). Only doors on the developer's own machine
   * say so: a server checking someone's repository must never run what its config says.
   */
  runScanners?: boolean;
  /** Told how many files a first check analyses on worker threads are done (the snapshot builder hands it to `analyzeInWorkers`). */
  onAnalysisProgress?: (done: number, total: number) => void;
}

/** The other tools a build of this repository hears: its scanners (when the door runs them) and imported results. */
export function externalSourcesOf(repository: CheckedRepository): ExternalSources {
  return { scanners: repository.runScanners ? repository.config.scanners : [], ...(repository.imported ? { imported: repository.imported } : {}) };
}

/**
 * Returns a builder of the repository's snapshots that may reuse what its last iteration analysed; a door
 * that checks again in the same process keeps it and passes it to `checkRepository`.
 */
export async function snapshotBuilderFor(repository: CheckedRepository): Promise<SnapshotBuilder> {
  const { top, config, rules, ledger } = repository;
  const builder = new SnapshotBuilder(top, ledger, rules, config.scan, externalSourcesOf(repository));
  builder.onAnalysisProgress = repository.onAnalysisProgress;
  // What the last iteration analysed (bound to it by hashes) may be reused; anything else is analysed afresh.
  const last = lastIteration(await ledger.records());
  if (last) builder.load(last.payload.snapshotId);
  return builder;
}

/**
 * Checks the work tree (or the commit `revision`) of a repository as one iteration: the one thing every
 * door that records iterations calls. A builder may be passed to keep analyses across calls in one process.
 */
export async function checkRepository(repository: CheckedRepository, provenance: Provenance, revision?: string, builder?: SnapshotBuilder): Promise<CheckResult> {
  const { top, config, rules, ledger } = repository;
  const snapshots = builder ?? (await snapshotBuilderFor(repository));
  const commit = revision ?? resolveCommit(top, 'HEAD') ?? null;
  const snapshot = revision ? await snapshots.scannedCommit(revision) : await snapshots.worktree();
  const firstBaseline = revision ? (resolveCommit(top, `${revision}^`) ?? null) : commit;
  // The first check compares with the commit before it: the scanners look at that commit's files too, so
  // what was there already is not taken for new. A builder that has read a recorded snapshot is past that
  // point, which spares every later check reading the whole ledger once more.
  const maybeFirst = repository.runScanners && config.scanners.length > 0 && !snapshots.hasLoadedSnapshots;
  if (firstBaseline && maybeFirst && !lastIteration(await ledger.records())) await snapshots.scannedCommit(firstBaseline);
  return recordIteration({
    ledger,
    builder: snapshots,
    policy: config.policy,
    provenance,
    current: { ...snapshot, guards: readGuardState(top, config, engineKey(rules), snapshot) },
    revision: { commit, worktree: !revision },
    firstBaseline,
    isAncestor: (older, newer) => isAncestor(top, older, newer),
  });
}
