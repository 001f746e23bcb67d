import { spawnSync } from 'node:child_process';
import { userInfo } from 'node:os';
import { Command, Option } from 'commander';
import { UserError } from '../errors.js';
import { recordReview } from '../iterations/review.js';
import { openProject } from './project.js';

interface ReviewFlags {
  approve?: boolean;
  reject?: boolean;
  reviewer?: string;
  note?: string;
  format: 'text' | 'json';
}

/** Defines `loopwarden review`. */
export function reviewCommand(): Command {
  return new Command('review')
    .description('record a human review of every iteration since the last one; approval resets the AI chain')
    .option('--approve', 'approve the iterations (resets the chain)')
    .option('--reject', 'reject them (recorded; the chain stays as it is)')
    .option('--reviewer <name>', 'who reviewed (default: git user.name)')
    .option('--note <text>', 'what the reviewer says', '')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (flags: ReviewFlags) => {
      process.exitCode = await runReview(flags);
    });
}

/** Records a review; returns the exit code. */
export async function runReview(flags: ReviewFlags, cwd = process.cwd()): Promise<number> {
  if (Boolean(flags.approve) === Boolean(flags.reject)) throw new UserError('review: give exactly one of --approve or --reject');
  const project = await openProject(cwd, undefined, { needRules: false });
  const reviewer = flags.reviewer ?? (spawnSync('git', ['config', 'user.name'], { cwd: project.top, encoding: 'utf8' }).stdout.trim() || userInfo().username);
  const ledger = await project.openLedger();
  try {
    const record = recordReview(ledger, { decision: flags.approve ? 'approve' : 'reject', reviewer, note: flags.note ?? '' });
    if (flags.format === 'json') process.stdout.write(`${JSON.stringify({ seq: record.seq, recordedAt: record.recordedAt, ...record.payload }, null, 2)}\n`);
    else {
      const covered = record.payload.covers.length ? `iterations ${record.payload.covers.map((s) => `#${s}`).join(', ')}` : 'no unreviewed iterations';
      const effect = record.payload.decision === 'approve' ? 'the AI chain is reset' : 'the AI chain is unchanged';
      process.stdout.write(`recorded review #${record.seq}: ${record.payload.decision} by ${reviewer} of ${covered}; ${effect}\n`);
    }
    return 0;
  } finally {
    ledger.close();
  }
}
