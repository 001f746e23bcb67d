import { openPostgresLedgers, type PostgresLedgers } from '../ledger/postgres-ledger.js';
import { JOB_MIGRATIONS } from '../worker/job-migrations.js';
import { ACCOUNT_MIGRATIONS } from './account-migrations.js';
import { TEAM_MIGRATIONS } from './team-migrations.js';

/** Every migration of the server's database besides the ledger's own (0001, 0004 insights): accounts (0002), history jobs (0003), teams (0005). */
export const SERVER_MIGRATIONS = { ...ACCOUNT_MIGRATIONS, ...JOB_MIGRATIONS, ...TEAM_MIGRATIONS };

/** Opens the server's database (migrating it) with the account and job tables; the server and every worker open it so. */
export function openServerDatabase(databaseUrl: string, maxConnections = 20): Promise<PostgresLedgers> {
  return openPostgresLedgers(databaseUrl, { migrations: SERVER_MIGRATIONS, maxConnections });
}
