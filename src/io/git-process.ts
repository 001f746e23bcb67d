import { spawnSync } from 'node:child_process';
import { UserError } from '../errors.js';

/** Runs git in `cwd` and returns its standard output; failures are UserErrors quoting git's first line. */
export function git(cwd: string, args: string[], input?: string | Buffer): Buffer {
  const result = spawnSync('git', args, { cwd, input, maxBuffer: 1 << 30 });
  if (result.error) throw new UserError(`git: cannot run (${result.error.message})`);
  if (result.status !== 0) {
    const message = result.stderr.toString().trim().split('\n')[0] ?? `exit ${result.status}`;
    throw new UserError(`git ${args[0]}: ${message}`);
  }
  return result.stdout;
}

/** Returns the repository's top directory, or undefined outside a git work tree. */
export function gitTopLevel(cwd: string): string | undefined {
  const result = spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/**
 * Returns whether git ignores `directory` itself (a .gitignore line, .git/info/exclude or the global
 * excludes file), or undefined when it is not inside a git work tree (or git cannot run).
 */
export function gitIgnoresDirectory(directory: string): boolean | undefined {
  const result = spawnSync('git', ['check-ignore', '-q', '.'], { cwd: directory });
  return result.status === 0 ? true : result.status === 1 ? false : undefined;
}

/** Lists the files under `directory` git knows or would add: tracked and untracked, minus ignored; relative to it. */
export function listGitFiles(directory: string): string[] {
  return splitNul(git(directory, ['ls-files', '-z', '--cached', '--others', '--exclude-standard']));
}

/** Lists what git ignores under `directory`, relative to it: files, and whole directories with a trailing `/`. */
export function listGitIgnored(directory: string): string[] {
  return splitNul(git(directory, ['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--directory']));
}

/** Splits git's `-z` output into its entries. */
export function splitNul(output: Buffer): string[] {
  return output
    .toString()
    .split('\u0000')
    .filter((entry) => entry.length > 0);
}
