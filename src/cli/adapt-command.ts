import { Command } from 'commander';
import type * as Sarif from 'sarif';
import { runBanditAsSarif } from '../scanners/adapters/run-bandit.js';

/** Defines `loopwarden adapt`: runs a scanner that has no SARIF output and prints its findings as SARIF 2.1.0. */
export function adaptCommand(): Command {
  return new Command('adapt')
    .description('run a scanner without SARIF output and print its findings as SARIF 2.1.0 (for `scanners:` in .loopwarden.yml)')
    .addCommand(
      new Command('bandit')
        .description('run `bandit -f json -q ARGS…` here (files, directories or bandit options) and print its report as SARIF')
        .argument('[args...]', 'passed to bandit as they are, e.g. app.py or -r src')
        .allowUnknownOption()
        .action(async (args: string[]) => {
          process.exitCode = await runAdaptBandit(args);
        }),
    );
}

/** Prints bandit's report on `args` as SARIF on stdout; returns 0 (errors are thrown as UserErrors, exit 2). */
export async function runAdaptBandit(args: string[], cwd = process.cwd()): Promise<number> {
  const log = await runBanditAsSarif(args, { cwd });
  process.stdout.write(`${JSON.stringify(log, null, 2)}\n`);
  for (const line of unreadFiles(log)) process.stderr.write(`loopwarden: bandit: ${line}\n`);
  return 0;
}

/** One line per file bandit could not scan (they are error notifications in the log). */
function unreadFiles(log: Sarif.Log): string[] {
  return (log.runs[0]?.invocations?.[0]?.toolExecutionNotifications ?? []).map((notification) => {
    const uri = notification.locations?.[0]?.physicalLocation?.artifactLocation?.uri;
    return `${uri ? `${decodeURIComponent(uri)}: ` : ''}${notification.message.text ?? 'not scanned'}`;
  });
}
