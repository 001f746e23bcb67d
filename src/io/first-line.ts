import { closeSync, openSync, readSync } from 'node:fs';

/** The first line of the file at `absolutePath` (at most 512 bytes of it), or undefined when it cannot be read. */
export function readFirstLine(absolutePath: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(absolutePath, 'r');
    const head = Buffer.alloc(512);
    const length = readSync(fd, head, 0, head.length, 0);
    return head.subarray(0, length).toString('utf8').split('\n', 1)[0];
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
