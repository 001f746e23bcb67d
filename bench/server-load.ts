import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, startPostgres } from '../test/postgres.js';
import { iterationPayload } from '../test/ledger/payloads.js';
import { chainedRecord } from '../src/ledger/chain-check.js';
import type { LedgerRecord } from '../src/ledger/record.js';
import { openServerDatabase } from '../src/server/run-server.js';
import { AccountStore } from '../src/server/accounts.js';
import { runWorkerPhase } from './worker-load.js';

// `npm run bench:server`: CLIENTS concurrent clients record RECORDS iterations in all against one team
// server (a real process on a real PostgreSQL). Half way the server is killed with SIGKILL and started
// again; clients retry what was not acknowledged. At the end every chain is read back: nothing
// acknowledged may be missing, nothing may be there twice, and every chain must verify. Prints throughput
// and latency; never fails on time (these machines are noisy), only on lost or duplicated records.
// Then the history workers' phase (worker-load.ts): workers audit generated histories, one killed part way.

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(REPO, 'dist', 'src', 'cli', 'main.js');
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const RECORDS = Number(process.env.BENCH_RECORDS ?? 20_000);
const KILL_AT = Number(process.env.BENCH_KILL_AT ?? 0.4);

interface Client {
  repository: string;
  token: string;
  held: LedgerRecord[];
  acknowledged: Set<string>;
}

function startServerProcess(databaseUrl: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [CLI, 'server', '--port', String(port)], { env: { ...process.env, LOOPWARDEN_DATABASE_URL: databaseUrl }, stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolvePromise, reject) => {
    let stderr = '';
    child.stderr!.on('data', (chunk) => {
      stderr += chunk;
      if (stderr.includes('listening on')) resolvePromise(child);
    });
    child.once('exit', (code) => reject(new Error(`the server exited (${code}): ${stderr}`)));
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const postgres = await startPostgres();
try {
  const databaseUrl = await postgres.database('bench');
  const ledgers = await openServerDatabase(databaseUrl);
  const accounts = new AccountStore(ledgers.db);
  const clients: Client[] = [];
  for (let i = 0; i < CLIENTS; i++) {
    const repository = `bench/repo-${String(i).padStart(3, '0')}`;
    const { token } = await accounts.createToken(`client-${i}`, 'agent', (await ledgers.repository(repository)).id);
    clients.push({ repository, token, held: [], acknowledged: new Set() });
  }
  await ledgers.close();

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let server = await startServerProcess(databaseUrl, port);
  // The snapshots the iterations name, stored once (content-addressed), so every chain verifies whole.
  const snapshots = Array.from({ length: 16 }, (_, i) => {
    const body = JSON.stringify({ files: [], n: i });
    return { id: createHash('sha256').update(body).digest('hex'), body };
  });
  for (const snapshot of snapshots) {
    // loopwarden-ignore js-ssrf-built-url: the loopback server this benchmark started
    const stored = await fetch(`${base}/api/v1/repos/${encodeURIComponent(clients[0]!.repository)}/snapshots`, {
      method: 'POST',
      headers: { authorization: `Bearer ${clients[0]!.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...snapshot, analyses: [] }),
    });
    if (stored.status !== 204) throw new Error(`storing a snapshot: ${stored.status}`);
  }
  const latencies: number[] = [];
  let acknowledgedTotal = 0;
  let retries = 0;
  let killed = false;
  let restartedAt = 0;
  const perClient = Math.ceil(RECORDS / CLIENTS);
  const started = performance.now();

  const restart = async () => {
    killed = true;
    server.kill('SIGKILL');
    await new Promise((resolveWait) => server.once('exit', resolveWait));
    const down = performance.now();
    server = await startServerProcess(databaseUrl, port);
    restartedAt = performance.now() - down;
  };

  await Promise.all(
    clients.map(async (client) => {
      for (let n = 0; n < perClient; n++) {
        const { record } = chainedRecord(client.held, { kind: 'iteration', payload: iterationPayload('ai', snapshots[n % 16]!.id) });
        for (;;) {
          const sent = performance.now();
          try {
            // loopwarden-ignore js-ssrf-built-url: the loopback server this benchmark started
            const response = await fetch(`${base}/api/v1/repos/${encodeURIComponent(client.repository)}/records`, {
              method: 'POST',
              headers: { authorization: `Bearer ${client.token}`, 'content-type': 'application/json' },
              body: JSON.stringify({ records: [record] }),
            });
            const answer = (await response.json()) as { appended?: number; alreadyHeld?: number; error?: string };
            if (!response.ok) throw new Error(`${response.status} ${answer.error}`);
            // Appended now, or already held from a try whose answer was lost with the server: acknowledged either way.
            if ((answer.appended ?? 0) + (answer.alreadyHeld ?? 0) !== 1) throw new Error(`unexpected answer ${JSON.stringify(answer)}`);
            latencies.push(performance.now() - sent);
            break;
          } catch (error) {
            if (!/fetch failed|ECONNREFUSED|ECONNRESET|socket/i.test(String((error as Error).message) + String((error as { cause?: Error }).cause?.message ?? ''))) throw error;
            retries++;
            await new Promise((resolveWait) => setTimeout(resolveWait, 50));
          }
        }
        client.held.push(record);
        client.acknowledged.add(record.hash);
        acknowledgedTotal++;
        if (!killed && acknowledgedTotal >= RECORDS * KILL_AT) void restart();
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;

  // Read everything back through the API, as a fresh client would.
  let missing = 0;
  let extra = 0;
  let unverified = 0;
  let stored = 0;
  for (const client of clients) {
    const headers = { authorization: `Bearer ${client.token}` };
    // loopwarden-ignore js-ssrf-built-url: the loopback server this benchmark started
    const records = ((await (await fetch(`${base}/api/v1/repos/${encodeURIComponent(client.repository)}/records`, { headers })).json()) as { records: LedgerRecord[] }).records;
    stored += records.length;
    const hashes = new Set(records.map((record) => record.hash));
    for (const hash of client.acknowledged) if (!hashes.has(hash)) missing++;
    extra += records.length - hashes.size + [...hashes].filter((hash) => !client.acknowledged.has(hash)).length;
    // loopwarden-ignore js-ssrf-built-url: the loopback server this benchmark started
    const verified = (await (await fetch(`${base}/api/v1/repos/${encodeURIComponent(client.repository)}/verify`, { headers })).json()) as { ok: boolean };
    if (!verified.ok) unverified++;
  }
  server.kill('SIGTERM');
  await new Promise((resolveWait) => server.once('exit', resolveWait));

  latencies.sort((a, b) => a - b);
  const lines = [
    `bench:server — ${CLIENTS} concurrent clients, ${acknowledgedTotal} iterations recorded through HTTP into PostgreSQL (one repository per client)`,
    `  throughput      ${(acknowledgedTotal / seconds).toFixed(0)} iterations/s over ${seconds.toFixed(1)} s (including the restart)`,
    `  latency         p50 ${percentile(latencies, 50).toFixed(1)} ms · p95 ${percentile(latencies, 95).toFixed(1)} ms · p99 ${percentile(latencies, 99).toFixed(1)} ms · max ${latencies[latencies.length - 1]!.toFixed(0)} ms`,
    `  server killed   SIGKILL at ${Math.round(KILL_AT * 100)}% of the load, back after ${restartedAt.toFixed(0)} ms; ${retries} requests retried`,
    `  read back       ${stored} records stored; ${missing} acknowledged but missing; ${extra} duplicated or unacknowledged; ${unverified} chains failing verify`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (missing > 0 || extra > 0 || unverified > 0 || stored !== acknowledgedTotal) process.exitCode = 1;
  if (process.env.BENCH_WORKER_REPOS !== '0') {
    const workers = await runWorkerPhase(postgres, CLI);
    process.stdout.write(`${workers.lines.join('\n')}\n`);
    if (workers.failed) process.exitCode = 1;
  }
} finally {
  postgres.stop();
}
