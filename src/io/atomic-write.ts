import { existsSync, mkdirSync } from 'node:fs';
import { dirname, isAbsolute, relative } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { UserError } from '../errors.js';

/** Writes through a temporary file, fsync and a rename, so a reader never sees half a file; failures are UserErrors naming `path`. */
export function writeFileAtomically(path: string, content: string): void {
  try {
    // Only a missing parent is made: mkdir on a parent that is a regular file says "file already exists",
    // where the write itself says what is wrong ("not a directory").
    if (!existsSync(dirname(path))) mkdirSync(dirname(path), { recursive: true });
    // write-file-atomic removes its temporary file when any step fails; fsync is its default, set here
    // so that a change of default cannot drop it silently.
    writeFileAtomic.sync(path, content, { fsync: true });
  } catch (error) {
    const code = (error as { code?: unknown })?.code;
    if (typeof code !== 'string') throw error;
    // Node's message names the temporary file ("EACCES: permission denied, open '…/report.sarif.3810'"):
    // keep only the part before the system call, and name the file the user asked for.
    const message = String((error as Error).message);
    const reason = message.startsWith(`${code}: `) ? message.split(',')[0]! : code;
    throw new UserError(`${shownPath(path)}: cannot write (${reason})`);
  }
}

function shownPath(path: string): string {
  const fromHere = relative(process.cwd(), path);
  return isAbsolute(path) && fromHere && !fromHere.startsWith('..') && !isAbsolute(fromHere) ? fromHere : path;
}
