import { Command, Option } from 'commander';
import { loopStatus } from '../iterations/status.js';
import { renderStatusText, statusJson } from '../report/status-report.js';
import { openProject } from '../iterations/project.js';

/** Defines `loopwarden status`. */
export function statusCommand(): Command {
  return new Command('status')
    .description('show the AI chain, the iterations awaiting review and the last review')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (flags: { format: 'text' | 'json' }) => {
      process.exitCode = await runStatus(flags);
    });
}

/** Prints the loop's status; returns the exit code. */
export async function runStatus(flags: { format: 'text' | 'json' }, cwd = process.cwd()): Promise<number> {
  const project = await openProject(cwd, undefined, { needRules: false });
  const ledger = await project.openLedger();
  try {
    const status = loopStatus(await ledger.records(), project.config.policy);
    process.stdout.write(flags.format === 'json' ? `${JSON.stringify(statusJson(status), null, 2)}\n` : renderStatusText(status));
    return 0;
  } finally {
    ledger.close();
  }
}
