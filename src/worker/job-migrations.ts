import { sql, type Kysely, type Migration } from 'kysely';
import { APP_ROLE } from '../ledger/postgres-migrations.js';

// The history workers' progress: one row per job (its id is pg-boss's), written when it is enqueued and as
// a worker takes it up, advances and ends. The queue itself is pg-boss's own schema; this table is what the
// API reads, so it says what a person wants to know: which repository, how far, what went wrong, the result.
export const JOB_MIGRATIONS: Record<string, Migration> = {
  '0003-jobs': {
    async up(db: Kysely<unknown>) {
      await sql`CREATE TABLE jobs (
        id UUID PRIMARY KEY,
        repository_id BIGINT NOT NULL REFERENCES repositories (id),
        kind TEXT NOT NULL CHECK (kind IN ('audit-history', 'rescan')),
        request JSONB NOT NULL,
        requested_by TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('queued', 'active', 'retry', 'completed', 'failed')),
        attempt INTEGER NOT NULL DEFAULT 0,
        commits_done INTEGER,
        commits_total INTEGER,
        last_error TEXT,
        result JSONB,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        started_at TIMESTAMPTZ,
        finished_at TIMESTAMPTZ,
        updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
      )`.execute(db);
      await sql`CREATE INDEX jobs_repository_created ON jobs (repository_id, created_at DESC)`.execute(db);
      const { rows } = await sql<{ present: boolean }>`SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ${APP_ROLE}) AS present`.execute(db);
      // The app role reads and writes progress (a job's row changes as it runs); it never deletes one.
      if (rows[0]?.present) await sql`GRANT SELECT, INSERT, UPDATE ON jobs TO loopwarden_app`.execute(db);
    },
  },
};
