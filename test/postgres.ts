import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * Installs Debian's `postgresql` when no initdb is found and this runs as root (a fresh machine running
 * `npm test`); elsewhere says what is missing.
 */
function ensurePostgresInstalled(): void {
  const found = existsSync('/usr/lib/postgresql') || spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).status === 0;
  if (found) return;
  if (process.getuid?.() !== 0 || spawnSync('sh', ['-c', 'command -v apt-get']).status !== 0) {
    throw new Error('the server tests need PostgreSQL: install Debian\'s postgresql package (apt-get install postgresql), or run as root to let the tests install it');
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
export interface TestPostgres {
  /** A new, empty database; returns its URL (superuser). */
  database(name?: string): Promise<string>;
  /** The cluster's superuser URL to the `postgres` database. */
  adminUrl: string;
  stop(): void;
}

let counter = 0;

/**
 * Starts a PostgreSQL cluster in a temporary directory on a loopback port (initdb + pg_ctl, as the
 * `postgres` user when running as root, since PostgreSQL refuses to run as root), installing Debian's
 * `postgresql` first when it is missing.
 */
export async function startPostgres(): Promise<TestPostgres> {
  ensurePostgresInstalled();
  const directory = mkdtempSync(join(tmpdir(), 'loopwarden-pg-'));
  const data = join(directory, 'data');
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  const run = (program: string, args: string[]) => {
    const command = asRoot ? ['runuser', ['-u', 'postgres', '--', postgresBin(program), ...args]] : [postgresBin(program), args];
    const result = spawnSync(command[0] as string, command[1] as string[], { encoding: 'utf8', cwd: directory });
    if (result.status !== 0) throw new Error(`${program} failed (${result.status}): ${result.stderr || result.error?.message}`);
  };
  if (asRoot) chownSync(directory, Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()), Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()));
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  run('pg_ctl', ['-D', data, '-l', join(directory, 'log'), '-w', '-t', '60', '-o', `-p ${port} -k ${directory} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`, 'start']);
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let stopped = false;
  return {
    adminUrl,
    async database(name = `t${process.pid}_${++counter}`) {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    },
  };
}
