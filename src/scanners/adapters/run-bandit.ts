import { spawn } from 'node:child_process';
import type * as Sarif from 'sarif';
import { UserError } from '../../errors.js';
import { banditTextToSarif } from './bandit-sarif.js';

interface Captured {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `bandit -f json -q <args>` in `cwd` (no shell) and returns its report as SARIF 2.1.0. Exit codes 0 and
 * 1 (issues found) both mean bandit ran; anything else, a missing bandit or output that is not its JSON
 * report is a UserError naming bandit and the problem.
 */
export async function runBanditAsSarif(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<Sarif.Log> {
  const version = banditVersion(options);
  let run: Captured;
  try {
    run = await capture('bandit', ['-f', 'json', '-q', ...args], options);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError('bandit is not installed (apt-get install bandit)');
    throw new UserError(`bandit could not be started (${(error as Error).message})`);
  }
  if (run.signal) throw new UserError(`bandit was stopped by ${run.signal}`);
  if (run.code !== 0 && run.code !== 1) throw new UserError(`bandit exited with code ${run.code}: ${lastLine(run.stderr) ?? 'it printed no message'}`);
  return banditTextToSarif(run.stdout, { cwd: options.cwd, version: await version });
}

/** bandit's version from `bandit --version` (about 0.4 s, run while bandit scans), or undefined. */
async function banditVersion(options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<string | undefined> {
  try {
    const run = await capture('bandit', ['--version'], options);
    return run.code === 0 ? /^bandit\s+(\S+)/m.exec(run.stdout)?.[1] : undefined;
  } catch {
    return undefined;
  }
}

function capture(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<Captured> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolve({ code, signal, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') }),
    );
  });
}

function lastLine(text: string): string | undefined {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .at(-1);
}
