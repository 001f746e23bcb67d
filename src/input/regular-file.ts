import { closeSync, constants, fstatSync, lstatSync, openSync, readlinkSync, readSync, statSync, type Stats } from 'node:fs';
import { UserError } from '../errors.js';

/** The largest config or rule file read: real ones are a few kilobytes; anything bigger is a mistake or an attack. */
export const MAX_INPUT_FILE_BYTES = 1024 * 1024;

/** The bytes of a file read by `readRegularFile`, and the same bytes as text. */
export interface FileContent {
  bytes: Buffer;
  text: string;
}

/**
 * Returns the content of `path`, which must be a regular file (a symbolic link to one is fine) of at most
 * `maxBytes` bytes holding UTF-8 text; anything else is a UserError naming the file. A FIFO, a device or a
 * socket is refused before it is opened, so reading never blocks and never runs without end.
 */
export function readRegularFile(path: string, what: string, maxBytes = MAX_INPUT_FILE_BYTES): FileContent {
  const stats = statRegularFile(path, what, maxBytes);
  let descriptor: number;
  try {
    // O_NONBLOCK: should the file be swapped for a FIFO between the stat and the open, opening does not wait.
    descriptor = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    throw new UserError(`${path}: cannot read the ${what} (${systemReason(error)})`);
  }
  try {
    const opened = fstatSync(descriptor);
    if (!opened.isFile() || opened.ino !== stats.ino || opened.dev !== stats.dev) throw new UserError(`${path}: the ${what} changed while it was being opened; run again`);
    // Read one byte past the limit: a file that grew after the stat is caught here, not read to its end.
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    for (let read = -1; read !== 0 && length < buffer.length; length += read) read = readSync(descriptor, buffer, length, buffer.length - length, null);
    if (length > maxBytes) throw tooLarge(path, what, maxBytes);
    const bytes = buffer.subarray(0, length);
    return { bytes, text: decodeUtf8(path, what, bytes) };
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`${path}: cannot read the ${what} (${systemReason(error)})`);
  } finally {
    closeSync(descriptor);
  }
}

/** Returns true when something is at `path` in any form: a file, a directory, a FIFO, a link, even a dangling one. */
export function isPresent(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch (error) {
    const code = (error as { code?: string }).code;
    // Only "there is nothing here" means absent; a name that cannot be looked at may hide a file, so it counts.
    return code !== 'ENOENT' && code !== 'ENOTDIR';
  }
}

function statRegularFile(path: string, what: string, maxBytes: number): Stats {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (error) {
    throw new UserError(`${path}: ${unreachableReason(path, error)}`);
  }
  if (!stats.isFile()) throw new UserError(`${path}: the ${what} is ${kindOf(stats)}, not a regular file`);
  if (stats.size > maxBytes) throw tooLarge(path, what, maxBytes);
  return stats;
}

function unreachableReason(path: string, error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'ELOOP') return 'symbolic link loop (the link points back to itself)';
  if (code === 'ENOENT' && isSymbolicLink(path)) return `dangling symbolic link (to ${linkTarget(path)}, which does not exist)`;
  if (code === 'ENOENT') return 'no such file';
  return `cannot read it (${systemReason(error)})`;
}

function isSymbolicLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

function linkTarget(path: string): string {
  try {
    return readlinkSync(path);
  } catch {
    return 'an unknown target';
  }
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a file';
}

function tooLarge(path: string, what: string, maxBytes: number): UserError {
  const limit = maxBytes % (1024 * 1024) === 0 ? `${maxBytes / (1024 * 1024)} MiB` : `${maxBytes} bytes`;
  return new UserError(`${path}: the ${what} is larger than ${limit}, the limit for a ${what}`);
}

function decodeUtf8(path: string, what: string, bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new UserError(`${path}: the ${what} is not UTF-8 text`);
  }
}

function systemReason(error: unknown): string {
  const code = (error as { code?: string }).code;
  const reasons: Record<string, string> = { EACCES: 'permission denied', EPERM: 'operation not permitted', EISDIR: 'is a directory', EMFILE: 'too many open files', EIO: 'input/output error' };
  return (code && reasons[code]) ?? code ?? String((error as Error)?.message ?? error).split('\n')[0]!;
}
