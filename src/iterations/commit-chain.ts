import { UserError } from '../errors.js';
import type { Provenance } from '../ledger/record.js';
import { git, isAncestor, resolveCommit } from '../workspace/git.js';
import { spawnSync } from 'node:child_process';
import { SnapshotBuilder } from '../workspace/snapshot-builder.js';
import { provenanceOfCommitWithNotes } from '../workspace/ai-notes.js';
import { resolveProvenance } from './provenance.js';
import { checkRepository, externalSourcesOf, type CheckedRepository } from './check-repository.js';
import { lastIteration, type CheckResult } from './check.js';

/** One commit of a replayed chain: what it was judged, or why it was left out. */
export interface ReplayedCommit {
  commit: string;
  subject: string;
  provenance: Provenance;
  /** The check of the commit; absent when it was skipped. */
  result?: CheckResult;
  /** Why nothing was checked: the commit is in the ledger already, or older than the state last recorded. */
  skipped?: 'already-recorded' | 'older';
}

/** Resolves `revision` to a commit of the repository; a UserError naming the option (if any) and the revision otherwise. */
export function commitOf(top: string, revision: string, option?: string): string {
  const commit = resolveCommit(top, revision);
  if (!commit) throw new UserError(`${option ? `${option} ` : ''}${revision}: not a commit in ${top}`);
  return commit;
}

/** Lists the commits after `since` up to `until` along first parents, oldest first. */
export function firstParentCommits(top: string, since: string, until: string): string[] {
  return git(top, ['rev-list', '--first-parent', '--reverse', `${since}..${until}`]).toString().split('\n').filter(Boolean);
}

/** Returns the merge base of two commits (where a pull request branched off), or a UserError. */
export function mergeBase(top: string, a: string, b: string): string {
  const result = spawnSync('git', ['merge-base', a, b], { cwd: top, encoding: 'utf8' });
  if (result.status !== 0) throw new UserError(`${a.slice(0, 12)} and ${b.slice(0, 12)} have no common ancestor in ${top}`);
  return result.stdout.trim();
}

/**
 * Returns how a replay learns who made each commit: what its trailers and git-ai notes tell, under the
 * LOOPWARDEN_* variables and the coding-agent rule of `env`, as `check --rev` does. A commit without AI
 * trailers is a human one only `attestation` says a person was seen making it (the post-commit hook at a
 * terminal); in `history` and `ci` it is unattested: an agent writes its own commit messages.
 */
export function commitProvenance(top: string, env: Record<string, string | undefined>, attestation: Provenance['attestation'] = 'none'): (commit: string) => Provenance {
  return (commit) => resolveProvenance({ attestation }, env, provenanceOfCommitWithNotes(top, commit));
}

function subjectOf(top: string, commit: string): string {
  return git(top, ['log', '-1', '--format=%s', commit]).toString().trim();
}

/**
 * Records commits, oldest first, as iterations of the repository's ledger, each with the provenance
 * `provenanceOf` tells: the core of `history`, `ci` and the git hooks. A commit the ledger already holds,
 * or one older than the state last recorded, is skipped (iterations go forward only), so replaying the
 * same commits twice records nothing the second time; the last recorded commit itself is checked again
 * and answers with its standing state (a review since counts). One snapshot builder serves every commit.
 * `onReplayed` hears of each commit once it is recorded or skipped (a worker's progress).
 */
export async function replayCommits(
  repository: CheckedRepository,
  commits: readonly string[],
  provenanceOf: (commit: string) => Provenance,
  onReplayed?: (entry: ReplayedCommit, done: number) => void | Promise<void>,
): Promise<ReplayedCommit[]> {
  const { top, ledger, rules, config } = repository;
  const builder = new SnapshotBuilder(top, ledger, rules, config.scan, externalSourcesOf(repository));
  const records = await ledger.records();
  const last = lastIteration(records);
  if (last) builder.load(last.payload.snapshotId);
  const recorded = new Set(records.flatMap((record) => (record.kind === 'iteration' && record.payload.revision.commit && !record.payload.revision.worktree ? [record.payload.revision.commit] : [])));
  let lastCommit = last?.payload.revision.commit ?? null;
  const replayed: ReplayedCommit[] = [];
  for (const commit of commits) {
    const entry = { commit, subject: subjectOf(top, commit), provenance: provenanceOf(commit) };
    if (commit !== lastCommit && recorded.has(commit)) replayed.push({ ...entry, skipped: 'already-recorded' });
    else if (lastCommit && commit !== lastCommit && isAncestor(top, commit, lastCommit)) replayed.push({ ...entry, skipped: 'older' });
    else {
      const result = await checkRepository(repository, entry.provenance, commit, builder);
      replayed.push({ ...entry, result });
      lastCommit = commit;
    }
    await onReplayed?.(replayed[replayed.length - 1]!, replayed.length);
  }
  return replayed;
}
