import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { UserError } from '../errors.js';
import { ignoreOption, selectOption } from './rule-selection.js';
import { databaseOption, databaseUrl } from './server-command.js';

interface WorkerFlags {
  database?: string;
  concurrency: string;
  workDir?: string;
  jobTimeout?: string;
  select: string[];
  ignore: string[];
}

/** The per-user cache directory a worker keeps its clones in unless told otherwise. */
function defaultWorkDir(): string {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'loopwarden', 'worker');
}

function positiveInteger(value: string, option: string, max: number): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < 1 || number > max) throw new UserError(`${option} ${value}: a whole number from 1 to ${max}`);
  return number;
}

/** Defines `loopwarden worker`. */
export function workerCommand(): Command {
  return new Command('worker')
    .description("process the team server's history jobs (audits of a repository's history, rescans after a rules update) until stopped")
    .addOption(databaseOption())
    .option('--concurrency <n>', 'jobs worked on at once', '1')
    .option('--work-dir <dir>', 'where clones and copies of the chains are kept (default: ~/.cache/loopwarden/worker)')
    .option('--job-timeout <seconds>', 'after how long a job (enqueued from now on) is given to another worker, as when its worker died (default: 900)')
    .addOption(selectOption())
    .addOption(ignoreOption())
    .action(async (flags: WorkerFlags) => {
      const concurrency = positiveInteger(flags.concurrency, '--concurrency', 64);
      // pg-boss keeps expiries below a day.
      const jobTimeoutSeconds = flags.jobTimeout === undefined ? undefined : positiveInteger(flags.jobTimeout, '--job-timeout', 23 * 3600);
      const workDir = resolve(flags.workDir ?? defaultWorkDir());
      const { startWorker } = await import('../worker/run-worker.js');
      const worker = await startWorker({ databaseUrl: databaseUrl(flags), concurrency, workDir, jobTimeoutSeconds, ruleSelection: { select: flags.select, ignore: flags.ignore } });
      process.stderr.write(`loopwarden worker: waiting for jobs (concurrency ${concurrency}, work directory ${workDir})\n`);
      await new Promise<void>((resolvePromise) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          // A second signal does not wait for the jobs in progress.
          const now = () => process.exit(1);
          process.once('SIGINT', now);
          process.once('SIGTERM', now);
          void worker.stop().then(resolvePromise);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
