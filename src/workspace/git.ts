import { createHash } from 'node:crypto';
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

/** Resolves a revision to a commit id, or undefined when it names no commit. */
export function resolveCommit(top: string, revision: string): string | undefined {
  const result = spawnSync('git', ['rev-parse', '--verify', '--quiet', `${revision}^{commit}`], { cwd: top, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** Returns git's blob id for content: equal content, equal id, in the work tree and in commits alike. */
export function blobId(content: Buffer): string {
  // loopwarden-ignore js-weak-hash: git's object id format, used to recognise content, not to secure it
  return createHash('sha1').update(`blob ${content.length}\u0000`).update(content).digest('hex');
}

/** Lists the work tree's files git knows or would add: tracked and untracked, minus ignored. */
export function listWorktreeFiles(top: string): string[] {
  return splitNul(git(top, ['ls-files', '-z', '--cached', '--others', '--exclude-standard']));
}

/** Lists a commit's files with their blob ids. */
export function listTree(top: string, commit: string): Map<string, string> {
  const entries = new Map<string, string>();
  for (const line of splitNul(git(top, ['ls-tree', '-r', '-z', '--full-tree', commit]))) {
    const tab = line.indexOf('\t');
    const [, type, id] = line.slice(0, tab).split(' ');
    if (type === 'blob') entries.set(line.slice(tab + 1), id!);
  }
  return entries;
}

/** Reads blobs by id with one `git cat-file --batch`. */
export function readBlobs(top: string, ids: string[]): Map<string, Buffer> {
  const blobs = new Map<string, Buffer>();
  if (ids.length === 0) return blobs;
  const output = git(top, ['cat-file', '--batch'], `${ids.join('\n')}\n`);
  let offset = 0;
  while (offset < output.length) {
    const headerEnd = output.indexOf(0x0a, offset);
    const [id, , size] = output.subarray(offset, headerEnd).toString().split(' ');
    const length = Number(size);
    blobs.set(id!, output.subarray(headerEnd + 1, headerEnd + 1 + length));
    offset = headerEnd + 1 + length + 1;
  }
  return blobs;
}

/** Lists paths that differ between two commits, or between a commit and the work tree (with untracked files). */
export function changedPaths(top: string, from: string, to: string | 'WORKTREE'): string[] {
  if (to === 'WORKTREE') {
    const tracked = splitNul(git(top, ['diff', '--name-only', '-z', from]));
    const untracked = splitNul(git(top, ['ls-files', '-z', '--others', '--exclude-standard']));
    return [...new Set([...tracked, ...untracked])].sort();
  }
  return splitNul(git(top, ['diff', '--name-only', '-z', from, to])).sort();
}

/** Returns the full message of a commit. */
export function commitMessage(top: string, commit: string): string {
  return git(top, ['log', '-1', '--format=%B', commit]).toString();
}

/** Returns the trailer block at the end of a commit's message as git reads it: one unfolded `Key: value` a line. */
export function commitTrailers(top: string, commit: string): string {
  // --no-divider: a `---` line in a commit message is prose, not the start of a patch.
  return git(top, ['interpret-trailers', '--parse', '--no-divider'], commitMessage(top, commit)).toString();
}

function splitNul(output: Buffer): string[] {
  return output
    .toString()
    .split('\u0000')
    .filter((entry) => entry.length > 0);
}
