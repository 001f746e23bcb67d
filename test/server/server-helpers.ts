import { spawn } from 'node:child_process';
import { join } from 'node:path';
import pino from 'pino';
import { CLI, cleanEnv, makeProject } from '../helpers.js';
import { openSqliteLedger } from '../../src/ledger/sqlite-ledger.js';
import { canonicalJson } from '../../src/ledger/canonical-json.js';
import type { NewRecord } from '../../src/ledger/ledger.js';
import type { LedgerRecord } from '../../src/ledger/record.js';
export { iterationPayload } from '../ledger/payloads.js';
import { startServer, type RunningServer } from '../../src/server/run-server.js';

/** Records chained as a local SQLite ledger chains them (what a client sends). */
export async function localChain(records: NewRecord[], after: LedgerRecord[] = []): Promise<LedgerRecord[]> {
  const ledger = await openSqliteLedger(join(makeProject({}), 'ledger.db'));
  try {
    // The local ledger must hold what the server holds before it can continue it: copy it in as it is.
    const copy = ledger as unknown as { db: { prepare(sql: string): { run(...values: unknown[]): void } } };
    for (const record of after) {
      copy.db.prepare('INSERT INTO ledger_records (seq, kind, recorded_at, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?)').run(record.seq, record.kind, record.recordedAt, canonicalJson(record.payload), record.prevHash, record.hash);
    }
    for (const record of records) await ledger.appendAtomically(() => record);
    return (await ledger.records()).slice(after.length);
  } finally {
    ledger.close();
  }
}

/** A client of the running server: a bearer token, or a session cookie with its CSRF token. */
export interface Client {
  call(method: string, path: string, body?: unknown): Promise<{ status: number; json: any; headers: Headers }>;
}

export function tokenClient(server: RunningServer, token: string): Client {
  return { call: (method, path, body) => request(server, method, path, body, { authorization: `Bearer ${token}` }) };
}

export async function login(server: RunningServer, name: string, password: string): Promise<Client> {
  const answer = await request(server, 'POST', '/api/v1/session', { name, password });
  if (answer.status !== 200) throw new Error(`login ${name}: ${answer.status} ${JSON.stringify(answer.json)}`);
  const cookie = answer.headers.get('set-cookie')!.split(';')[0]!;
  return { call: (method, path, body) => request(server, method, path, body, { cookie, 'x-csrf-token': answer.json.csrfToken }) };
}

export async function request(server: RunningServer, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: any; headers: Headers }> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  return { status: response.status, json, headers: response.headers };
}

/** Starts the team server on a free loopback port against `databaseUrl`, logging nothing. */
export function startTestServer(databaseUrl: string): Promise<RunningServer> {
  return startServer({ databaseUrl, port: 0, host: '127.0.0.1', logger: pino({ level: 'silent' }) });
}

/** Starts `loopwarden server` in its own process on a free loopback port (the test may then block on CLI runs); `stop` ends it with SIGTERM and returns its exit code. */
export async function startServerProcess(databaseUrl: string, cwd: string): Promise<{ url: string; stop: () => Promise<number | null>; kill: () => void; output: () => string }> {
  const child = spawn(process.execPath, [CLI, 'server', '--port', '0'], { cwd, env: cleanEnv({ LOOPWARDEN_DATABASE_URL: databaseUrl }), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stderr.on('data', (chunk) => (output += chunk));
  child.stdout.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start: ${output}`)), 30_000);
    const look = () => {
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stderr.on('data', look);
    void exited.then(() => reject(new Error(`the server exited: ${output}`)));
  });
  return {
    url,
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
    kill: () => child.kill('SIGKILL'),
    output: () => output,
  };
}
