import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { startPostgres } from '../../postgres.js';
import { openPostgresLedgers, type PostgresLedgers } from '../../../src/ledger/postgres-ledger.js';
import { CHAIN_START, projectRecords, type FactRows } from '../../../src/ledger/insights/facts.js';
import type { LedgerRecord } from '../../../src/ledger/record.js';
import { chainOf, finding, open, type Step } from './insight-records.js';

const postgres = await startPostgres();
after(() => postgres.stop());

const sqli = finding('f-sqli', 'CWE-89', 'critical');
const xss = finding('f-xss', 'CWE-79', 'medium');
const STEPS: Step[] = [
  { kind: 'iteration', chain: 1, introduced: [sqli], open: [open(sqli, 1)] },
  { kind: 'iteration', chain: 2, introduced: [xss], open: [open(sqli, 1), open(xss, 2)], block: true },
  { kind: 'review', decision: 'reject', covers: [1, 2] },
  { kind: 'iteration', chain: 3, fixed: [xss], open: [open(sqli, 1)] },
  { kind: 'review', decision: 'approve', reviewer: 'sam', covers: [4] },
  { kind: 'iteration', chain: 1, fixed: [sqli] },
  { kind: 'iteration', actor: 'human', chain: 0 },
];

async function superuser(url: string, text: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

/** The fact rows the database holds for a repository, in the projection's own shape, to compare with projectRecords. */
async function storedFacts(url: string, repositoryId: string): Promise<Record<keyof FactRows, unknown[]>> {
  const read = async (text: string) => (await superuser(url, text.replaceAll('$repo', repositoryId))).rows;
  return {
    iterations: (await read(`SELECT seq, actor, tool, model, chain_position, introduced, introduced_critical_high, fixed, open_count, open_blocking, recorded_at FROM iteration_facts WHERE repository_id = $repo ORDER BY seq`)).map((row) => [row.seq, row.actor, row.tool, row.model, row.chain_position, row.introduced, row.introduced_critical_high, row.fixed, row.open_count, row.open_blocking, row.recorded_at.toISOString()]),
    events: (await read(`SELECT seq, state, ordinal, fingerprint, cwe, chain_position FROM finding_events WHERE repository_id = $repo ORDER BY seq, state DESC, ordinal`)).map((row) => [row.seq, row.state, row.ordinal, row.fingerprint, row.cwe, row.chain_position]),
    reviews: (await read(`SELECT seq, decision, reviewer, head_seq, covered FROM review_facts WHERE repository_id = $repo ORDER BY seq`)).map((row) => [row.seq, row.decision, row.reviewer, row.head_seq, row.covered]),
    coverage: (await read(`SELECT iteration_seq, kind, review_seq FROM review_coverage WHERE repository_id = $repo ORDER BY review_seq, kind DESC, iteration_seq`)).map((row) => [row.iteration_seq, row.kind, row.review_seq]),
    exposures: (await read(`SELECT review_seq, kind, reviewer, fingerprint, introduced_seq FROM review_exposures WHERE repository_id = $repo ORDER BY review_seq, kind, fingerprint`)).map((row) => [row.review_seq, row.kind, row.reviewer, row.fingerprint, row.introduced_seq]),
  };
}

/** The rows projecting the whole chain at once gives, in the order storedFacts reads them. */
function expectedFacts(records: readonly LedgerRecord[]): Record<keyof FactRows, unknown[]> {
  const rows = projectRecords(records, CHAIN_START).rows;
  return {
    iterations: rows.iterations.map((fact) => [fact.seq, fact.actor, fact.tool, fact.model, fact.chainPosition, fact.introduced, fact.introducedCriticalHigh, fact.fixed, fact.openCount, fact.openBlocking, fact.recordedAt?.toISOString()]),
    events: rows.events.map((event) => [event.seq, event.state, event.ordinal, event.fingerprint, event.cwe, event.chainPosition]),
    reviews: rows.reviews.map((review) => [review.seq, review.decision, review.reviewer, review.headSeq, review.covered]),
    coverage: [...rows.coverage].sort((a, b) => a.reviewSeq - b.reviewSeq || b.kind.localeCompare(a.kind) || a.iterationSeq - b.iterationSeq).map((row) => [row.iterationSeq, row.kind, row.reviewSeq]),
    exposures: [...rows.exposures].sort((a, b) => a.reviewSeq - b.reviewSeq || a.kind.localeCompare(b.kind) || a.fingerprint.localeCompare(b.fingerprint)).map((row) => [row.reviewSeq, row.kind, row.reviewer, row.fingerprint, row.introducedSeq]),
  };
}

async function withLedgers<T>(url: string, run: (ledgers: PostgresLedgers) => Promise<T>): Promise<T> {
  const ledgers = await openPostgresLedgers(url);
  try {
    return await run(ledgers);
  } finally {
    await ledgers.close();
  }
}

test('every append writes its facts in its transaction: one record at a time equals the whole chain projected at once', async () => {
  const url = await postgres.database();
  const records = chainOf(STEPS);
  await withLedgers(url, async (ledgers) => {
    const pushed = await ledgers.repository('acme/api');
    for (const record of records) await pushed.continueWith([record]);
    const batched = await ledgers.repository('acme/web');
    await batched.continueWith(records.slice(0, 3));
    await batched.continueWith(records);
    for (const ledger of [pushed, batched]) assert.deepEqual(await storedFacts(url, ledger.id), expectedFacts(records), ledger.name);
    // appendAtomically (the server's own review route) writes the review's facts too.
    const reviewed = await pushed.appendAtomically(() => ({ kind: 'review', payload: { decision: 'reject', reviewer: 'rita', note: 'no', covers: [6, 7] } }));
    assert.deepEqual(await storedFacts(url, pushed.id), expectedFacts([...records, reviewed!]));
  });
});

test('a refused or conflicting append leaves no facts, and a failing fact insert leaves no record', async () => {
  const url = await postgres.database();
  const records = chainOf(STEPS);
  await withLedgers(url, async (ledgers) => {
    const ledger = await ledgers.repository('acme/api');
    await assert.rejects(ledger.continueWith(records, () => 'refused'));
    await assert.rejects(ledger.continueWith(records, undefined, async () => 'snapshot missing'));
    const facts = await storedFacts(url, ledger.id);
    assert.deepEqual(Object.values(facts).flat(), []);
    // A projection that cannot be written (here a constraint a superuser added) must not let the record in alone.
    await superuser(url, `ALTER TABLE iteration_facts ADD CONSTRAINT no_model_b CHECK (model IS DISTINCT FROM 'model-b')`);
    await ledger.continueWith(records.slice(0, 1));
    const bad = chainOf([STEPS[0]!, { kind: 'iteration', chain: 2, model: 'model-b' }]);
    await assert.rejects(ledger.continueWith(bad.slice(1)), /no_model_b/);
    assert.equal((await ledger.records()).length, 1);
    assert.deepEqual((await storedFacts(url, ledger.id)).iterations.length, 1);
  });
});

test('records appended before the projection existed get their facts at start, and an append catches its repository up', async () => {
  const url = await postgres.database();
  const records = chainOf(STEPS);
  await withLedgers(url, async (ledgers) => {
    const [api, web] = [await ledgers.repository('acme/api'), await ledgers.repository('acme/web')];
    await api.continueWith(records);
    await web.continueWith(records.slice(0, 5));
  });
  // As if the records came from a version without the projection: its rows gone (the owner, triggers off).
  await superuser(url, `DO $$ DECLARE t text; BEGIN FOREACH t IN ARRAY ARRAY['review_exposures','review_coverage','review_facts','finding_events','iteration_facts'] LOOP
    EXECUTE format('ALTER TABLE %I DISABLE TRIGGER USER', t); EXECUTE format('DELETE FROM %I', t); EXECUTE format('ALTER TABLE %I ENABLE TRIGGER USER', t); END LOOP; END $$`);
  await withLedgers(url, async (ledgers) => {
    const [api, web] = [await ledgers.repository('acme/api'), await ledgers.repository('acme/web')];
    // The next append to acme/web projects the five records before it first.
    await web.continueWith(records.slice(5, 6));
    assert.deepEqual(await storedFacts(url, web.id), expectedFacts(records.slice(0, 6)));
    assert.equal(await ledgers.catchUpInsights(), records.length, 'acme/api only: acme/web is complete');
    assert.deepEqual(await storedFacts(url, api.id), expectedFacts(records));
    assert.equal(await ledgers.catchUpInsights(), 0, 'safe to run twice');
  });
});

test('the projection is append-only for the server, like the records', async () => {
  const url = await postgres.database();
  await withLedgers(url, async (ledgers) => {
    const ledger = await ledgers.repository('acme/api');
    await ledger.continueWith(chainOf([{ kind: 'iteration', chain: 1, introduced: [sqli], open: [open(sqli, 1)] }]));
    for (const statement of ['UPDATE iteration_facts SET introduced = 0', 'DELETE FROM finding_events']) {
      await assert.rejects(ledgers.db.executeQuery({ sql: statement, parameters: [], query: { kind: 'RawNode' } } as never), /append-only|permission denied/);
    }
  });
});

test('a record with numbers out of the columns\' range still projects: the repository never stops on its facts (found by an attack)', async () => {
  const url = await postgres.database();
  const [record] = chainOf([{ kind: 'iteration', chain: 1, introduced: [sqli], open: [open(sqli, 1)] }]);
  const payload = structuredClone(record!.payload) as unknown as Record<string, any>;
  // An agent's record: an open finding "since" 3e9, a line 3e9, fractional complexity, a risk beyond REAL, a chain of 3e9.
  payload.open[0].since = 3_000_000_000;
  payload.introduced[0].startLine = 3_000_000_000;
  payload.complexity = { before: 1.5, after: 2.5, changePercent: 66 };
  payload.risk = { before: 0, after: 1e39, delta: 1e39 };
  payload.verdict.chain.aiIterationsSinceReview = 3_000_000_000;
  const { canonicalJson } = await import('../../../src/ledger/canonical-json.js');
  const { recordHash, GENESIS_HASH } = await import('../../../src/ledger/record.js');
  const hash = recordHash(1, 'iteration', record!.recordedAt, canonicalJson(payload), GENESIS_HASH);
  const poisoned = { ...record!, payload, hash } as LedgerRecord;
  await withLedgers(url, async (ledgers) => {
    const ledger = await ledgers.repository('acme/api');
    await ledger.continueWith([poisoned]);
    // The review after it, which copies the open finding's "since", is recorded too.
    const review = await ledger.appendAtomically(() => ({ kind: 'review', payload: { decision: 'reject', reviewer: 'rita', note: '', covers: [1] } }));
    assert.equal(review?.seq, 2);
    const facts = await storedFacts(url, ledger.id);
    assert.deepEqual(facts.exposures, [[2, 'rejected-open', 'rita', 'f-sqli', 2 ** 31 - 1]]);
    assert.equal((facts.iterations[0] as unknown[])[4], 2 ** 31 - 1);
  });
});
