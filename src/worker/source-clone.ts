import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { JobInputError } from './job-errors.js';

// A worker's copy of a repository's source: cloned once into its work directory, fetched on every later
// job. Sources and revisions come from whoever enqueued the job, so git is always run directly (never
// through a shell), never on an argument that begins with `-`, with the `ext::` transport disabled and
// without hooks, and never asks for a password.

/** Where a fetch puts the source's HEAD, so the default `ref` is the source's own, however often it is fetched. */
export const SOURCE_HEAD = 'refs/loopwarden/source-head';

const REFSPECS = [`+HEAD:${SOURCE_HEAD}`, '+refs/heads/*:refs/remotes/origin/*', '+refs/tags/*:refs/tags/*', '+refs/notes/*:refs/notes/*'];

function runGit(args: string[], cwd?: string): { ok: boolean; stdout: string; stderr: string } {
  const result = spawnSync('git', ['-c', 'protocol.ext.allow=never', '-c', 'core.hooksPath=/dev/null', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_ASKPASS: 'true', SSH_ASKPASS: 'true', GIT_SSH_COMMAND: process.env.GIT_SSH_COMMAND ?? 'ssh -o BatchMode=yes' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { ok: result.status === 0, stdout: result.stdout ?? '', stderr: result.stderr ?? result.error?.message ?? '' };
}

/** The last meaningful line git printed, for a one-line message. */
function gitSays(stderr: string): string {
  const lines = stderr.split('\n').map((line) => line.trim()).filter(Boolean);
  return (lines.find((line) => /^fatal:/.test(line)) ?? lines[lines.length - 1] ?? 'git failed').replace(/^fatal:\s*/, '');
}

/** Whether `source` names a remote (URL or scp-like `host:path`) rather than a local path. */
function isRemote(source: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(source) || /^[^/]+:/.test(source);
}

/** The source as git is given it: a local path made absolute (checked to exist), a URL as it is. */
function sourceForGit(source: string): string {
  if (source.startsWith('-')) throw new JobInputError(`source ${source}: may not begin with "-"`);
  if (isRemote(source)) {
    if (/^ext::/i.test(source)) throw new JobInputError(`source ${source}: the ext transport is not allowed`);
    return source;
  }
  const path = isAbsolute(source) ? source : resolve(source);
  if (!existsSync(path)) throw new JobInputError(`source ${source}: no such directory on the worker`);
  return path;
}

/**
 * Brings the clone at `directory` up to date with `source` (cloning it when there is none, or when what is
 * there is not a usable clone: a worker killed mid-clone) and returns the clone's top directory.
 */
export function syncClone(source: string, directory: string): string {
  const from = sourceForGit(source);
  const usable = existsSync(directory) && runGit(['rev-parse', '--is-inside-work-tree'], directory).stdout.trim() === 'true' && runGit(['rev-parse', '--show-toplevel'], directory).stdout.trim() === resolve(directory);
  if (!usable) {
    rmSync(directory, { recursive: true, force: true });
    mkdirSync(dirname(directory), { recursive: true });
    const cloned = runGit(['clone', '--quiet', '--no-hardlinks', '--no-checkout', '--', from, directory]);
    if (!cloned.ok) {
      rmSync(directory, { recursive: true, force: true });
      throw new JobInputError(`cannot clone ${source}: ${gitSays(cloned.stderr)}`);
    }
  }
  // Always fetched from the source the job names (the clone may have been made from another URL of it).
  const fetched = runGit(['fetch', '--quiet', '--force', '--prune', '--no-write-fetch-head', '--', from, ...REFSPECS], directory);
  if (!fetched.ok) throw new JobInputError(`cannot fetch ${source}: ${gitSays(fetched.stderr)}`);
  return directory;
}

/** Resolves `revision` in the clone to a commit: a branch of the source, a tag, a commit id; a JobInputError naming `what` otherwise. */
export function commitInClone(top: string, revision: string, what: string): string {
  if (revision.startsWith('-')) throw new JobInputError(`${what} ${revision}: may not begin with "-"`);
  for (const candidate of revision === 'HEAD' ? [SOURCE_HEAD] : [`refs/remotes/origin/${revision}`, revision]) {
    const resolved = runGit(['rev-parse', '--verify', '--quiet', '--end-of-options', `${candidate}^{commit}`], top);
    if (resolved.ok) return resolved.stdout.trim();
  }
  throw new JobInputError(`${what} ${revision}: not a commit in the source`);
}

/** Checks `commit` out in the clone (detached, forced, untracked files removed): the configuration is read from the work tree. */
export function checkOut(top: string, commit: string): void {
  const checkedOut = runGit(['checkout', '--quiet', '--force', '--detach', commit], top);
  if (!checkedOut.ok) throw new Error(`cannot check out ${commit.slice(0, 12)}: ${gitSays(checkedOut.stderr)}`);
  runGit(['clean', '-ffdxq'], top);
}
