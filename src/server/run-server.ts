import { serve, type ServerType } from '@hono/node-server';
import pino, { type Logger } from 'pino';
import { DEFAULT_POLICY, type Policy } from '../policy/policy.js';
import { JobQueue } from '../worker/job-queue.js';
import { AccountStore } from './accounts.js';
import { openServerDatabase } from './server-database.js';
import { UserError } from '../errors.js';
import { buildApp } from './app.js';

/** How to start the team server. */
export interface ServerOptions {
  databaseUrl: string;
  port: number;
  host: string;
  policy?: Policy;
  secureCookies?: boolean;
  logger?: Logger;
  /** Database connections in the pool (default 20). */
  maxConnections?: number;
}

/** How long a stop waits for requests in flight. */
const STOP_GRACE_MS = 10_000;

/** A running team server: where it listens, and how to stop it (requests in flight finish first). */
export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

export { openServerDatabase } from './server-database.js';

/** Starts the team server: migrations, then the HTTP API. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const logger = options.logger ?? pino({ name: 'loopwarden-server' });
  const ledgers = await openServerDatabase(options.databaseUrl, options.maxConnections);
  // Records appended before the dashboard's projection existed get their facts before the first request reads them.
  const projected = await ledgers.catchUpInsights().catch(async (error: unknown) => {
    await ledgers.close();
    throw error;
  });
  if (projected > 0) logger.info({ records: projected }, 'insight facts written for records appended before this version');
  const jobs = new JobQueue(options.databaseUrl, (error) => logger.error({ err: error }, 'job queue error'));
  const app = buildApp({ ledgers, accounts: new AccountStore(ledgers.db), policy: options.policy ?? DEFAULT_POLICY, secureCookies: options.secureCookies ?? false, logger, jobs });
  let server: ServerType;
  try {
    server = await new Promise((resolve, reject) => {
      const started = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, () => resolve(started));
      started.once('error', reject);
    });
  } catch (error) {
    await ledgers.close();
    await jobs.stop();
    const code = (error as { code?: string }).code;
    throw new UserError(`${options.host}:${options.port}: cannot listen (${code === 'EADDRINUSE' ? 'the port is in use' : (code ?? (error as Error).message)})`);
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;
  logger.info({ url, appendOnlyRole: ledgers.appendOnlyRole }, 'listening');
  return {
    url,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections with nothing in flight would hold the close open.
        (server as { closeIdleConnections?: () => void }).closeIdleConnections?.();
        // Requests still in flight after the grace period (a database that stopped answering) are cut:
        // SIGTERM must stop the server. What they had not committed was never acknowledged.
        setTimeout(() => {
          logger.warn('requests still in flight after 10 s: closing their connections');
          (server as { closeAllConnections?: () => void }).closeAllConnections?.();
          resolve();
        }, STOP_GRACE_MS).unref();
      });
      // The pool waits for connections in use; a query the database never answers would hold it forever.
      const deadline = () => new Promise<void>((resolve) => setTimeout(resolve, STOP_GRACE_MS).unref());
      await Promise.race([jobs.stop(), deadline()]);
      await Promise.race([ledgers.close(), deadline()]);
      logger.info('stopped');
    },
  };
}
