import { startThrowawayPostgres, type ThrowawayPostgres } from '../src/server/demo/throwaway-postgres.js';

export { freePort } from '../src/server/demo/throwaway-postgres.js';

/** A throw-away PostgreSQL cluster: its superuser URL, a fresh database per call of `database`, and `stop`. */
export type TestPostgres = Pick<ThrowawayPostgres, 'database' | 'adminUrl' | 'stop'>;

/**
 * Starts a PostgreSQL cluster in a temporary directory on a loopback port (src/server/demo/throwaway-postgres.ts,
 * which `loopwarden server --demo` uses too), installing Debian's `postgresql` first when it is missing and
 * this runs as root.
 */
export function startPostgres(): Promise<TestPostgres> {
  return startThrowawayPostgres({ install: true, who: 'the server tests' });
}
