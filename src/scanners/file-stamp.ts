import { statSync } from 'node:fs';

/**
 * A file's inode, size and change time, or undefined when it is gone: a file swapped for a clean copy while a
 * scanner reads it, and swapped back after, hashes the same, but its change time (which nothing can set back) does not.
 */
export function fileStamp(path: string): string | undefined {
  try {
    const stats = statSync(path);
    return `${stats.dev}:${stats.ino}:${stats.size}:${stats.ctimeMs}`;
  } catch {
    return undefined;
  }
}
