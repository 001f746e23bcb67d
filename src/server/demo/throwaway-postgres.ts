import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { UserError } from '../../errors.js';

/** Whether Debian's PostgreSQL programs (or an initdb on PATH) are here. */
function postgresInstalled(): boolean {
  return existsSync('/usr/lib/postgresql') || spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).status === 0;
}

/**
 * Makes sure PostgreSQL's programs are here. With `install` (the test suite on a fresh machine, as root with
 * apt-get) Debian's `postgresql` is installed; otherwise a missing PostgreSQL is one line saying what to install.
 */
export function ensurePostgresInstalled(options: { install: boolean; who?: string } = { install: false }): void {
  if (postgresInstalled()) return;
  const who = options.who ?? 'a throw-away database';
  if (!options.install || process.getuid?.() !== 0 || spawnSync('sh', ['-c', 'command -v apt-get']).status !== 0) {
    throw new UserError(`${who}: PostgreSQL is not installed (no initdb): install it with apt-get install postgresql${options.install ? ', or run as root to let it be installed' : ''}`);
  }
  for (const args of [['update', '-q'], ['install', '-y', '-q', '--no-install-recommends', 'postgresql']]) {
    const result = spawnSync('apt-get', args, { encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed: ${result.stderr}`);
  }
}

/** Where Debian's PostgreSQL keeps its programs: the newest version installed, else whatever PATH has. */
function postgresBin(program: string): string {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a));
    for (const version of versions) if (existsSync(join(root, version, 'bin', program))) return join(root, version, 'bin', program);
  }
  return program;
}

/** A loopback port nothing listens on (at the moment of asking). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A throw-away PostgreSQL cluster: its superuser URL, a fresh database per call of `database`, and `stop`. */
export interface ThrowawayPostgres {
  /** A new, empty database; returns its URL (superuser). */
  database(name?: string): Promise<string>;
  /** The cluster's superuser URL to the `postgres` database. */
  adminUrl: string;
  /** The cluster's directory (data, log, socket); removed by `stop`. */
  directory: string;
  /** Stops the cluster and removes its directory; calling it again does nothing. */
  stop(): void;
}

let counter = 0;

/**
 * Starts a PostgreSQL cluster in a temporary directory on a loopback port (initdb + pg_ctl, as the `postgres`
 * user when running as root, since PostgreSQL refuses to run as root), with fsync off: nothing in it is meant
 * to outlive the process. It is stopped and removed when the process exits, whatever else stops it first.
 * `install`: install Debian's `postgresql` when it is missing (the test suite); otherwise say what to install.
 */
export async function startThrowawayPostgres(options: { install?: boolean; who?: string } = {}): Promise<ThrowawayPostgres> {
  ensurePostgresInstalled({ install: options.install ?? false, who: options.who });
  const directory = mkdtempSync(join(tmpdir(), 'loopwarden-pg-'));
  const data = join(directory, 'data');
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  const run = (program: string, args: string[]) => {
    const command = asRoot ? ['runuser', ['-u', 'postgres', '--', postgresBin(program), ...args]] : [postgresBin(program), args];
    const result = spawnSync(command[0] as string, command[1] as string[], { encoding: 'utf8', cwd: directory });
    if (result.status !== 0) throw new Error(`${program} failed (${result.status}): ${result.stderr || result.error?.message}`);
  };
  let stopped = false;
  let started = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', stop);
    try {
      if (started) run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } catch {
      // Not running (its start failed, or it was stopped from outside): there is only the directory to remove.
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  };
  // A process that ends without stopping it (an uncaught error, process.exit) still leaves nothing behind.
  process.on('exit', stop);
  try {
    if (asRoot) chownSync(directory, Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()), Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()));
    run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
    started = true;
    run('pg_ctl', ['-D', data, '-l', join(directory, 'log'), '-w', '-t', '60', '-o', `-p ${port} -k ${directory} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`, 'start']);
  } catch (error) {
    stop();
    throw error;
  }
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    adminUrl,
    directory,
    async database(name = `t${process.pid}_${++counter}`) {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        // loopwarden-ignore js-sqli-built-query: CREATE DATABASE takes no parameters; the name is quoted by pg.escapeIdentifier
        await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    stop,
  };
}
