import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { makeProject } from '../helpers.js';
import { startPostgres } from '../postgres.js';
import { databaseKeeper, openPostgresLedgers, type PostgresLedgers } from '../../src/ledger/postgres-ledger.js';
import { openSqliteLedger } from '../../src/ledger/sqlite-ledger.js';
import { MirroredLedger } from '../../src/ledger/mirrored-ledger.js';
import type { NewRecord } from '../../src/ledger/ledger.js';
import { iterationPayload } from './payloads.js';

const postgres = await startPostgres();
after(() => postgres.stop());

const review = (note: string): NewRecord => ({ kind: 'review', payload: { decision: 'approve', reviewer: 'Dana', note, covers: [] } });
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A copy of `repository`'s chain in a fresh directory, as a machine that has never seen it would have. */
async function copyOf(ledgers: PostgresLedgers, repository = 'acme/api', dir = makeProject({})): Promise<MirroredLedger> {
  return new MirroredLedger(await openSqliteLedger(join(dir, 'ledger.db')), databaseKeeper(await ledgers.repository(repository)));
}

async function withLedgers<T>(body: (ledgers: PostgresLedgers, url: string) => Promise<T>): Promise<T> {
  const url = await postgres.database();
  const ledgers = await openPostgresLedgers(url);
  try {
    return await body(ledgers, url);
  } finally {
    await ledgers.close();
  }
}

test('copies on several machines append to one chain: each decides on the history as the keeper holds it, none is lost or doubled', async () => {
  await withLedgers(async (ledgers) => {
    const copies = await Promise.all([copyOf(ledgers), copyOf(ledgers), copyOf(ledgers)]);
    const seen: number[] = [];
    // Thirty appends from three copies at once: most lose a race at the keeper and decide again.
    await Promise.all(Array.from({ length: 30 }, (_, i) => copies[i % 3]!.appendAtomically((history) => (seen.push(history.length), review(`n${i}`)))));
    const server = await ledgers.repository('acme/api');
    const held = await server.records();
    assert.deepEqual(held.map((r) => r.seq), Array.from({ length: 30 }, (_, i) => i + 1));
    assert.deepEqual(held.map((r) => (r.payload as { note: string }).note).sort(), Array.from({ length: 30 }, (_, i) => `n${i}`).sort());
    for (const copy of copies) {
      assert.deepEqual((await copy.records()).map((r) => r.hash), held.map((r) => r.hash));
      assert.deepEqual(await copy.verify(), { ok: true, records: 30, problems: [] });
      copy.close();
    }
    assert.ok(seen.length >= 30);
  });
});

test("an iteration's snapshot and analyses go to the keeper before its record, and a fresh copy fetches what its decisions read", async () => {
  await withLedgers(async (ledgers) => {
    const analysis = JSON.stringify({ path: 'a.py', language: 'python', lines: 1, findings: [], suppressed: [], notes: [], unusedSuppressions: [], functions: [] });
    const digest = sha256(analysis);
    const body = JSON.stringify({ files: [{ path: 'a.py', digest, summary: {} }] });
    const id = sha256(body);
    const first = await copyOf(ledgers);
    first.putAnalyses([{ digest, analysis }]);
    first.putSnapshot(id, body);
    await first.appendAtomically(() => ({ kind: 'iteration', payload: iterationPayload('ai', id) }));
    const server = await ledgers.repository('acme/api');
    assert.deepEqual(await server.getContent(id), { body, analyses: [{ digest, analysis }] });
    assert.deepEqual(await server.verify(), { ok: true, records: 1, problems: [] });

    const fresh = await copyOf(ledgers);
    assert.equal(fresh.getSnapshot(id), undefined);
    await fresh.records();
    assert.equal(fresh.getSnapshot(id), body);
    assert.equal(fresh.getAnalysis(digest), analysis);
  });
});

test('a keeper that lost records, or rewrote them, is refused by the copy that saw them: nothing is recorded on either', async () => {
  await withLedgers(async (ledgers, url) => {
    const copy = await copyOf(ledgers);
    for (const note of ['a', 'b', 'c']) await copy.appendAtomically(() => review(note));
    // The server restored from a backup taken after record 1 (as its owner, around the append-only triggers).
    const owner = new pg.Client({ connectionString: url });
    await owner.connect();
    try {
      // A backup holds the records and their insight facts as they were then.
      for (const table of ['review_facts', 'ledger_records']) {
        await owner.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
        await owner.query(`DELETE FROM ${table} WHERE seq > 1`);
      }
      await assert.rejects(copy.appendAtomically(() => review('d')), /holds 1 records, but the copy here holds 3: records were lost there/);
      // …and then another history grew there from record 1: the copy names the first record that differs.
      const server = await ledgers.repository('acme/api');
      for (const note of ['x', 'y', 'z']) await server.appendAtomically(() => review(note));
      await assert.rejects(copy.appendAtomically(() => review('d')), /the ledger of acme\/api in the team server's database: its record 4 does not follow record 3 of the copy here: one of the two histories was rewritten \(at record 3 or before\); nothing recorded/);
      assert.equal((await server.records()).length, 4);
      const verified = await copy.verify();
      assert.equal(verified.ok, false);
      assert.match(verified.problems.join('\n'), /does not follow record 3 of the copy here/);
    } finally {
      await owner.end();
      copy.close();
    }
  });
});

test('records the keeper refuses are not copied, and a decision of nothing appends nothing', async () => {
  await withLedgers(async (ledgers) => {
    const server = await ledgers.repository('acme/api');
    const refusing = new MirroredLedger(await openSqliteLedger(join(makeProject({}), 'ledger.db')), {
      ...databaseKeeper(server),
      append: async () => {
        throw new Error('the keeper is down');
      },
    });
    await assert.rejects(refusing.appendAtomically(() => review('a')), /the keeper is down/);
    assert.deepEqual(await refusing.records(), []);
    assert.equal(await refusing.appendAtomically(() => undefined), undefined);
    assert.deepEqual(await server.records(), []);
  });
});
