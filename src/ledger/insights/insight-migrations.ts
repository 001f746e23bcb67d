import { sql, type Kysely, type Migration } from 'kysely';
import { APP_ROLE, appRoleExists } from '../postgres-migrations.js';

/** Projection tables: what the records say, flattened for the dashboard's queries. Insert-only, like the records they come from. */
const PROJECTIONS = ['iteration_facts', 'finding_events', 'review_facts', 'review_coverage', 'review_exposures'] as const;

/**
 * The insights projection (migration 0004): one row per iteration, per finding event, per review, per iteration a
 * review covered and per finding a reviewer saw. Written in the transaction that appends the records
 * (facts-store.ts), so the dashboard reads the chain's own figures without parsing payloads per view.
 */
export const INSIGHT_MIGRATIONS: Record<string, Migration> = {
  '0004-insights': {
    async up(db: Kysely<unknown>) {
      await sql`CREATE TABLE iteration_facts (
        repository_id BIGINT NOT NULL,
        seq INTEGER NOT NULL,
        recorded_at TIMESTAMPTZ,
        actor TEXT NOT NULL CHECK (actor IN ('ai', 'human', 'unattested')),
        tool TEXT, model TEXT, strategy TEXT, author TEXT,
        chain_position INTEGER NOT NULL,
        chain_limit INTEGER NOT NULL,
        verdict TEXT NOT NULL,
        introduced INTEGER NOT NULL,
        introduced_critical_high INTEGER NOT NULL,
        fixed INTEGER NOT NULL,
        open_count INTEGER NOT NULL,
        open_blocking INTEGER NOT NULL,
        risk_before DOUBLE PRECISION NOT NULL, risk_after DOUBLE PRECISION NOT NULL,
        complexity_before INTEGER NOT NULL, complexity_after INTEGER NOT NULL,
        PRIMARY KEY (repository_id, seq),
        FOREIGN KEY (repository_id, seq) REFERENCES ledger_records (repository_id, seq)
      )`.execute(db);
      await sql`CREATE TABLE finding_events (
        repository_id BIGINT NOT NULL,
        seq INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('introduced', 'fixed', 'changed')),
        ordinal INTEGER NOT NULL,
        fingerprint TEXT NOT NULL, rule_id TEXT NOT NULL, cwe TEXT NOT NULL, severity TEXT NOT NULL,
        path TEXT NOT NULL, start_line INTEGER NOT NULL,
        recorded_at TIMESTAMPTZ, actor TEXT NOT NULL, tool TEXT, model TEXT, strategy TEXT,
        chain_position INTEGER NOT NULL,
        PRIMARY KEY (repository_id, seq, state, ordinal),
        FOREIGN KEY (repository_id, seq) REFERENCES iteration_facts (repository_id, seq)
      )`.execute(db);
      await sql`CREATE TABLE review_facts (
        repository_id BIGINT NOT NULL,
        seq INTEGER NOT NULL,
        recorded_at TIMESTAMPTZ,
        reviewer TEXT NOT NULL,
        decision TEXT NOT NULL CHECK (decision IN ('approve', 'reject')),
        attestation TEXT,
        head_seq INTEGER,
        covered INTEGER NOT NULL,
        PRIMARY KEY (repository_id, seq),
        FOREIGN KEY (repository_id, seq) REFERENCES ledger_records (repository_id, seq)
      )`.execute(db);
      await sql`CREATE TABLE review_coverage (
        repository_id BIGINT NOT NULL,
        iteration_seq INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('reviewed', 'approved')),
        review_seq INTEGER NOT NULL,
        reviewer TEXT NOT NULL,
        at TIMESTAMPTZ,
        PRIMARY KEY (repository_id, iteration_seq, kind)
      )`.execute(db);
      await sql`CREATE TABLE review_exposures (
        repository_id BIGINT NOT NULL,
        review_seq INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('rejected-open', 'approved-open', 'fixed-in-window')),
        fingerprint TEXT NOT NULL,
        reviewer TEXT NOT NULL,
        at TIMESTAMPTZ,
        rule_id TEXT NOT NULL, cwe TEXT NOT NULL, severity TEXT NOT NULL,
        introduced_seq INTEGER NOT NULL,
        PRIMARY KEY (repository_id, review_seq, kind, fingerprint)
      )`.execute(db);
      // Each view reads one repository's rows in a time range, or the newest row of each repository (the primary keys).
      await sql`CREATE INDEX iteration_facts_ai ON iteration_facts (repository_id, recorded_at) INCLUDE (chain_position, introduced, introduced_critical_high, tool, model, strategy) WHERE actor = 'ai'`.execute(db);
      await sql`CREATE INDEX iteration_facts_time ON iteration_facts (repository_id, recorded_at) INCLUDE (actor, author)`.execute(db);
      await sql`CREATE INDEX finding_events_introduced ON finding_events (repository_id, recorded_at) INCLUDE (model, tool, strategy, cwe) WHERE state = 'introduced' AND actor = 'ai'`.execute(db);
      await sql`CREATE INDEX finding_events_fixed ON finding_events (repository_id, fingerprint, seq) WHERE state = 'fixed'`.execute(db);
      await sql`CREATE INDEX review_exposures_time ON review_exposures (repository_id, at)`.execute(db);
      await sql`CREATE INDEX review_facts_approvals ON review_facts (repository_id, seq) WHERE decision = 'approve'`.execute(db);
      for (const table of PROJECTIONS) {
        const name = sql.table(table);
        await sql`CREATE TRIGGER no_update_or_delete BEFORE UPDATE OR DELETE ON ${name} FOR EACH ROW EXECUTE FUNCTION loopwarden_append_only()`.execute(db);
        await sql`CREATE TRIGGER no_truncate BEFORE TRUNCATE ON ${name} FOR EACH STATEMENT EXECUTE FUNCTION loopwarden_append_only()`.execute(db);
      }
      if (await appRoleExists(db)) {
        await sql`GRANT SELECT, INSERT ON iteration_facts, finding_events, review_facts, review_coverage, review_exposures TO ${sql.raw(APP_ROLE)}`.execute(db);
      }
    },
  },
};
