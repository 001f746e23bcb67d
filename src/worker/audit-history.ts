import { join } from 'node:path';
import { commitProvenance, firstParentCommits, replayCommits } from '../iterations/commit-chain.js';
import { openProject } from '../iterations/project.js';
import { MirroredLedger } from '../ledger/mirrored-ledger.js';
import { databaseKeeper, type RepositoryLedger } from '../ledger/postgres-ledger.js';
import { openSqliteLedger } from '../ledger/sqlite-ledger.js';
import { replayCounts } from '../report/commit-line.js';
import { isAncestor } from '../workspace/git.js';
import { JobInputError } from './job-errors.js';
import type { AuditRequest, AuditResult } from './job-schemas.js';
import { checkOut, commitInClone, syncClone } from './source-clone.js';
import { repositoryDirectory, type ProgressListener, type WorkContext } from './work-context.js';

/**
 * Records every first-parent commit of the source after `since` up to `ref` as an iteration of the
 * repository's chain in the database, as `loopwarden history --since` records them locally: the same
 * replay, the repository's own configuration (but never its `ledger:` section), provenance from trailers
 * and git-ai notes only. Appends go to the database first (a MirroredLedger over it), and commits the chain
 * holds already are skipped, so a job run twice, or retried after its worker died, records each commit once.
 */
export async function auditHistory(context: WorkContext, repository: RepositoryLedger, request: AuditRequest, onProgress: ProgressListener): Promise<AuditResult> {
  const directory = repositoryDirectory(context, repository);
  const top = syncClone(request.source, join(directory, 'clone'));
  const since = commitInClone(top, request.since, 'since');
  const target = commitInClone(top, request.ref ?? 'HEAD', 'ref');
  if (since !== target && !isAncestor(top, since, target)) throw new JobInputError(`since ${request.since}: not an ancestor of ${request.ref ?? 'the source\'s HEAD'}; nothing recorded`);
  checkOut(top, target);
  const commits = firstParentCommits(top, since, target);
  await onProgress(0, commits.length);
  const project = await openProject(top, undefined, context.ruleSelection);
  const ledger = new MirroredLedger(await openSqliteLedger(join(directory, 'ledger.db')), databaseKeeper(repository));
  try {
    const replayed = await replayCommits({ top, config: project.config, rules: project.rules, ledger }, commits, commitProvenance(top, {}), (_entry, done) => onProgress(done, commits.length));
    const { recorded, unchanged, skipped, ai } = replayCounts(replayed);
    return { kind: 'audit-history', commits: commits.length, recorded, unchanged, skipped, ai, head: (await repository.head()) ?? null };
  } finally {
    ledger.close();
  }
}
