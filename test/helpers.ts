import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after } from 'node:test';
import { languageById } from '../src/languages/registry.js';
import { parseSource, type ParsedFile } from '../src/engine/parse.js';

/** The built CLI entry point. */
export const CLI = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));

/** Creates a temporary directory holding `files` (path → content), removed after the test file. */
export function makeProject(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'loopwarden-test-'));
  for (const [path, content] of Object.entries(files)) {
    const absolute = join(root, path);
    mkdirSync(dirname(absolute), { recursive: true });
    writeFileSync(absolute, content);
  }
  after(() => rmSync(root, { recursive: true, force: true }));
  return root;
}

/** The environment without anything that marks a coding agent, so tests behave alike wherever they run; `undefined` removes a variable. */
export function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(CLAUDE|CURSOR_|GEMINI_CLI|CODEX_|CLINE_|AIDER_|AI_AGENT$|LOOPWARDEN_)/.test(name)));
  return Object.fromEntries(Object.entries({ ...env, NO_COLOR: '1', ...extra }).filter(([, value]) => value !== undefined));
}

/**
 * Runs the built CLI (without colour unless `env` says otherwise; as another user when `uid` is given) and
 * returns its exit status and output; with `timeoutMs` a run that does not finish in time is killed and
 * `timedOut` says so, so a test of something that could hang cannot hang.
 */
export function runCli(
  args: string[],
  cwd: string,
  options: { env?: Record<string, string | undefined>; uid?: number; gid?: number; input?: string; timeoutMs?: number } = {},
): { status: number; stdout: string; stderr: string; timedOut: boolean } {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: cleanEnv(options.env),
    uid: options.uid,
    gid: options.gid,
    input: options.input,
    timeout: options.timeoutMs,
    killSignal: 'SIGKILL',
  });
  const timedOut = (result.error as { code?: string } | undefined)?.code === 'ETIMEDOUT';
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr, timedOut };
}

/** Parses a snippet in the named language. */
export function parseSnippet(languageId: string, text: string): ParsedFile {
  return parseSource(languageById(languageId)!, text);
}

/** Runs the built CLI on a pseudo-terminal (util-linux `script`), as a person at a terminal would; `input` is typed. */
export function runCliInTerminal(args: string[], cwd: string, extraEnv: Record<string, string | undefined> = {}, input = ''): { status: number; output: string } {
  const quote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;
  const command = [process.execPath, CLI, ...args].map(quote).join(' ');
  const result = spawnSync('script', ['-qec', command, '/dev/null'], { cwd, encoding: 'utf8', env: cleanEnv(extraEnv), input });
  return { status: result.status ?? -1, output: result.stdout + result.stderr };
}

/** Creates a git repository holding `files`, with one commit. */
export function gitRepo(files: Record<string, string | Buffer>): string {
  const root = makeProject(files);
  const git = (...args: string[]) => spawnSync('git', args, { cwd: root, stdio: 'pipe' });
  git('init', '-q');
  git('config', 'user.email', 'dev@example.com');
  git('config', 'user.name', 'Dev');
  git('add', '-A');
  git('commit', '-qm', 'baseline', '--allow-empty');
  return root;
}

/** Runs the built CLI without blocking this process (a server in it must keep answering); `kill` stops it hard. */
export function startCli(args: string[], cwd: string, env: Record<string, string | undefined> = {}): { done: Promise<{ status: number; stdout: string; stderr: string }>; kill: () => void } {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const done = new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => child.on('close', (code, signal) => resolve({ status: code ?? (signal ? -1 : 0), stdout, stderr })));
  return { done, kill: () => child.kill('SIGKILL') };
}
