// The command every agent hook runs: it must not load parsers, rules or SQLite. Node built-ins and the
// small files beside it only; everything else is imported when the warm server cannot answer.
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TOOL_VERSION } from '../version.js';
import { STATUS_VERSION_MISMATCH, hookEnvironment, type HookRequest, type HookResponse } from './protocol.js';
import { findRepositoryTop, socketFolderIsPrivate, socketPathFor } from './socket-path.js';

/** How long a hook waits for a warm server it started to listen (loading rules and the ledger). */
const START_TIMEOUT_MS = 15_000;
/** A hook call is one file's analysis, or one turn's check of the changed files. */
const REQUEST_TIMEOUT_MS = 120_000;

type Outcome = { answer: HookResponse } | { unavailable: string; restart?: boolean };

/** Runs `loopwarden hook <agent> [--fail-closed] [--no-server]`: through the warm server, else in this process. */
export async function runHookClient(argv: string[]): Promise<number> {
  const agent = argv[3] ?? '';
  const failClosed = argv.includes('--fail-closed');
  const payload = await readStdin();
  const top = repositoryTopFor(payload);
  let outcome: Outcome = { unavailable: 'not inside a git work tree' };
  if (top && !argv.includes('--no-server') && process.env.LOOPWARDEN_NO_SERVER !== '1') {
    const call: HookRequest = { version: TOOL_VERSION, agent, payload, env: hookEnvironment(process.env), failClosed };
    outcome = await send(top, call);
    if ('unavailable' in outcome) {
      await startServer(top, outcome.restart === true);
      outcome = await send(top, call);
    }
    if ('unavailable' in outcome) noteFallbackOnce(top, outcome.unavailable);
  }
  const answer = 'answer' in outcome ? outcome.answer : await inProcess(agent, payload, failClosed);
  if (answer.stderr) process.stderr.write(answer.stderr);
  process.stdout.write(answer.stdout);
  return answer.exitCode;
}

async function inProcess(agent: string, payload: string, failClosed: boolean): Promise<HookResponse> {
  const { answerInProcess } = await import('../hooks/answer-in-process.js');
  return answerInProcess(agent, payload, process.env, failClosed);
}

function readStdin(): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (chunk: Buffer) => chunks.push(chunk));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

/** The repository the agent works in: its project folder, else the payload's cwd, else ours. */
function repositoryTopFor(payload: string): string | undefined {
  let cwd: string | undefined;
  try {
    const parsed = JSON.parse(payload) as { cwd?: unknown; workspace_roots?: unknown };
    // Cursor's third-party hooks send cwd "" and the project in workspace_roots.
    if (typeof parsed.cwd === 'string' && parsed.cwd !== '') cwd = parsed.cwd;
    else if (Array.isArray(parsed.workspace_roots) && typeof parsed.workspace_roots[0] === 'string') cwd = parsed.workspace_roots[0];
  } catch {
    // A payload that is not JSON is answered (as such) by the hook itself.
  }
  const start = [process.env.CLAUDE_PROJECT_DIR, process.env.GEMINI_PROJECT_DIR, cwd, process.cwd()].find((dir) => dir && existsSync(dir));
  return start ? findRepositoryTop(start) : undefined;
}

function send(top: string, call: HookRequest): Promise<Outcome> {
  const socket = socketPathFor(top);
  if (!socketFolderIsPrivate(socket)) return Promise.resolve({ unavailable: `the warm server's folder ${dirname(socket)} is not private to this user` });
  if (!existsSync(socket)) return Promise.resolve({ unavailable: 'no warm server' });
  const body = JSON.stringify(call);
  return new Promise((resolve) => {
    const req = request(
      { socketPath: socket, path: '/hook', method: 'POST', timeout: REQUEST_TIMEOUT_MS, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          if (res.statusCode === STATUS_VERSION_MISMATCH) return resolve({ unavailable: 'the warm server runs another version', restart: true });
          if (res.statusCode !== 200) return resolve({ unavailable: `the warm server answered ${res.statusCode}` });
          let answer: unknown;
          try {
            answer = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          } catch {
            return resolve({ unavailable: 'the warm server answered no JSON' });
          }
          resolve(isHookResponse(answer) ? { answer } : { unavailable: 'the warm server answered something that is not a hook answer' });
        });
        res.on('error', () => resolve({ unavailable: 'the warm server went away mid-answer' }));
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ unavailable: `the warm server cannot be reached (${error.code ?? error.message})` }));
    req.on('timeout', () => {
      req.destroy();
      resolve({ unavailable: 'the warm server did not answer in time' });
    });
    req.end(body);
  });
}

function isHookResponse(value: unknown): value is HookResponse {
  const answer = value as Partial<HookResponse> | null;
  return (
    typeof answer === 'object' && answer !== null && typeof answer.stdout === 'string' && Number.isInteger(answer.exitCode) && (answer.stderr === undefined || typeof answer.stderr === 'string')
  );
}

/** Starts `loopwarden serve` in the background for `top` and waits until it listens (or gives up). */
async function startServer(top: string, afterRestart: boolean): Promise<void> {
  const socket = socketPathFor(top);
  if (afterRestart) await waitFor(() => !existsSync(socket), 3000);
  const main = fileURLToPath(new URL('../cli/main.js', import.meta.url));
  const child = spawn(process.execPath, [main, 'serve', '--background'], { cwd: top, detached: true, stdio: 'ignore', env: { ...process.env, LOOPWARDEN_NO_SERVER: '1' } });
  child.on('error', () => undefined);
  child.unref();
  await waitFor(() => existsSync(socket), START_TIMEOUT_MS);
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 25));
}

/** Says once per reason (not on every edit) that hooks run without the warm server. */
function noteFallbackOnce(top: string, reason: string): void {
  const marker = join(top, '.loopwarden', 'serve-fallback.txt');
  try {
    if (existsSync(marker) && readFileSync(marker, 'utf8').includes(`${reason}\n`)) return;
    if (existsSync(join(top, '.loopwarden'))) appendFileSync(marker, `${reason}\n`);
    else writeFileSync(marker, `${reason}\n`);
  } catch {
    // Without a place to remember it, saying it every time is better than not at all.
  }
  process.stderr.write(`loopwarden: ${reason}; checking in the hook process instead (slower)\n`);
}
