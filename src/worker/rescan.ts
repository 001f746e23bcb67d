import { join } from 'node:path';
import { diffSnapshots } from '../diff/iteration-diff.js';
import type { Snapshot } from '../diff/snapshot.js';
import type { Finding } from '../findings/finding.js';
import { lastIteration } from '../iterations/check.js';
import { openProject } from '../iterations/project.js';
import type { RepositoryLedger } from '../ledger/postgres-ledger.js';
import type { LedgerRecord } from '../ledger/record.js';
import { openSqliteLedger } from '../ledger/sqlite-ledger.js';
import { SnapshotBuilder, engineKey } from '../workspace/snapshot-builder.js';
import { JobInputError } from './job-errors.js';
import type { ReportedFinding, RescanResult } from './job-schemas.js';
import { checkOut, commitInClone, syncClone } from './source-clone.js';
import { repositoryDirectory, type ProgressListener, type WorkContext } from './work-context.js';

type IterationRecord = LedgerRecord & { kind: 'iteration' };

/**
 * Re-analyses the state of the repository's last recorded iteration with the rules installed now, as a
 * check would (the same snapshot builder and engine), and compares what would be open, the findings
 * introduced since the baseline that iteration was judged against, with what the record holds open, by
 * fingerprint. Records nothing: a rescan is not an iteration of the code. The worker's copy of the
 * repository's content serves as the analyses' cache.
 */
export async function rescan(context: WorkContext, repository: RepositoryLedger, source: string, onProgress: ProgressListener): Promise<RescanResult> {
  const records = await repository.records();
  const last = lastIteration(records);
  if (!last) throw new JobInputError(`${repository.name}: no iteration is recorded yet; nothing to rescan`);
  const commit = last.payload.revision.commit;
  if (!commit || last.payload.revision.worktree) throw new JobInputError(`${repository.name}: iteration #${last.seq} recorded uncommitted changes, which the source cannot give back; nothing to rescan`);
  const baselineCommit = baselineCommitOf(last, records, repository.name);
  await onProgress(0, 1);
  const directory = repositoryDirectory(context, repository);
  const top = syncClone(source, join(directory, 'clone'));
  commitInClone(top, commit, `the commit of iteration #${last.seq}`);
  if (baselineCommit) commitInClone(top, baselineCommit, `the baseline of iteration #${last.seq}`);
  checkOut(top, commit);
  const project = await openProject(top, undefined, context.ruleSelection);
  const cache = await openSqliteLedger(join(directory, 'ledger.db'));
  try {
    const builder = new SnapshotBuilder(top, cache, project.rules, project.config.scan);
    const now = builder.commit(commit).snapshot;
    const baseline: Snapshot = baselineCommit ? builder.commit(baselineCommit).snapshot : { files: [] };
    const openNow = diffSnapshots(baseline, now).introduced;
    // A rescan runs loopwarden's rules only, never a repository's scanners (its config could run anything here).
    const openThen = (last.payload.open ?? []).filter((finding) => finding.tool === undefined);
    const otherTools = (last.payload.open ?? []).length - openThen.length;
    const then = new Set(openThen.map((finding) => finding.fingerprint));
    const found = new Set(openNow.map((finding) => finding.fingerprint));
    await onProgress(1, 1);
    return {
      kind: 'rescan',
      rulesDigest: engineKey(project.rules),
      commit,
      seq: last.seq,
      newFindings: openNow.filter((finding) => !then.has(finding.fingerprint)).map(reported),
      goneFindings: openThen.filter((finding) => !found.has(finding.fingerprint)).map(reported),
      stillOpen: openNow.filter((finding) => then.has(finding.fingerprint)).length,
      ...(otherTools > 0 ? { otherTools } : {}),
    };
  } finally {
    cache.close();
  }
}

/** The commit the last iteration's baseline stands for, or null for an empty baseline. */
function baselineCommitOf(last: IterationRecord, records: readonly LedgerRecord[], name: string): string | null {
  const baseline = last.payload.baseline;
  if (baseline.kind === 'empty') return null;
  if (baseline.kind === 'commit') return baseline.commit;
  const accepted = records.find((record): record is IterationRecord => record.kind === 'iteration' && record.seq === baseline.seq);
  const commit = accepted?.payload.revision.commit;
  if (!commit || accepted.payload.revision.worktree) throw new JobInputError(`${name}: the baseline of iteration #${last.seq} (iteration #${baseline.seq}) recorded uncommitted changes, which the source cannot give back; nothing to rescan`);
  return commit;
}

function reported(finding: Finding): ReportedFinding {
  return { ruleId: finding.ruleId, cwe: finding.cwe, severity: finding.severity, path: finding.path, startLine: finding.startLine, message: finding.message, fingerprint: finding.fingerprint };
}
