import { Command } from 'commander';
import { commitOf, commitProvenance, firstParentCommits, replayCommits } from '../iterations/commit-chain.js';
import { verdictLabel } from '../report/check-text.js';
import { renderCommitLine, replayCounts } from '../report/commit-line.js';
import { openProject } from '../iterations/project.js';
import { QUIET_HELP, withProgress } from './progress.js';

interface HistoryFlags {
  since: string;
  config?: string;
  quiet?: boolean;
}

/** Defines `loopwarden history`. */
export function historyCommand(): Command {
  return new Command('history')
    .description('record every commit after REV up to HEAD as an iteration (first parents, oldest first; provenance from trailers and git-ai notes)')
    .requiredOption('--since <rev>', 'the last commit not to record (e.g. the commit before loopwarden was set up)')
    .option('--config <file>', 'config file (default: the nearest .loopwarden.yml or .loopwarden.yaml up to the repository top)')
    .option('--quiet', QUIET_HELP)
    .action(async (flags: HistoryFlags) => {
      process.exitCode = await runHistory(flags);
    });
}

/** Records the commits after `--since` and prints a line for each and a summary; returns 0 (2 on errors, thrown). */
export async function runHistory(flags: HistoryFlags, cwd = process.cwd()): Promise<number> {
  const project = await openProject(cwd, flags.config);
  const since = commitOf(project.top, flags.since, '--since');
  const head = commitOf(project.top, 'HEAD');
  const commits = firstParentCommits(project.top, since, head);
  const ledger = await project.openLedger();
  try {
    const replayed = await withProgress({ label: 'history', unit: 'commits', quiet: flags.quiet }, (onProgress) => {
      onProgress(0, commits.length);
      return replayCommits({ top: project.top, config: project.config, rules: project.rules, ledger, runScanners: true }, commits, commitProvenance(project.top, process.env), (_entry, done) => onProgress(done, commits.length));
    });
    const out = replayed.map(renderCommitLine);
    const counts = replayCounts(replayed);
    const last = [...replayed].reverse().find((entry) => entry.result)?.result;
    const now = last ? `; now ${verdictLabel(last.verdict.level)} (iteration #${last.record.seq}, AI chain ${last.verdict.chain.aiIterationsSinceReview}/${last.verdict.chain.limit})` : '';
    out.push(`${commits.length} commit${commits.length === 1 ? '' : 's'} after ${since.slice(0, 12)} (${counts.ai} by AI): ${counts.recorded} recorded, ${counts.unchanged} unchanged, ${counts.skipped} skipped${now}`);
    process.stdout.write(`${out.join('\n')}\n`);
    return 0;
  } finally {
    ledger.close();
  }
}
