import { randomUUID } from 'node:crypto';
import pg from 'pg';
import PgBoss from 'pg-boss';
import type { Generated, Kysely } from 'kysely';
import type { LedgerTables } from '../ledger/postgres-ledger.js';
import type { JobData, JobKind, JobRequest, JobState } from './job-schemas.js';

/** The pg-boss queue every history job goes through (audits and rescans alike: `kind` tells them apart). */
export const JOB_QUEUE = 'loopwarden-history';
/** How long a job may run before the queue gives it to another worker, unless a worker says otherwise (`--job-timeout`). */
export const DEFAULT_JOB_TIMEOUT_SECONDS = 15 * 60;
/** Attempts after the first: a job whose worker died is taken up again, at most this many times. */
export const JOB_RETRY_LIMIT = 3;
const RETRY_DELAY_SECONDS = 1;

type JobTables = {
  jobs: {
    id: string;
    repository_id: string;
    kind: string;
    request: string;
    requested_by: string;
    state: string;
    attempt: Generated<number>;
    commits_done: number | null;
    commits_total: number | null;
    last_error: string | null;
    result: string | null;
    created_at: Generated<Date>;
    started_at: Date | null;
    finished_at: Date | null;
    updated_at: Generated<Date>;
  };
};

/** A job's progress, as the API shows it. */
export interface JobProgress {
  id: string;
  repository: string;
  kind: JobKind;
  state: JobState;
  request: JobRequest;
  requestedBy: string;
  /** 0 while queued; 1 for the first attempt, more when a worker died or failed and another took it up. */
  attempt: number;
  commitsDone: number | null;
  commitsTotal: number | null;
  lastError: string | null;
  result: Record<string, unknown> | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  updatedAt: string;
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/**
 * The jobs' progress rows: written when a job is enqueued and by the worker running it. Every write of a
 * worker names its attempt, so an attempt the queue has given up on (its worker too slow) cannot overwrite
 * the one running now.
 */
export class JobProgressStore {
  private readonly db: Kysely<JobTables & LedgerTables>;

  constructor(db: Kysely<LedgerTables>) {
    this.db = db.withTables<JobTables>();
  }

  async queued(id: string, repositoryId: string, request: JobRequest, requestedBy: string): Promise<void> {
    await this.db.insertInto('jobs').values({ id, repository_id: repositoryId, kind: request.kind, request: JSON.stringify(request), requested_by: requestedBy, state: 'queued' }).execute();
  }

  /**
   * A worker takes the job up (attempt `attempt`). A row left `active` by an earlier attempt means that
   * attempt's worker stopped (killed, or past the timeout): the row says so. Returns false when a later
   * attempt holds the row already.
   */
  async begin(id: string, repositoryId: string, data: JobData, attempt: number): Promise<boolean> {
    const row = await this.db.selectFrom('jobs').select(['state', 'attempt']).where('id', '=', id).executeTakeFirst();
    if (!row) {
      // Enqueued without a row (by pg-boss directly): the worker keeps the record anyway.
      await this.db
        .insertInto('jobs')
        .values({ id, repository_id: repositoryId, kind: data.request.kind, request: JSON.stringify(data.request), requested_by: 'queue', state: 'queued' })
        .onConflict((conflict) => conflict.column('id').doNothing())
        .execute();
    } else if (row.attempt > attempt) return false;
    const stopped = row?.state === 'active' ? `attempt ${row.attempt} did not finish (its worker stopped or ran past the job timeout); taken up again` : undefined;
    const updated = await this.db
      .updateTable('jobs')
      .set((eb) => ({
        state: 'active',
        attempt,
        commits_done: null,
        commits_total: null,
        result: null,
        started_at: new Date(),
        finished_at: null,
        updated_at: new Date(),
        ...(stopped ? { last_error: stopped } : { last_error: eb.ref('last_error') }),
      }))
      .where('id', '=', id)
      .where('attempt', '<=', attempt)
      .executeTakeFirst();
    return Number(updated.numUpdatedRows) > 0;
  }

  async advance(id: string, attempt: number, done: number, total: number): Promise<void> {
    await this.db.updateTable('jobs').set({ commits_done: done, commits_total: total, updated_at: new Date() }).where('id', '=', id).where('attempt', '=', attempt).execute();
  }

  async completed(id: string, attempt: number, result: object): Promise<void> {
    await this.db.updateTable('jobs').set({ state: 'completed', result: JSON.stringify(result), finished_at: new Date(), updated_at: new Date() }).where('id', '=', id).where('attempt', '=', attempt).execute();
  }

  /** The attempt failed: for good (`final`), or the queue will try again. */
  async failed(id: string, attempt: number, message: string, final: boolean): Promise<void> {
    await this.db
      .updateTable('jobs')
      .set({ state: final ? 'failed' : 'retry', last_error: message, updated_at: new Date(), ...(final ? { finished_at: new Date() } : {}) })
      .where('id', '=', id)
      .where('attempt', '=', attempt)
      .execute();
  }

  /** The repository's jobs, newest first. */
  async list(repositoryId: string, limit = 100): Promise<JobProgress[]> {
    return (await this.rows().where('jobs.repository_id', '=', repositoryId).orderBy('jobs.created_at', 'desc').orderBy('jobs.id').limit(limit).execute()).map(toProgress);
  }

  /** One job of the repository, or undefined (a job of another repository is not found here). */
  async get(repositoryId: string, id: string): Promise<JobProgress | undefined> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return undefined;
    const row = await this.rows().where('jobs.repository_id', '=', repositoryId).where('jobs.id', '=', id).executeTakeFirst();
    return row ? toProgress(row) : undefined;
  }

  private rows() {
    return this.db
      .selectFrom('jobs')
      .innerJoin('repositories', 'repositories.id', 'jobs.repository_id')
      .select([
        'jobs.id',
        'repositories.name as repository',
        'jobs.kind',
        'jobs.state',
        'jobs.request',
        'jobs.requested_by',
        'jobs.attempt',
        'jobs.commits_done',
        'jobs.commits_total',
        'jobs.last_error',
        'jobs.result',
        'jobs.created_at',
        'jobs.started_at',
        'jobs.finished_at',
        'jobs.updated_at',
      ]);
  }
}

type ProgressRow = Awaited<ReturnType<ReturnType<JobProgressStore['rows']>['executeTakeFirstOrThrow']>>;

function toProgress(row: ProgressRow): JobProgress {
  // JSONB columns come back parsed.
  return {
    id: row.id,
    repository: row.repository,
    kind: row.kind as JobKind,
    state: row.state as JobState,
    request: row.request as unknown as JobRequest,
    requestedBy: row.requested_by,
    attempt: row.attempt,
    commitsDone: row.commits_done,
    commitsTotal: row.commits_total,
    lastError: row.last_error,
    result: row.result as unknown as Record<string, unknown> | null,
    createdAt: row.created_at.toISOString(),
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    updatedAt: row.updated_at.toISOString(),
  };
}

/**
 * Starts pg-boss on the database (installing its schema when new) and makes sure the jobs' queue exists, with
 * the expiry given (`expireInSeconds`) for jobs enqueued from now on.
 *
 * Several workers (and the server's first enqueue) starting at once would install pg-boss's schema and create
 * its queue concurrently, and PostgreSQL answers one of them "deadlock detected": the starts take turns under
 * an advisory lock held on a connection of its own.
 */
export async function startBoss(
  databaseUrl: string,
  options: Partial<PgBoss.ConstructorOptions> & { onError?: (error: Error) => void; expireInSeconds?: number } = {},
): Promise<PgBoss> {
  const { onError, expireInSeconds, ...settings } = options;
  const lock = new pg.Client({ connectionString: databaseUrl, application_name: 'loopwarden-jobs-start' });
  await lock.connect();
  try {
    await lock.query(`SELECT pg_advisory_lock(hashtext('loopwarden-jobs-start'))`);
    const boss = new PgBoss({ connectionString: databaseUrl, application_name: 'loopwarden-jobs', supervise: false, schedule: false, ...settings });
    boss.on('error', onError ?? (() => undefined));
    await boss.start();
    try {
      // Created once with its defaults; a worker's --job-timeout changes the expiry for jobs enqueued after it.
      await boss.createQueue(JOB_QUEUE, { name: JOB_QUEUE, retryLimit: JOB_RETRY_LIMIT, retryDelay: RETRY_DELAY_SECONDS, expireInSeconds: DEFAULT_JOB_TIMEOUT_SECONDS });
      if (expireInSeconds !== undefined) await boss.updateQueue(JOB_QUEUE, { name: JOB_QUEUE, expireInSeconds });
    } catch (error) {
      await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
      throw error;
    }
    return boss;
  } finally {
    // Ending the connection lets go of the lock too.
    await lock.end().catch(() => undefined);
  }
}

/**
 * Enqueues history jobs: the server's POST and `server admin audit|rescan`. pg-boss starts on the first
 * job (a server that is never asked for one never installs its schema).
 */
export class JobQueue {
  private boss?: Promise<PgBoss>;

  constructor(
    private readonly databaseUrl: string,
    private readonly onError: (error: Error) => void = () => undefined,
  ) {}

  private started(): Promise<PgBoss> {
    this.boss ??= startBoss(this.databaseUrl, { max: 2, onError: this.onError }).catch((error: unknown) => {
      this.boss = undefined;
      throw error;
    });
    return this.boss;
  }

  /** Records the job's progress row, then puts the job in the queue; returns its progress (queued). */
  async enqueue(store: JobProgressStore, repository: { id: string; name: string }, request: JobRequest, requestedBy: string): Promise<JobProgress> {
    const boss = await this.started();
    const id = randomUUID();
    // The row first: a worker that takes the job up at once finds it.
    await store.queued(id, repository.id, request, requestedBy);
    const data: JobData = { repository: repository.name, request };
    try {
      await boss.send(JOB_QUEUE, data, { id });
    } catch (error) {
      await store.failed(id, 0, `could not be queued: ${(error as Error).message}`, true);
      throw error;
    }
    return (await store.get(repository.id, id))!;
  }

  async stop(): Promise<void> {
    const boss = this.boss;
    this.boss = undefined;
    if (boss) await (await boss.catch(() => undefined))?.stop({ graceful: false, wait: true });
  }
}
