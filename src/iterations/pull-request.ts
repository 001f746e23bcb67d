import { diffSnapshots, type IterationDiff } from '../diff/iteration-diff.js';
import type { Finding } from '../findings/finding.js';
import type { Provenance } from '../ledger/record.js';
import type { OpenFinding, Verdict } from '../policy/verdict.js';
import { git, isAncestor } from '../workspace/git.js';
import { SnapshotBuilder } from '../workspace/snapshot-builder.js';
import { externalSourcesOf, type CheckedRepository } from './check-repository.js';
import { commitOf, firstParentCommits, mergeBase, replayCommits, type ReplayedCommit } from './commit-chain.js';

/** A pull request replayed commit by commit: the chain's verdict and what the head changed since the base. */
export interface PullRequestReplay {
  /** The merge base of the base ref and the head: the accepted baseline the replay starts from. */
  base: string;
  head: string;
  /** Set when the checked-out commit was a merge of the head into the base (GitHub's `refs/pull/N/merge`). */
  mergeCommit?: string;
  commits: ReplayedCommit[];
  /** The verdict of the head: the last commit's, or a pass when there is nothing to replay. */
  verdict: Verdict;
  /** Findings introduced since the accepted baseline and still open at the head, as the verdict saw them. */
  open: OpenFinding[];
  /** Findings of the head, each with its state relative to the base: new, updated (edited) or unchanged. */
  headFindings: { finding: Finding; state: 'new' | 'updated' | 'unchanged' }[];
  /** Everything the head changed since the base: fixed findings and complexity. */
  sinceBase: IterationDiff;
  /** Files of loopwarden's config the pull request changes (the replay is judged by the head's). */
  configChanged: string[];
}

const CONFIG_FILES = ['.loopwarden.yml', '.loopwarden.yaml'];

/**
 * Replays a pull request in `repository`'s ledger (a throw-away one: CI keeps no ledger): every commit
 * from the merge base of `baseRef` and `headRef` to the head along first parents, each with the
 * provenance its trailers and notes tell, so consecutive AI commits count as a chain. `onProgress` is
 * told how many of those commits are replayed.
 */
export async function replayPullRequest(
  repository: CheckedRepository,
  baseRef: string,
  headRef: string,
  provenanceOf: (commit: string) => Provenance,
  onProgress?: (done: number, total: number) => void,
): Promise<PullRequestReplay> {
  const { top, ledger, rules, config } = repository;
  const baseTip = commitOf(top, baseRef, '--base');
  let head = commitOf(top, headRef);
  let mergeCommit: string | undefined;
  const parents = git(top, ['rev-list', '--parents', '-n', '1', head]).toString().trim().split(' ').slice(1);
  // GitHub checks out a pull request as a merge of its head into the base: the commits are on the second parent.
  if (parents.length === 2 && isAncestor(top, parents[0]!, baseTip) && !isAncestor(top, parents[1]!, baseTip)) {
    mergeCommit = head;
    head = parents[1]!;
  }
  const base = mergeBase(top, baseTip, head);
  const chain = firstParentCommits(top, base, head);
  onProgress?.(0, chain.length);
  const commits = await replayCommits(repository, chain, provenanceOf, (_entry, done) => onProgress?.(done, chain.length));
  const last = [...commits].reverse().find((entry) => entry.result)?.result;
  const builder = new SnapshotBuilder(top, ledger, rules, config.scan, externalSourcesOf(repository));
  const before = (await builder.scannedCommit(base)).snapshot;
  const after = (await builder.scannedCommit(head)).snapshot;
  const sinceBase = diffSnapshots(before, after);
  const introduced = new Set(sinceBase.introduced.map((f) => f.fingerprint));
  const updated = new Set(sinceBase.changed.map((c) => c.after.fingerprint));
  const headFindings = after.files.flatMap((file) => file.findings).map((finding) => ({ finding, state: introduced.has(finding.fingerprint) ? ('new' as const) : updated.has(finding.fingerprint) ? ('updated' as const) : ('unchanged' as const) }));
  const configChanged = git(top, ['diff', '--name-only', base, head, '--', ...CONFIG_FILES]).toString().split('\n').filter(Boolean);
  const verdict: Verdict = last?.verdict ?? { level: 'pass', reasons: [], chain: { aiIterationsSinceReview: 0, limit: config.policy.chain.maxConsecutiveAiIterations } };
  return { base, head, mergeCommit, commits, verdict, open: last?.open ?? [], headFindings, sinceBase, configChanged };
}
