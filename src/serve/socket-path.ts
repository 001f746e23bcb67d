// Loaded by the hook client on every agent edit: node built-ins only.
import { createHash } from 'node:crypto';
import { existsSync, lstatSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Unix socket paths are limited to about 108 bytes; past this the socket moves to a private temp folder. */
const MAX_SOCKET_PATH = 100;

/** Where the warm server of the repository at `top` listens: .loopwarden/serve.sock, or a private temp path for deep repositories. */
export function socketPathFor(top: string): string {
  const local = join(top, '.loopwarden', 'serve.sock');
  if (Buffer.byteLength(local) <= MAX_SOCKET_PATH) return local;
  const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
  return join(tmpdir(), `loopwarden-${uid}`, `${createHash('sha256').update(top).digest('hex').slice(0, 24)}.sock`);
}

/**
 * Whether the folder holding `socket` may be trusted: the repository's own `.loopwarden/`, or a temp folder
 * that is a real directory owned by this user with no access for anyone else. Another local user who made
 * `$TMPDIR/loopwarden-<uid>` first could otherwise receive every hook payload and answer "all clear".
 */
export function socketFolderIsPrivate(socket: string): boolean {
  const folder = dirname(socket);
  if (folder.endsWith('/.loopwarden')) return true;
  try {
    const stats = lstatSync(folder);
    const uid = typeof process.getuid === 'function' ? process.getuid() : stats.uid;
    return stats.isDirectory() && !stats.isSymbolicLink() && stats.uid === uid && (stats.mode & 0o077) === 0;
  } catch {
    return true; // not there yet: whoever makes it (mkdir with mode 0700) owns it
  }
}

/** The warm server's record of itself, beside the ledger. */
export function serverInfoPathFor(top: string): string {
  return join(top, '.loopwarden', 'serve.json');
}

/** The git work tree top around `start` (the nearest folder with `.git`), found without running git. */
export function findRepositoryTop(start: string): string | undefined {
  let directory = start;
  for (;;) {
    if (existsSync(join(directory, '.git'))) return directory;
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}
