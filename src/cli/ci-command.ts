import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { commitProvenance } from '../iterations/commit-chain.js';
import { replayPullRequest, type PullRequestReplay } from '../iterations/pull-request.js';
import { openSqliteLedger } from '../ledger/sqlite-ledger.js';
import type { VerdictLevel } from '../policy/policy.js';
import type { Rule } from '../rules/rule.js';
import { verdictLabel } from '../report/check-text.js';
import { renderCommitLine } from '../report/commit-line.js';
import { renderJunit } from '../report/junit.js';
import { renderPullRequestMarkdown, type SourceLinks } from '../report/pull-request-markdown.js';
import { buildDiffSarif } from '../report/sarif.js';
import { CI_SARIF_CATEGORY } from '../report/sarif-category.js';
import { writeFileAtomically } from '../io/atomic-write.js';
import { openProject } from '../iterations/project.js';
import { QUIET_HELP, withProgress } from './progress.js';
import { sarifCategoryOption } from './sarif-category-option.js';
import type { RuleSelectionFlags } from '../rules/select.js';
import { ignoreOption, selectOption } from './rule-selection.js';

type FailOn = 'block' | 'review-required' | 'never';

interface CiFlags extends RuleSelectionFlags {
  base: string;
  failOn: FailOn;
  sarif?: string;
  markdown?: string;
  junit?: string;
  sarifCategory?: string;
  config?: string;
  quiet?: boolean;
}

/** Defines `loopwarden ci`. */
export function ciCommand(): Command {
  return new Command('ci')
    .description("replay a pull request's commits (from the merge base with --base to HEAD) as an AI chain in a throw-away ledger and judge the head")
    .requiredOption('--base <ref>', 'the branch the pull request goes into, e.g. origin/main')
    .addOption(new Option('--fail-on <verdict>', 'exit 1 at this verdict or a worse one').choices(['block', 'review-required', 'never']).default('review-required'))
    .option('--sarif <file>', "write SARIF of the head's findings, each new/updated/unchanged relative to the base")
    .option('--markdown <file>', 'write a pull-request comment (Markdown)')
    .option('--junit <file>', 'write JUnit XML: one failing test case per finding introduced and open')
    .addOption(sarifCategoryOption(CI_SARIF_CATEGORY))
    .addOption(selectOption())
    .addOption(ignoreOption())
    .option('--config <file>', 'config file (default: the nearest .loopwarden.yml or .loopwarden.yaml up to the repository top)')
    .option('--quiet', QUIET_HELP)
    .action(async (flags: CiFlags) => {
      process.exitCode = await runCi(flags);
    });
}

const RANK: Record<VerdictLevel, number> = { pass: 0, warn: 1, 'review-required': 2, block: 3 };

/** Replays the pull request, writes the reports asked for and prints a summary; returns 1 when the verdict reaches --fail-on. */
export async function runCi(flags: CiFlags, cwd = process.cwd(), env = process.env): Promise<number> {
  const project = await openProject(cwd, flags.config, { select: flags.select, ignore: flags.ignore });
  // CI keeps no ledger: the chain lives in a throw-away one, witnessed by nothing, gone afterwards.
  const scratch = mkdtempSync(join(tmpdir(), 'loopwarden-ci-'));
  let replay: PullRequestReplay;
  try {
    const ledger = await openSqliteLedger(join(scratch, 'ledger.db'));
    try {
      replay = await withProgress({ label: 'ci', unit: 'commits', quiet: flags.quiet, env }, (onProgress) =>
        replayPullRequest({ top: project.top, config: project.config, rules: project.rules, ledger, runScanners: true }, flags.base, 'HEAD', commitProvenance(project.top, env), onProgress),
      );
    } finally {
      ledger.close();
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const links: SourceLinks | undefined = env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY ? { server: env.GITHUB_SERVER_URL.replace(/\/+$/, ''), repository: env.GITHUB_REPOSITORY } : undefined;
  if (flags.markdown) writeFileAtomically(flags.markdown, renderPullRequestMarkdown(replay, links));
  if (flags.junit) writeFileAtomically(flags.junit, renderJunit({ suite: 'loopwarden', findings: failingFindings(replay), timestamp: new Date().toISOString().slice(0, 19), hostname: hostname() }));
  if (flags.sarif) writeFileAtomically(flags.sarif, `${JSON.stringify(ciSarif(replay, project, flags.sarifCategory), null, 2)}\n`);
  const fails = flags.failOn !== 'never' && RANK[replay.verdict.level] >= RANK[flags.failOn];
  process.stdout.write(summary(replay, flags.failOn, fails));
  return fails ? 1 : 0;
}

/** The findings that fail: open at the head (introduced since the accepted baseline), and any other new since the base. */
function failingFindings(replay: PullRequestReplay) {
  const open = new Set(replay.open.map((f) => f.fingerprint));
  return [...replay.open, ...replay.headFindings.filter((h) => h.state === 'new' && !open.has(h.finding.fingerprint)).map((h) => h.finding)];
}

function ciSarif(replay: PullRequestReplay, project: { top: string; rules: Rule[] }, category = CI_SARIF_CATEGORY) {
  const of = (state: string) => replay.headFindings.filter((h) => h.state === state).map((h) => h.finding);
  const diff = { introduced: of('new'), persisting: of('unchanged'), changed: of('updated').map((after) => ({ after })), fixed: replay.sinceBase.fixed };
  return buildDiffSarif(diff, project.rules, project.top, { sourceRoot: project.top, category });
}

function summary(replay: PullRequestReplay, failOn: FailOn, fails: boolean): string {
  const out: string[] = [];
  if (replay.mergeCommit) out.push(`HEAD ${replay.mergeCommit.slice(0, 12)} merges the pull request into its base: replaying its head ${replay.head.slice(0, 12)}`);
  out.push(...replay.commits.map(renderCommitLine));
  const { verdict } = replay;
  for (const reason of verdict.reasons) out.push(`  ${reason.level === 'block' ? '✗' : reason.level === 'warn' ? '~' : '!'} ${reason.message}`);
  if (replay.configChanged.length) out.push(`  ! the pull request changes ${replay.configChanged.join(', ')}: it was judged by the changed policy`);
  const ai = replay.commits.filter((c) => c.provenance.actor === 'ai').length;
  const newCount = replay.headFindings.filter((h) => h.state === 'new').length;
  out.push(
    `${verdictLabel(verdict.level)}  ${replay.commits.length} commit${replay.commits.length === 1 ? '' : 's'} since ${replay.base.slice(0, 12)} (${ai} AI)  chain ${verdict.chain.aiIterationsSinceReview}/${verdict.chain.limit}  open ${replay.open.length}  new since base ${newCount}  fixed ${replay.sinceBase.fixed.length} — ${fails ? 'fails' : 'passes'} --fail-on ${failOn}`,
  );
  return `${out.join('\n')}\n`;
}
