import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestPostgres } from '../test/postgres.js';
import { openServerDatabase } from '../src/server/run-server.js';
import { JobProgressStore, JobQueue } from '../src/worker/job-queue.js';

// The worker phase of `npm run bench:server`: REPOS repositories of generated history (COMMITS commits each)
// audited by WORKERS `loopwarden worker` processes; one worker is killed with SIGKILL part way and started
// again on the same work directory. At the end every chain must hold each commit exactly once, in order,
// and verify. Prints jobs/s and commits recorded/s; fails only on lost, duplicated or unverified records.

const REPOS = Number(process.env.BENCH_WORKER_REPOS ?? 20);
const COMMITS = Number(process.env.BENCH_WORKER_COMMITS ?? 50);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 3);
const CONCURRENCY = Number(process.env.BENCH_WORKER_CONCURRENCY ?? 1);
const KILL_AT = Number(process.env.BENCH_WORKER_KILL_AT ?? 0.4);
/** pg-boss has no heartbeat: the timeout must outlast the slowest job, and a killed worker's job waits for it. */
const JOB_TIMEOUT = Number(process.env.BENCH_WORKER_JOB_TIMEOUT ?? 90);

const SAFE_DB = 'def find(cursor, name):\n    return cursor.execute("SELECT * FROM t WHERE n = ?", (name,))\n';
const UNSAFE_DB = 'def find(cursor, name):\n    return cursor.execute("SELECT * FROM t WHERE n = \'" + name + "\'")\n';

/** A repository with a base commit and `length` commits after it, written in one `git fast-import`. */
function generateRepository(directory: string, length: number, seed: number): { base: string; commits: string[] } {
  execFileSync('git', ['init', '-q', directory]);
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  const parts: string[] = [];
  for (let i = 0; i <= length; i++) {
    const message = i === 0 ? 'Base' : `Step ${i}${i % 3 === seed % 3 ? '\n\nCo-authored-by: Claude <noreply@anthropic.com>' : ''}`;
    const [path, content] = i === 0 ? ['app/db.py', SAFE_DB] : i === 7 ? ['app/db.py', UNSAFE_DB] : [`app/step${i}.py`, `def step_${i}(value):\n    return value + ${i * (seed + 1)}\n`];
    parts.push(`commit refs/heads/main\nmark :${i + 1}\ncommitter Dev <dev@example.com> ${1_700_000_000 + i * 60} +0000\n${data(message)}${i > 0 ? `from :${i}\n` : ''}M 100644 inline ${path}\n${data(content)}`);
  }
  execFileSync('git', ['fast-import', '--quiet'], { cwd: directory, input: parts.join('') });
  execFileSync('git', ['symbolic-ref', 'HEAD', 'refs/heads/main'], { cwd: directory });
  execFileSync('git', ['reset', '-q', '--hard'], { cwd: directory });
  const all = execFileSync('git', ['rev-list', '--reverse', 'HEAD'], { cwd: directory, encoding: 'utf8' }).trim().split('\n');
  return { base: all[0]!, commits: all.slice(1) };
}

function startWorker(cli: string, databaseUrl: string, workDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [cli, 'worker', '--concurrency', String(CONCURRENCY), '--job-timeout', String(JOB_TIMEOUT), '--work-dir', workDir], {
    env: { ...process.env, LOOPWARDEN_DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr!.on('data', (chunk) => {
      stderr += chunk;
      if (stderr.includes('waiting for jobs')) resolve(child);
    });
    child.once('exit', (code, signal) => reject(new Error(`a worker exited (${code ?? signal}): ${stderr}`)));
  });
}

/** Runs the worker phase on a fresh database of `postgres`; returns the report's lines and whether anything was lost or doubled. */
export async function runWorkerPhase(postgres: TestPostgres, cli: string): Promise<{ lines: string[]; failed: boolean }> {
  const scratch = mkdtempSync(join(tmpdir(), 'loopwarden-bench-workers-'));
  try {
    const databaseUrl = await postgres.database('bench_workers');
    const generatedAt = performance.now();
    const repositories = Array.from({ length: REPOS }, (_, i) => ({ name: `bench/history-${String(i).padStart(2, '0')}`, root: join(scratch, `source-${i}`), ...generateRepository(join(scratch, `source-${i}`), COMMITS, i) }));
    const generated = (performance.now() - generatedAt) / 1000;
    const ledgers = await openServerDatabase(databaseUrl);
    const store = new JobProgressStore(ledgers.db);
    const queue = new JobQueue(databaseUrl);
    const workDirs = Array.from({ length: WORKERS }, (_, i) => join(scratch, `worker-${i}`));
    const workers = await Promise.all(workDirs.map((dir) => startWorker(cli, databaseUrl, dir)));
    const started = performance.now();
    const jobs: { id: string; repositoryId: string }[] = [];
    for (const repository of repositories) {
      const ledger = await ledgers.repository(repository.name);
      const job = await queue.enqueue(store, ledger, { kind: 'audit-history', source: repository.root, since: repository.base }, 'bench');
      jobs.push({ id: job.id, repositoryId: ledger.id });
    }
    await queue.stop();
    let killedAt: number | undefined;
    let back = 0;
    const total = REPOS * COMMITS;
    for (;;) {
      const progress = await Promise.all(jobs.map((job) => store.get(job.repositoryId, job.id)));
      const done = progress.reduce((sum, job) => sum + (job?.commitsDone ?? 0), 0);
      if (killedAt === undefined && done >= total * KILL_AT) {
        killedAt = done;
        const victim = workers[0]!;
        victim.kill('SIGKILL');
        await new Promise((resolve) => victim.once('exit', resolve));
        const down = performance.now();
        workers[0] = await startWorker(cli, databaseUrl, workDirs[0]!);
        back = performance.now() - down;
      }
      if (progress.every((job) => job?.state === 'completed' || job?.state === 'failed')) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const seconds = (performance.now() - started) / 1000;
    for (const worker of workers) {
      worker.kill('SIGTERM');
      await new Promise((resolve) => worker.once('exit', resolve));
    }
    const finished = await Promise.all(jobs.map((job) => store.get(job.repositoryId, job.id)));
    let missing = 0;
    let duplicated = 0;
    let disordered = 0;
    let unverified = 0;
    let stored = 0;
    for (const repository of repositories) {
      const ledger = await ledgers.repository(repository.name);
      const commits = (await ledger.records()).flatMap((record) => (record.kind === 'iteration' ? [record.payload.revision.commit!] : []));
      stored += commits.length;
      const held = new Set(commits);
      missing += repository.commits.filter((commit) => !held.has(commit)).length;
      duplicated += commits.length - held.size;
      if (JSON.stringify(commits) !== JSON.stringify(repository.commits)) disordered++;
      if (!(await ledger.verify()).ok) unverified++;
    }
    await ledgers.close();
    const failedJobs = finished.filter((job) => job?.state !== 'completed').length;
    const retried = finished.filter((job) => (job?.attempt ?? 0) > 1).length;
    const lines = [
      `bench:server workers — ${WORKERS} workers (concurrency ${CONCURRENCY}, job timeout ${JOB_TIMEOUT} s) auditing ${REPOS} repositories × ${COMMITS} commits of generated history (generated in ${generated.toFixed(1)} s)`,
      `  throughput      ${(REPOS / seconds).toFixed(2)} jobs/s · ${(stored / seconds).toFixed(1)} commits recorded/s over ${seconds.toFixed(1)} s (including the kill and the job timeout)`,
      `  worker killed   SIGKILL at ${killedAt ?? 0} of ${total} commits done, back after ${back.toFixed(0)} ms on the same work directory; ${retried} job(s) taken up again`,
      `  read back       ${stored} iterations stored for ${total} commits; ${missing} missing; ${duplicated} duplicated; ${disordered} chains out of order; ${unverified} chains failing verify; ${failedJobs} jobs failed`,
    ];
    return { lines, failed: missing > 0 || duplicated > 0 || disordered > 0 || unverified > 0 || failedJobs > 0 };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
