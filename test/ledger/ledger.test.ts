import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { SQLITE_MIGRATION_NAMES } from '../../src/ledger/migration-names.js';
import { openSqliteLedger } from '../../src/ledger/sqlite-ledger.js';
import { makeProject } from '../helpers.js';
import { iterationPayload } from './payloads.js';

const SNAPSHOT_BODY = '{"files":[]}';
const SNAPSHOT_ID = '4d2d8d8d3f1d0e1a33da8b6a5f3a3c86d97e6ff5c1b1a2b0cf7ec6a6a1d34df8';

async function ledgerWith(records: number): Promise<{ path: string }> {
  const dir = makeProject({});
  const path = join(dir, 'ledger.db');
  const ledger = await openSqliteLedger(path);
  const { createHash } = await import('node:crypto');
  const id = createHash('sha256').update(SNAPSHOT_BODY).digest('hex');
  ledger.putSnapshot(id, SNAPSHOT_BODY);
  for (let i = 0; i < records; i++) await ledger.appendAtomically(() => ({ kind: 'iteration', payload: iterationPayload(i % 2 ? 'human' : 'ai', id) }));
  ledger.close();
  return { path };
}

test('an untouched ledger verifies; the database refuses updates and deletes', async () => {
  const { path } = await ledgerWith(3);
  const ledger = await openSqliteLedger(path);
  assert.deepEqual(await ledger.verify(), { ok: true, records: 3, problems: [] });
  ledger.close();
  const db = new Database(path);
  assert.throws(() => db.prepare("UPDATE ledger_records SET kind = 'review' WHERE seq = 2").run(), /append-only/);
  assert.throws(() => db.prepare('DELETE FROM ledger_records WHERE seq = 3').run(), /append-only/);
  db.close();
  assert.notEqual(SNAPSHOT_ID, '');
});

function tamper(path: string, statements: string[]): void {
  const db = new Database(path);
  db.exec('DROP TRIGGER ledger_records_no_update; DROP TRIGGER ledger_records_no_delete;');
  for (const statement of statements) db.exec(statement);
  db.close();
}

async function problems(path: string): Promise<string[]> {
  const ledger = await openSqliteLedger(path);
  const result = await ledger.verify();
  ledger.close();
  return result.problems;
}

test('an edited record is named', async () => {
  const { path } = await ledgerWith(3);
  tamper(path, [`UPDATE ledger_records SET payload = replace(payload, '"actor":"ai"', '"actor":"human"') WHERE seq = 1`]);
  const found = await problems(path);
  assert.equal(found.length, 1);
  assert.match(found[0]!, /^record 1 \(iteration, .*\): content does not match its hash \(edited\)$/);
});

test('a deleted record in the middle and at the end are named', async () => {
  const middle = await ledgerWith(4);
  tamper(middle.path, ['DELETE FROM ledger_records WHERE seq = 2']);
  assert.match((await problems(middle.path)).join('\n'), /record 2 missing: deleted from the ledger/);
  const end = await ledgerWith(4);
  tamper(end.path, ['DELETE FROM ledger_records WHERE seq = 4']);
  assert.match((await problems(end.path)).join("\n"), /the head file says record 4 exists, but the ledger ends at record 3 \(records deleted, or an older copy restored\)/);
});

test('reordered records are named', async () => {
  const { path } = await ledgerWith(3);
  tamper(path, ['UPDATE ledger_records SET seq = 10 WHERE seq = 2', 'UPDATE ledger_records SET seq = 2 WHERE seq = 3', 'UPDATE ledger_records SET seq = 3 WHERE seq = 10']);
  const found = (await problems(path)).join('\n');
  assert.match(found, /record 2 .*(does not follow record 1|content does not match)/);
});

const WRITER = fileURLToPath(new URL('./ledger-writer.js', import.meta.url));

function runWriter(path: string, count: number, tag: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [WRITER, path, String(count), tag], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ code, output }));
  });
}

test('two writers at once: every record is stored, in one consistent chain', async () => {
  const dir = makeProject({});
  const path = join(dir, 'ledger.db');
  const [a, b] = await Promise.all([runWriter(path, 25, 'a'), runWriter(path, 25, 'b')]);
  assert.equal(a.code, 0, a.output);
  assert.equal(b.code, 0, b.output);
  const ledger = await openSqliteLedger(path);
  const records = await ledger.records();
  assert.equal(records.length, 50);
  assert.deepEqual(records.map((r) => r.seq), Array.from({ length: 50 }, (_, i) => i + 1));
  assert.equal((await ledger.verify()).ok, true);
  ledger.close();
});

test('a writer killed mid-write leaves a valid ledger that keeps every record it reported written', async () => {
  const dir = makeProject({});
  const path = join(dir, 'ledger.db');
  const child = spawn(process.execPath, [WRITER, path, '100000', 'k'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let reported = 0;
  await new Promise<void>((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      reported += chunk.toString().split('\n').filter((line) => line.startsWith('written ')).length;
      if (reported >= 40) {
        child.kill('SIGKILL');
        resolve();
      }
    });
  });
  await new Promise((resolve) => child.on('close', resolve));
  const ledger = await openSqliteLedger(path);
  const result = await ledger.verify();
  assert.deepEqual(result.problems, []);
  assert.ok(result.records >= reported, `${result.records} records stored, ${reported} reported written`);
  ledger.close();
});

test('the migration names the fast path checks are exactly the migrations', async () => {
  const { SQLITE_MIGRATIONS } = await import('../../src/ledger/migrations.js');
  const { SQLITE_MIGRATION_NAMES } = await import('../../src/ledger/migration-names.js');
  assert.deepEqual(Object.keys(SQLITE_MIGRATIONS), SQLITE_MIGRATION_NAMES);
});

test('a migration that another process already applied but not yet recorded runs again harmlessly', async () => {
  const { path } = await ledgerWith(1);
  // What a process that lost the race sees: the last schema change is there, its record is not.
  const database = new Database(path);
  database.prepare('DELETE FROM kysely_migration WHERE name = ?').run(SQLITE_MIGRATION_NAMES[SQLITE_MIGRATION_NAMES.length - 1]);
  database.close();
  const ledger = await openSqliteLedger(path);
  assert.equal((await ledger.records()).length, 1);
  assert.equal((await ledger.verify()).ok, true);
  ledger.close();
});
