import { readFileSync } from 'node:fs';
import { personAtTerminal } from './person.js';
import { Command, Option } from 'commander';
import { describeUserFacingError } from '../errors.js';
import { lastIteration } from '../iterations/check.js';
import { commitOf, commitProvenance, firstParentCommits, replayCommits, type ReplayedCommit } from '../iterations/commit-chain.js';
import type { LedgerRecord } from '../ledger/record.js';
import type { Verdict } from '../policy/verdict.js';
import { verdictLabel } from '../report/check-text.js';
import { renderCommitLine } from '../report/commit-line.js';
import { isAncestor } from '../workspace/git.js';
import { openProject, type Project } from '../iterations/project.js';

type HookName = 'post-commit' | 'pre-push' | 'pre-commit-framework';

const ZERO = /^0+$/;

/** Defines `loopwarden git-hook`, which the scripts `init --git-hooks` installs call (not for people). */
export function gitHookCommand(): Command {
  return new Command('git-hook')
    .description('run from a git hook installed by `loopwarden init --git-hooks` (post-commit, pre-push) or by the pre-commit framework')
    .addArgument(new Command().createArgument('<hook>', 'post-commit, pre-push or pre-commit-framework').choices(['post-commit', 'pre-push', 'pre-commit-framework']))
    .argument('[hook-arguments...]', "what git passes to the hook (pre-push: the remote's name and URL)")
    .addOption(new Option('--config <file>', 'config file').hideHelp())
    .action(async (hook: HookName, _hookArguments: string[], flags: { config?: string }) => {
      process.exitCode = await runGitHook(hook, flags.config);
    });
}

/** Runs one hook; returns its exit code: always 0 after a commit, 1 to refuse a push. */
export async function runGitHook(hook: HookName, config?: string, cwd = process.cwd()): Promise<number> {
  // The pre-commit framework runs one entry for every stage; at pre-push it names the pushed range.
  const toRef = process.env.PRE_COMMIT_TO_REF;
  if (hook === 'pre-push' || (hook === 'pre-commit-framework' && toRef)) {
    const input = hook === 'pre-push' ? readFileSync(0, 'utf8') : `HEAD ${toRef} HEAD ${process.env.PRE_COMMIT_FROM_REF ?? '0'}\n`;
    return prePush(await openProject(cwd, config), input);
  }
  try {
    const project = await openProject(cwd, config);
    // The commit this git invocation just made: a person at the terminal made it, if one is seen there.
    const [entry] = await replay(project, [commitOf(project.top, 'HEAD')], personAtTerminal(process.env) ? 'terminal' : 'none');
    process.stdout.write(`loopwarden: ${renderCommitLine(entry!)}\n`);
  } catch (error) {
    // A hook that fails must not stand in the way of the commit, which is already made.
    const why = (describeUserFacingError(error) ?? String((error as Error)?.message ?? error)).split('\n')[0];
    process.stderr.write(`loopwarden: post-commit hook: ${why}; the commit stands, not recorded (\`loopwarden check --rev HEAD\` records it)\n`);
  }
  return 0;
}

async function replay(project: Project, commits: string[], attestation: 'terminal' | 'none' = 'none'): Promise<ReplayedCommit[]> {
  const ledger = await project.openLedger();
  try {
    return await replayCommits({ top: project.top, config: project.config, rules: project.rules, ledger, runScanners: true }, commits, commitProvenance(project.top, process.env, attestation));
  } finally {
    ledger.close();
  }
}

/**
 * Judges each pushed commit (git's lines `<local ref> <local sha> <remote ref> <remote sha>`): records
 * the commits since the state last recorded, then refuses the push when the pushed commit's verdict is
 * block or review-required. A commit older than the state last recorded was never judged and passes.
 */
async function prePush(project: Project, input: string): Promise<number> {
  const pushed = input.split('\n').map((line) => line.trim().split(/\s+/)).filter((fields) => fields.length >= 2 && !ZERO.test(fields[1]!));
  let refused = 0;
  for (const [ref, sha] of pushed) {
    const local = commitOf(project.top, sha!);
    const verdict = await verdictOfPushed(project, local);
    const name = `${local.slice(0, 12)}${ref && ref !== 'HEAD' ? ` (${ref.replace(/^refs\/heads\//, '')})` : ''}`;
    if (!verdict) {
      process.stdout.write(`loopwarden: ${name} is older than the state last recorded: not judged\n`);
      continue;
    }
    if (verdict.level === 'pass' || verdict.level === 'warn') {
      process.stdout.write(`loopwarden: ${name} ${verdictLabel(verdict.level)}\n`);
      continue;
    }
    refused++;
    const why = verdict.reasons.find((reason) => reason.level === verdict.level)?.message ?? verdict.reasons[0]?.message ?? '';
    process.stderr.write(`loopwarden: push refused: ${name} is ${verdictLabel(verdict.level)}: ${why} — fix it and commit, or have a person run \`loopwarden review --approve\`; \`git push --no-verify\` pushes anyway\n`);
  }
  return refused ? 1 : 0;
}

async function verdictOfPushed(project: Project, local: string): Promise<Verdict | undefined> {
  const ledger = await project.openLedger();
  const records = await ledger.records();
  ledger.close();
  const lastCommit = lastIteration(records)?.payload.revision.commit;
  const since = lastCommit && lastCommit !== local && isAncestor(project.top, lastCommit, local) ? firstParentCommits(project.top, lastCommit, local) : [];
  const commits = since.length ? since : [local];
  const entry = (await replay(project, commits)).at(-1)!;
  if (entry.result) return entry.result.verdict;
  if (entry.skipped === 'older') return undefined;
  // Recorded before, on another branch: the verdict it had then.
  const earlier = [...records].reverse().find((record): record is LedgerRecord & { kind: 'iteration' } => record.kind === 'iteration' && record.payload.revision.commit === local && !record.payload.revision.worktree);
  return earlier?.payload.verdict;
}
