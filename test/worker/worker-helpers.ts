import { spawn } from 'node:child_process';
import { after } from 'node:test';
import { CLI, cleanEnv, gitRepo } from '../helpers.js';
import { CLAUDE, SAFE_DB, UNSAFE_DB, commit, git } from '../cli/commit-chain-helpers.js';
import { openServerDatabase } from '../../src/server/run-server.js';
import { AccountStore } from '../../src/server/accounts.js';
import type { RunningServer } from '../../src/server/run-server.js';
import { login, startTestServer, tokenClient, type Client } from '../server/server-helpers.js';

export const PASSWORD = 'correct horse battery';

/** A repository with a generated history: the commit before it (`base`) and its commits, oldest first. */
export interface GeneratedHistory {
  root: string;
  base: string;
  commits: string[];
  /** Commits whose trailers say an AI agent made them. */
  ai: Set<string>;
  /** The commit that made app/db.py build its query from input (CWE-89), if any. */
  unsafe?: string;
}

/**
 * Generates a history of `length` commits, each changing a Python file (so each is a new state): every
 * third one with a Co-authored-by trailer of an AI agent, and with `unsafeAt` the commit at that index
 * making the query in app/db.py injectable.
 */
export function generatedHistory(length: number, unsafeAt?: number): GeneratedHistory {
  const root = gitRepo({ 'app/db.py': SAFE_DB });
  const base = git(root, 'rev-parse', 'HEAD');
  const commits: string[] = [];
  const ai = new Set<string>();
  let unsafe: string | undefined;
  for (let i = 0; i < length; i++) {
    const byAi = i % 3 === 1;
    const files: Record<string, string> = i === unsafeAt ? { 'app/db.py': UNSAFE_DB } : { [`app/step${i}.py`]: `def step_${i}(value):\n    return value + ${i}\n` };
    const id = commit(root, `Step ${i}${byAi ? CLAUDE : ''}`, files);
    commits.push(id);
    if (byAi) ai.add(id);
    if (i === unsafeAt) unsafe = id;
  }
  return { root, base, commits, ai, ...(unsafe ? { unsafe } : {}) };
}

/** A `loopwarden worker` process: ready once it waits for jobs; its JSON log lines; stopped by SIGTERM or killed. */
export interface WorkerProcess {
  ready: Promise<void>;
  exited: Promise<number | null>;
  logs(): { msg: string; job?: string; attempt?: number; [key: string]: unknown }[];
  output(): { stdout: string; stderr: string };
  /** SIGTERM, and the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL. */
  kill(): Promise<void>;
}

const started: WorkerProcess[] = [];
after(async () => {
  for (const worker of started) await worker.kill();
});

export function startWorkerProcess(database: string, args: string[]): WorkerProcess {
  const child = spawn(process.execPath, [CLI, 'worker', ...args], { env: cleanEnv({ LOOPWARDEN_DATABASE_URL: database }), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the worker did not start: ${stderr}`)), 60_000);
    child.stderr.on('data', () => {
      if (stderr.includes('waiting for jobs')) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the worker exited (${code}): ${stderr}`));
    });
  });
  ready.catch(() => undefined);
  const worker: WorkerProcess = {
    ready,
    exited,
    logs: () => stdout.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line)),
    output: () => ({ stdout, stderr }),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
  started.push(worker);
  return worker;
}

/** A team server over `database` with an admin, a lead and a developer token for the first repository, which exist. */
export async function teamServer(database: string, repositories: string[]): Promise<{ server: RunningServer; admin: Client; lead: Client; developer: Client }> {
  const ledgers = await openServerDatabase(database);
  const accounts = new AccountStore(ledgers.db);
  await accounts.createUser('ada', 'admin', PASSWORD);
  await accounts.createUser('lee', 'lead', PASSWORD);
  const ids = [];
  for (const name of repositories) ids.push((await ledgers.repository(name)).id);
  const { token } = await accounts.createToken('ci', 'developer', ids[0]!);
  await ledgers.close();
  const server = await startTestServer(database);
  after(() => server.stop());
  return { server, admin: await login(server, 'ada', PASSWORD), lead: await login(server, 'lee', PASSWORD), developer: tokenClient(server, token) };
}

export const repoPath = (name: string) => `/api/v1/repos/${encodeURIComponent(name)}`;

/** Waits until the job is completed or failed (read through the API) and returns it. */
export async function finishedJob(client: Client, repository: string, id: string, timeoutMs = 120_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await client.call('GET', `${repoPath(repository)}/jobs/${id}`);
    if (answer.status !== 200) throw new Error(`GET job ${id}: ${answer.status} ${JSON.stringify(answer.json)}`);
    if (answer.json.state === 'completed' || answer.json.state === 'failed') return answer.json;
    if (Date.now() > deadline) throw new Error(`job ${id} did not finish: ${JSON.stringify(answer.json)}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** The repository's iterations' commits, in chain order, and whether the chain verifies. */
export async function chainOf(client: Client, repository: string): Promise<{ commits: string[]; records: any[]; verified: { ok: boolean; problems: string[] } }> {
  const records = (await client.call('GET', `${repoPath(repository)}/records`)).json.records as any[];
  const verified = (await client.call('GET', `${repoPath(repository)}/verify`)).json;
  return { commits: records.filter((record) => record.kind === 'iteration').map((record) => record.payload.revision.commit), records, verified };
}
