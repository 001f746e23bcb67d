import pg from 'pg';
import type PgBoss from 'pg-boss';
import pino, { type Logger } from 'pino';
import { UserError } from '../errors.js';
import type { RepositoryLedger } from '../ledger/postgres-ledger.js';
import type { RuleSelectionFlags } from '../rules/select.js';
import { openServerDatabase } from '../server/server-database.js';
import { auditHistory } from './audit-history.js';
import { JOB_QUEUE, JobProgressStore, startBoss } from './job-queue.js';
import { jobDataSchema, type AuditResult, type JobData, type RescanResult } from './job-schemas.js';
import { rescan } from './rescan.js';
import type { WorkContext } from './work-context.js';

/** How to start a history worker. */
export interface WorkerOptions {
  databaseUrl: string;
  /** Jobs worked on at once. */
  concurrency: number;
  /** Where clones and copies of the chains are kept. */
  workDir: string;
  /** The expiry of jobs enqueued from now on: a job running longer is given to another worker. */
  jobTimeoutSeconds?: number;
  ruleSelection?: RuleSelectionFlags;
  logger?: Logger;
  /** How long a stop waits for the jobs in progress before handing them back to the queue. */
  stopTimeoutSeconds?: number;
}

/** A running worker, and how to stop it: jobs in progress finish, or go back to the queue. */
export interface RunningWorker {
  stop(): Promise<void>;
}

/** Starts a worker: opens (migrating) the database, then takes history jobs from the queue, `concurrency` at a time. */
export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const logger = options.logger ?? pino({ name: 'loopwarden-worker' });
  const ledgers = await openServerDatabase(options.databaseUrl, options.concurrency * 2 + 2);
  const store = new JobProgressStore(ledgers.db);
  const context: WorkContext = { workDir: options.workDir, ruleSelection: options.ruleSelection ?? {} };
  const timeout = options.jobTimeoutSeconds;
  let boss: PgBoss;
  try {
    boss = await startBoss(options.databaseUrl, {
      // One worker at a time (whichever's turn it is) hands expired jobs back to the queue.
      supervise: true,
      maintenanceIntervalSeconds: Math.max(1, Math.min(60, Math.floor((timeout ?? 240) / 4))),
      max: options.concurrency + 3,
      onError: (error) => logger.error({ err: error }, 'queue error'),
      ...(timeout !== undefined ? { expireInSeconds: timeout } : {}),
    });
  } catch (error) {
    await ledgers.close();
    throw new UserError(`cannot start the job queue: ${(error as Error).message}`);
  }

  /** Jobs in progress here, with their attempt and the connection holding their repository's lock. */
  const running = new Map<string, { attempt: number; lock?: pg.Client }>();

  const work = async (job: PgBoss.JobWithMetadata<unknown>): Promise<void> => {
    const attempt = job.retryCount + 1;
    const parsed = jobDataSchema.safeParse(job.data);
    if (!parsed.success) {
      logger.warn({ job: job.id, problem: parsed.error.issues[0]?.message }, 'job refused: its data is not a history job');
      return;
    }
    const data = parsed.data;
    const row = await ledgers.db.selectFrom('repositories').select('id').where('name', '=', data.repository).executeTakeFirst();
    if (!row) {
      logger.warn({ job: job.id, repository: data.repository }, 'job refused: no such repository');
      return;
    }
    const repository = await ledgers.repository(data.repository);
    if (!(await store.begin(job.id, repository.id, data, attempt))) return;
    const log = logger.child({ job: job.id, repository: data.repository, kind: data.request.kind, attempt });
    const entry: { attempt: number; lock?: pg.Client } = { attempt };
    running.set(job.id, entry);
    log.info('job started');
    const startedAt = performance.now();
    try {
      entry.lock = await lockRepository(options.databaseUrl, repository);
      const result = await runJob(context, repository, data, (done, total) => store.advance(job.id, attempt, done, total));
      await store.completed(job.id, attempt, result);
      log.info({ ...summary(result), ms: Math.round(performance.now() - startedAt) }, 'job completed');
    } catch (error) {
      const message = (error as Error).message ?? String(error);
      // What the request got wrong (no such source, a revision that is no commit) fails at once; anything else
      // (the database went away) goes back to the queue while attempts remain.
      const final = error instanceof UserError || job.retryCount >= job.retryLimit;
      await store.failed(job.id, attempt, message, final).catch(() => undefined);
      if (error instanceof UserError) log.warn({ error: message }, 'job failed');
      else log.error({ err: error }, final ? 'job failed' : 'job failed; it goes back to the queue');
      if (!(error instanceof UserError)) throw error;
    } finally {
      running.delete(job.id);
      await entry.lock?.end().catch(() => undefined);
    }
  };

  // Several registrations, each taking one job at a time: `concurrency` jobs at once at most.
  for (let slot = 0; slot < options.concurrency; slot++) {
    await boss.work<unknown>(JOB_QUEUE, { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => (job ? work(job) : undefined));
  }
  logger.info({ concurrency: options.concurrency, workDir: options.workDir, jobTimeoutSeconds: timeout ?? null }, 'worker started');

  return {
    async stop() {
      const stopTimeout = Math.max(1, options.stopTimeoutSeconds ?? Math.min(30, timeout ?? 30));
      await boss.stop({ graceful: true, wait: true, timeout: stopTimeout * 1000 });
      // Jobs still running were handed back to the queue by pg-boss: say so, and let go of their repositories.
      for (const [id, { attempt, lock }] of running) {
        await store.failed(id, attempt, `attempt ${attempt} was stopped with its worker before it finished; handed back to the queue`, false).catch(() => undefined);
        await lock?.end().catch(() => undefined);
      }
      await ledgers.close();
      logger.info({ released: running.size }, 'worker stopped');
    },
  };
}

function runJob(context: WorkContext, repository: RepositoryLedger, data: JobData, onProgress: (done: number, total: number) => Promise<void>): Promise<AuditResult | RescanResult> {
  return data.request.kind === 'audit-history' ? auditHistory(context, repository, data.request, onProgress) : rescan(context, repository, data.request.source, onProgress);
}

/**
 * Takes the repository's job lock on a connection of its own, waiting while another job (here or on another
 * worker) works on the repository: one job per repository at a time, so two never share a clone or race on
 * the chain. A worker that dies loses its connection, and with it the lock.
 */
async function lockRepository(databaseUrl: string, repository: RepositoryLedger): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'loopwarden-worker-lock' });
  // A connection lost later only loses the lock: the job's own queries fail and say why.
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(`SELECT pg_advisory_lock(hashtext('loopwarden-history-job'), $1::int)`, [Number(repository.id)]);
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  return client;
}

function summary(result: AuditResult | RescanResult): Record<string, unknown> {
  if (result.kind === 'audit-history') return { commits: result.commits, recorded: result.recorded, unchanged: result.unchanged, skipped: result.skipped };
  return { commit: result.commit, seq: result.seq, newFindings: result.newFindings.length, goneFindings: result.goneFindings.length };
}
