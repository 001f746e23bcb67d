import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { UserError } from '../errors.js';

/**
 * Opens (creating its directory) a SQLite file whose records must survive a crash of the process or the
 * machine: WAL, synchronous FULL, a 30 s wait for other writers. A file that cannot be opened is a UserError
 * naming it and `what` it is.
 */
export function openDurableSqlite(path: string, what: string): Database.Database {
  mkdirSync(dirname(path), { recursive: true });
  try {
    const database = new Database(path, { timeout: 30_000 });
    database.pragma('journal_mode = WAL');
    // FULL: a record reported as written survives a crash of this process or of the machine.
    database.pragma('synchronous = FULL');
    return database;
  } catch (error) {
    throw new UserError(`${path}: cannot open ${what} (${(error as Error).message})`);
  }
}
