import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { makeProject } from '../helpers.js';
import { startPostgres } from '../postgres.js';
import { openPostgresLedgers } from '../../src/ledger/postgres-ledger.js';
import { openSqliteLedger } from '../../src/ledger/sqlite-ledger.js';
import type { NewRecord } from '../../src/ledger/ledger.js';
import { recordHash, type LedgerRecord } from '../../src/ledger/record.js';
import { canonicalJson } from '../../src/ledger/canonical-json.js';
import { chainedRecord } from '../../src/ledger/chain-check.js';

const postgres = await startPostgres();
after(() => postgres.stop());

const review = (note: string): NewRecord => ({ kind: 'review', payload: { decision: 'approve', reviewer: 'Dana', note, covers: [] } });

async function superuser(url: string, text: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}

test('appends from many writers at once are serialised per repository: no gap, no duplicate, an intact chain', async () => {
  const ledgers = await openPostgresLedgers(await postgres.database());
  try {
    assert.equal(ledgers.appendOnlyRole, true);
    const [a, b] = await Promise.all([ledgers.repository('acme/api'), ledgers.repository('acme/web')]);
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).appendAtomically(() => review(`n${i}`))));
    for (const ledger of [a, b]) {
      const records = await ledger.records();
      assert.deepEqual(records.map((r) => r.seq), Array.from({ length: 20 }, (_, i) => i + 1));
      assert.deepEqual(await ledger.verify(), { ok: true, records: 20, problems: [] });
    }
    // Each decision saw the history as it was at its turn.
    const seen: number[] = [];
    await Promise.all(Array.from({ length: 5 }, () => a.appendAtomically((history) => (seen.push(history.length), review('x')))));
    assert.deepEqual(seen.sort((x, y) => x - y), [20, 21, 22, 23, 24]);
    assert.equal((await a.appendAtomically(() => undefined)), undefined);
    assert.deepEqual(await ledgers.repositoryNames(), ['acme/api', 'acme/web']);
  } finally {
    await ledgers.close();
  }
});

test('the ledger is append-only: the application role may not change it, and the database refuses even its owner', async () => {
  const url = await postgres.database();
  const ledgers = await openPostgresLedgers(url);
  try {
    const ledger = await ledgers.repository('acme/api');
    await ledger.appendAtomically(() => review('first'));
    // As the server runs: the application role has no UPDATE, DELETE or TRUNCATE.
    for (const statement of [sql`UPDATE ledger_records SET payload = '{}'`, sql`DELETE FROM ledger_records`, sql`TRUNCATE ledger_records`]) {
      await assert.rejects(statement.execute(ledgers.db), /permission denied/);
    }
    // As the owner: the triggers refuse.
    for (const statement of ['UPDATE ledger_records SET payload = $1', 'DELETE FROM ledger_records', 'TRUNCATE ledger_records CASCADE']) {
      await assert.rejects(superuser(url, statement, statement.includes('$1') ? ['{}'] : []), /ledger_records is append-only/);
    }
    const body = '{"files":[]}';
    await ledger.putSnapshot(createHash('sha256').update(body).digest('hex'), body);
    await assert.rejects(superuser(url, 'DELETE FROM snapshots'), /snapshots is append-only/);
    assert.equal((await ledger.records()).length, 1);
  } finally {
    await ledgers.close();
  }
});

test('an edit made around the triggers is found by verify, and nothing is appended to a broken chain', async () => {
  const url = await postgres.database();
  const ledgers = await openPostgresLedgers(url);
  try {
    const ledger = await ledgers.repository('acme/api');
    for (const note of ['one', 'two', 'three']) await ledger.appendAtomically(() => review(note));
    await superuser(url, "ALTER TABLE ledger_records DISABLE TRIGGER no_update_or_delete; UPDATE ledger_records SET payload = replace(payload, 'two', 'TWO') WHERE seq = 2; ALTER TABLE ledger_records ENABLE TRIGGER no_update_or_delete");
    const verified = await ledger.verify();
    assert.equal(verified.ok, false);
    assert.match(verified.problems.join('\n'), /record 2 \(review, .*\): content does not match its hash \(edited\)/);
    await assert.rejects(ledger.appendAtomically(() => review('four')), /the ledger of acme\/api: record 2 .*edited.*nothing recorded/);
    assert.equal((await ledger.records()).length, 3);
  } finally {
    await ledgers.close();
  }
});

test('a local ledger pushed to the server: appended once, held the second time, a rewritten history refused, a truncated copy reported', async () => {
  const root = makeProject({});
  const local = await openSqliteLedger(join(root, 'ledger.db'));
  for (const note of ['a', 'b', 'c']) await local.appendAtomically(() => review(note));
  const records = await local.records();
  local.close();
  const ledgers = await openPostgresLedgers(await postgres.database());
  try {
    const server = await ledgers.repository('acme/api');
    assert.deepEqual(await server.continueWith(records), { appended: 3, alreadyHeld: 0, serverAhead: 0 });
    assert.deepEqual(await server.continueWith(records), { appended: 0, alreadyHeld: 3, serverAhead: 0 });
    assert.deepEqual((await server.records()).map((r) => r.hash), records.map((r) => r.hash));
    assert.equal((await server.verify()).ok, true);
    // The server goes on from the pushed head with its own records.
    await server.appendAtomically(() => review('on the server'));
    assert.deepEqual(await server.continueWith(records), { appended: 0, alreadyHeld: 3, serverAhead: 1 });
    assert.deepEqual(await server.continueWith(records.slice(0, 1)), { appended: 0, alreadyHeld: 1, serverAhead: 3 });
    // A rewritten record 2 (a sound chain of its own) is refused, and nothing is appended.
    const rewritten = [records[0]!, rehashed({ ...records[1]!, payload: { ...(records[1]!.payload as object), note: 'rewritten' } } as LedgerRecord)];
    await assert.rejects(server.continueWith(rewritten), /record 2 sent for acme\/api differs from the one the server holds: the history was rewritten/);
    // A record that does not hash to what it says is refused before anything is compared.
    await assert.rejects(server.continueWith([{ ...records[0]!, payload: { ...(records[0]!.payload as object), note: 'edited' } } as LedgerRecord]), /not a sound chain: record 1 .*edited/);
    assert.equal((await server.records()).length, 4);
  } finally {
    await ledgers.close();
  }
});

test('a push longer than one statement may carry (PostgreSQL takes 65,535 parameters) is stored whole', async () => {
  const ledgers = await openPostgresLedgers(await postgres.database());
  try {
    const records: LedgerRecord[] = [];
    for (let i = 0; i < 12_000; i++) records.push(chainedRecord(records, review(`r${i}`)).record);
    const ledger = await ledgers.repository('acme/big');
    assert.deepEqual(await ledger.continueWith(records), { appended: 12_000, alreadyHeld: 0, serverAhead: 0 });
    assert.equal((await ledger.verify()).ok, true);
  } finally {
    await ledgers.close();
  }
});

test('several server instances may start on a new database at once: migrations run once', async () => {
  const url = await postgres.database();
  const opened = await Promise.all([openPostgresLedgers(url), openPostgresLedgers(url), openPostgresLedgers(url)]);
  try {
    const { rows } = await superuser(url, 'SELECT name FROM kysely_migration');
    assert.deepEqual(rows.map((row: { name: string }) => row.name), ['0001-ledger', '0004-insights']);
  } finally {
    await Promise.all(opened.map((ledgers) => ledgers.close()));
  }
});

test('a database that cannot be reached is one clear error, without the password', async () => {
  await assert.rejects(openPostgresLedgers('postgres://loopwarden:s3cret@127.0.0.1:1/none'), (error: Error) => {
    assert.match(error.message, /^postgres:\/\/loopwarden:\*\*\*@127\.0\.0\.1:1\/none: cannot (open|migrate) the database \(.*ECONNREFUSED/);
    assert.doesNotMatch(error.message, /s3cret/);
    return true;
  });
});

/** A record with its hash computed again over what it now says (a rewrite that keeps the chain sound). */
function rehashed(record: LedgerRecord): LedgerRecord {
  return { ...record, hash: recordHash(record.seq, record.kind, record.recordedAt, canonicalJson(record.payload), record.prevHash) };
}
