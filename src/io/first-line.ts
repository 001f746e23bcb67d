import { closeSync, openSync, readSync } from 'node:fs';

/** What the start of a file says: its first line, or why it could not be read (an error code such as EACCES). */
export type FileHead = { line: string } | { unreadable: string };

/** Reads the first line of the file at `absolutePath` (at most 512 bytes of it), or says why it cannot. */
export function readFileHead(absolutePath: string): FileHead {
  let fd: number | undefined;
  try {
    fd = openSync(absolutePath, 'r');
    const head = Buffer.alloc(512);
    const length = readSync(fd, head, 0, head.length, 0);
    return { line: firstLineOf(head.subarray(0, length)) };
  } catch (error) {
    return { unreadable: (error as { code?: string }).code ?? 'error' };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The first line of the file at `absolutePath` (at most 512 bytes of it), or undefined when it cannot be read. */
export function readFirstLine(absolutePath: string): string | undefined {
  const head = readFileHead(absolutePath);
  return 'line' in head ? head.line : undefined;
}

/** The first line of a file's content (a script's `#!` line), from at most its first 512 bytes. */
export function firstLineOf(content: Buffer | string): string {
  const head = typeof content === 'string' ? content.slice(0, 512) : content.subarray(0, 512).toString('utf8');
  return head.split('\n', 1)[0]!;
}
