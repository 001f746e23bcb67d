import { closeSync, openSync, readSync } from 'node:fs';

/** The first line of the file at `absolutePath` (at most 512 bytes of it), or undefined when it cannot be read. */
export function readFirstLine(absolutePath: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(absolutePath, 'r');
    const head = Buffer.alloc(512);
    const length = readSync(fd, head, 0, head.length, 0);
    return firstLineOf(head.subarray(0, length));
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The first line of a file's content (a script's `#!` line), from at most its first 512 bytes. */
export function firstLineOf(content: Buffer | string): string {
  const head = typeof content === 'string' ? content.slice(0, 512) : content.subarray(0, 512).toString('utf8');
  return head.split('\n', 1)[0]!;
}
