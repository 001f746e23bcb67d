import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { git, gitTopLevel, listGitFiles, splitNul } from '../io/git-process.js';

// The doors find the repository and run git through here; the runner itself sits lower, for discovery.
export { git, gitTopLevel } from '../io/git-process.js';

/** Returns the real path of `directory` and the top of the git work tree holding it (the directory itself outside one). */
export function repositoryTopOf(directory: string): { directory: string; top: string } {
  const real = realpathSync(directory);
  return { directory: real, top: gitTopLevel(real) ?? real };
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

/** Lists the work tree's files git knows or would add: tracked and untracked, minus ignored (as `scan` lists them). */
export function listWorktreeFiles(top: string): string[] {
  return listGitFiles(top);
}

/** A file of a commit: its blob id and size in bytes. */
export interface TreeEntry {
  id: string;
  size: number;
}

/** Lists a commit's files with their blob ids and sizes. */
export function listTree(top: string, commit: string): Map<string, TreeEntry> {
  const entries = new Map<string, TreeEntry>();
  for (const line of splitNul(git(top, ['ls-tree', '-r', '-z', '-l', '--full-tree', commit]))) {
    const tab = line.indexOf('\t');
    // `<mode> <type> <id> <size padded with spaces>`
    const [, type, id, size] = line.slice(0, tab).split(/ +/);
    if (type === 'blob') entries.set(line.slice(tab + 1), { id: id!, size: Number(size) });
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

/** Returns whether commit `a` is an ancestor of commit `b` (a commit is its own ancestor). */
export function isAncestor(top: string, a: string, b: string): boolean {
  return spawnSync('git', ['merge-base', '--is-ancestor', a, b], { cwd: top }).status === 0;
}
