import { sql, type Kysely, type Migration } from 'kysely';

/** The role the server's queries run as: it may read and append to the ledger, never change or delete it. */
export const APP_ROLE = 'loopwarden_app';

/** Tables that hold hashed or content-addressed data: append-only for everyone, by trigger and by grant. */
const APPEND_ONLY = ['ledger_records', 'snapshots', 'analyses'] as const;

// Migrations for the team server's PostgreSQL database, run by Kysely's migrator, which holds an advisory
// lock while it runs them: several server instances may start at once.
export const POSTGRES_MIGRATIONS: Record<string, Migration> = {
  '0001-ledger': {
    async up(db: Kysely<unknown>) {
      await sql`CREATE TABLE repositories (
        id BIGSERIAL PRIMARY KEY,
        name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
        created_at TIMESTAMPTZ NOT NULL DEFAULT now()
      )`.execute(db);
      await sql`CREATE TABLE ledger_records (
        repository_id BIGINT NOT NULL REFERENCES repositories (id),
        seq INTEGER NOT NULL CHECK (seq > 0),
        kind TEXT NOT NULL CHECK (kind IN ('iteration', 'review')),
        recorded_at TEXT NOT NULL,
        payload TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL,
        received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        PRIMARY KEY (repository_id, seq),
        UNIQUE (repository_id, hash)
      )`.execute(db);
      await sql`CREATE TABLE snapshots (id TEXT PRIMARY KEY, body TEXT NOT NULL)`.execute(db);
      await sql`CREATE TABLE analyses (digest TEXT PRIMARY KEY, analysis TEXT NOT NULL)`.execute(db);
      await sql`CREATE FUNCTION loopwarden_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$`.execute(db);
      for (const table of APPEND_ONLY) {
        const name = sql.table(table);
        await sql`CREATE TRIGGER no_update_or_delete BEFORE UPDATE OR DELETE ON ${name} FOR EACH ROW EXECUTE FUNCTION loopwarden_append_only()`.execute(db);
        await sql`CREATE TRIGGER no_truncate BEFORE TRUNCATE ON ${name} FOR EACH STATEMENT EXECUTE FUNCTION loopwarden_append_only()`.execute(db);
      }
      // The application's role: SELECT and INSERT on what is append-only. A database user that cannot create
      // roles still migrates; the server then runs as itself, and the triggers alone guard the tables.
      await sql`DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ${sql.lit(APP_ROLE)}) THEN
          BEGIN
            CREATE ROLE loopwarden_app NOLOGIN;
          EXCEPTION WHEN insufficient_privilege THEN NULL;
          END;
        END IF;
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ${sql.lit(APP_ROLE)}) THEN
          BEGIN
            EXECUTE format('GRANT loopwarden_app TO %I', current_user);
          EXCEPTION WHEN insufficient_privilege THEN NULL;
          END;
        END IF;
      END $$`.execute(db);
      if (await appRoleExists(db)) {
        await sql`GRANT SELECT, INSERT ON ledger_records, snapshots, analyses TO loopwarden_app`.execute(db);
        await sql`GRANT SELECT, INSERT ON repositories TO loopwarden_app`.execute(db);
        await sql`GRANT USAGE ON SEQUENCE repositories_id_seq TO loopwarden_app`.execute(db);
      }
    },
  },
};

/** Whether the application role exists and the current user may act as it. */
export async function appRoleExists(db: Kysely<unknown>): Promise<boolean> {
  const { rows } = await sql<{ member: boolean }>`SELECT pg_has_role(current_user, oid, 'MEMBER') AS member FROM pg_roles WHERE rolname = ${APP_ROLE}`.execute(db);
  return rows[0]?.member === true;
}
