import { sql, type Kysely, type Migration } from 'kysely';
import { APP_ROLE, appRoleExists } from '../ledger/postgres-migrations.js';

/** What a team may be called: a name that reads the same in a URL, a CSV and a terminal. */
export const TEAM_NAME = /^[A-Za-z0-9][A-Za-z0-9._ -]{0,99}$/;

// Teams group repositories for the dashboard's filters and per-team figures. A team grants nothing: who may
// read a repository stays decided by the account's role and assignments.
export const TEAM_MIGRATIONS: Record<string, Migration> = {
  '0005-teams': {
    async up(db: Kysely<unknown>) {
      await sql`CREATE TABLE teams (
        id BIGSERIAL PRIMARY KEY,
        name TEXT NOT NULL UNIQUE CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9._ -]{0,99}$')
      )`.execute(db);
      await sql`CREATE TABLE team_repositories (
        team_id BIGINT NOT NULL REFERENCES teams (id),
        repository_id BIGINT NOT NULL REFERENCES repositories (id),
        PRIMARY KEY (team_id, repository_id)
      )`.execute(db);
      await sql`CREATE INDEX team_repositories_repository ON team_repositories (repository_id)`.execute(db);
      if (await appRoleExists(db)) {
        await sql`GRANT SELECT, INSERT ON teams TO ${sql.raw(APP_ROLE)}`.execute(db);
        await sql`GRANT SELECT, INSERT, DELETE ON team_repositories TO ${sql.raw(APP_ROLE)}`.execute(db);
        await sql`GRANT USAGE ON SEQUENCE teams_id_seq TO ${sql.raw(APP_ROLE)}`.execute(db);
      }
    },
  },
};
