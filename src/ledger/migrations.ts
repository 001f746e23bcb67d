import { sql, type Kysely, type Migration } from 'kysely';

// Migrations for the SQLite ledger. Each runs once, in order, recorded by Kysely's migrator. Each is also
// safe to run again: Kysely takes no lock on SQLite, so two processes opening a new ledger may both start one. Records and
// snapshots are append-only: triggers make the database itself refuse updates and deletes.
export const SQLITE_MIGRATIONS: Record<string, Migration> = {
  '0001-ledger': {
    async up(db: Kysely<unknown>) {
      await sql`CREATE TABLE IF NOT EXISTS ledger_records (
        seq INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('iteration', 'review')),
        recorded_at TEXT NOT NULL,
        payload TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL UNIQUE
      )`.execute(db);
      await sql`CREATE TABLE IF NOT EXISTS snapshots (id TEXT PRIMARY KEY, body TEXT NOT NULL)`.execute(db);
      await sql`CREATE TABLE IF NOT EXISTS file_analyses (analysis_key TEXT PRIMARY KEY, analysis TEXT NOT NULL)`.execute(db);
      await sql`CREATE TABLE IF NOT EXISTS iteration_findings (
        record_seq INTEGER NOT NULL REFERENCES ledger_records (seq),
        fingerprint TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('introduced', 'fixed')),
        rule_id TEXT NOT NULL,
        severity TEXT NOT NULL,
        path TEXT NOT NULL,
        start_line INTEGER NOT NULL
      )`.execute(db);
      await sql`CREATE INDEX IF NOT EXISTS iteration_findings_fingerprint ON iteration_findings (fingerprint)`.execute(db);
      for (const table of ['ledger_records', 'snapshots', 'file_analyses', 'iteration_findings']) {
        // loopwarden-ignore js-sqli-built-query: table names come from the constant list above, never from input
        await sql
          .raw(`CREATE TRIGGER IF NOT EXISTS ${table}_no_update BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`)
          .execute(db);
        // loopwarden-ignore js-sqli-built-query: table names come from the constant list above, never from input
        await sql
          .raw(`CREATE TRIGGER IF NOT EXISTS ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`)
          .execute(db);
      }
      // A cache of file stat → content hash, so unchanged files are not even read; safe to lose.
      await sql`CREATE TABLE IF NOT EXISTS file_stat_cache (path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ms REAL NOT NULL, hash TEXT NOT NULL)`.execute(db);
    },
  },
  '0002-file-summaries': {
    async up(db: Kysely<unknown>) {
      // Totals per analysed file, so a check reads summaries for unchanged files instead of whole analyses.
      const columns = await sql<{ name: string }>`PRAGMA table_info(file_analyses)`.execute(db);
      if (columns.rows.some((column) => column.name === 'summary')) return;
      await sql`ALTER TABLE file_analyses ADD COLUMN summary TEXT`.execute(db);
    },
  },
  '0003-analyses-by-digest': {
    async up(db: Kysely<unknown>) {
      // Analyses addressed by the SHA-256 of their text, named by the snapshots (whose ids hashed records
      // name): a row that does not hash to its key is refused on reading. file_analyses (keyed by what the
      // content was, not by what the analysis says) and file_stat_cache (sizes and times anyone can edit)
      // are no longer read.
      await sql`CREATE TABLE IF NOT EXISTS analyses (digest TEXT PRIMARY KEY, analysis TEXT NOT NULL)`.execute(db);
      await sql
        .raw("CREATE TRIGGER IF NOT EXISTS analyses_no_update BEFORE UPDATE ON analyses BEGIN SELECT RAISE(ABORT, 'analyses is append-only'); END")
        .execute(db);
      await sql
        .raw("CREATE TRIGGER IF NOT EXISTS analyses_no_delete BEFORE DELETE ON analyses BEGIN SELECT RAISE(ABORT, 'analyses is append-only'); END")
        .execute(db);
    },
  },
};
