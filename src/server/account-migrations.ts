import { sql, type Kysely, type Migration } from 'kysely';
import { APP_ROLE } from '../ledger/postgres-migrations.js';

/** Roles a person's account may have. */
export const USER_ROLES = ['admin', 'lead', 'reviewer', 'developer'] as const;
/** Roles an API token may have. */
export const TOKEN_ROLES = ['developer', 'agent'] as const;

// The server's accounts: people (argon2id password hashes), the repositories assigned to them, API tokens
// (stored as SHA-256 of their secret), sessions (stored as SHA-256 of the cookie) and failed logins (rate limit).
export const ACCOUNT_MIGRATIONS: Record<string, Migration> = {
  '0002-accounts': {
    async up(db: Kysely<unknown>) {
      await sql`CREATE TABLE users (
        id BIGSERIAL PRIMARY KEY,
        name TEXT NOT NULL UNIQUE CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$'),
        role TEXT NOT NULL CHECK (role IN ('admin', 'lead', 'reviewer', 'developer')),
        password_hash TEXT NOT NULL,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now()
      )`.execute(db);
      await sql`CREATE TABLE user_repositories (
        user_id BIGINT NOT NULL REFERENCES users (id),
        repository_id BIGINT NOT NULL REFERENCES repositories (id),
        PRIMARY KEY (user_id, repository_id)
      )`.execute(db);
      await sql`CREATE TABLE api_tokens (
        id BIGSERIAL PRIMARY KEY,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('developer', 'agent')),
        repository_id BIGINT NOT NULL REFERENCES repositories (id),
        secret_hash TEXT NOT NULL,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        revoked_at TIMESTAMPTZ
      )`.execute(db);
      await sql`CREATE TABLE sessions (
        id_hash TEXT PRIMARY KEY,
        user_id BIGINT NOT NULL REFERENCES users (id),
        csrf_token TEXT NOT NULL,
        expires_at TIMESTAMPTZ NOT NULL
      )`.execute(db);
      await sql`CREATE TABLE login_failures (name TEXT NOT NULL, at TIMESTAMPTZ NOT NULL DEFAULT now())`.execute(db);
      await sql`CREATE INDEX login_failures_name_at ON login_failures (name, at)`.execute(db);
      const { rows } = await sql<{ present: boolean }>`SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ${APP_ROLE}) AS present`.execute(db);
      if (rows[0]?.present) {
        await sql`GRANT SELECT, INSERT, UPDATE ON users, api_tokens TO loopwarden_app`.execute(db);
        await sql`GRANT SELECT, INSERT, DELETE ON user_repositories, sessions, login_failures TO loopwarden_app`.execute(db);
        await sql`GRANT USAGE ON SEQUENCE users_id_seq, api_tokens_id_seq TO loopwarden_app`.execute(db);
      }
    },
  },
};
