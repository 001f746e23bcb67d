import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startPostgres } from '../../postgres.js';
import { openPostgresLedgers, type PostgresLedgers } from '../../../src/ledger/postgres-ledger.js';
import { degradationByPosition } from '../../../src/ledger/insights/degradation.js';
import { modelsAndTools, modelsByCwe } from '../../../src/ledger/insights/models.js';
import { authors } from '../../../src/ledger/insights/people.js';
import { mostMissed, reviewerProficiency } from '../../../src/ledger/insights/proficiency.js';
import { trends } from '../../../src/ledger/insights/trends.js';
import { repositoryStates, reviewQueue } from '../../../src/ledger/insights/repositories.js';
import type { InsightScope } from '../../../src/ledger/insights/scope.js';
import type { LedgerRecord } from '../../../src/ledger/record.js';
import { generatedChain } from './generated-chains.js';
import * as reference from './reference.js';

const postgres = await startPostgres();
let ledgers: PostgresLedgers;
const chains: Record<string, LedgerRecord[]> = { 'acme/api': generatedChain(1, 160), 'acme/web': generatedChain(2, 120), 'acme/ops': generatedChain(3, 90) };
const ids: Record<string, string> = {};
const scopeOf = (...names: string[]): InsightScope => ({ repositoryIds: names.map((name) => ids[name]!) });
const all = () => scopeOf(...Object.keys(chains));

before(async () => {
  ledgers = await openPostgresLedgers(await postgres.database());
  for (const [name, records] of Object.entries(chains)) {
    const ledger = await ledgers.repository(name);
    ids[name] = ledger.id;
    // In uneven batches, as clients push them.
    for (let start = 0; start < records.length; start += 37) await ledger.continueWith(records.slice(0, start + 37));
  }
});
after(async () => {
  await ledgers?.close();
  postgres.stop();
});

test('the generated chains exercise every figure: degradation, reviews of both kinds, misses and catches', () => {
  const records = Object.values(chains).flat();
  assert.ok(records.some((record) => record.kind === 'review' && record.payload.decision === 'reject'));
  assert.ok(records.some((record) => record.kind === 'review' && record.payload.decision === 'approve'));
  const totals = [...reference.proficiency(chains).values()];
  assert.ok(totals.some((row) => row.missed > 0) && totals.some((row) => row.caught > 0) && totals.some((row) => row.accepted > 0), JSON.stringify(totals));
  assert.ok(reference.degradation(chains).length >= 3);
});

test('degradation by chain position equals the records counted one by one, per scope and filter', async () => {
  const rows = await degradationByPosition(ledgers.insights, all(), {});
  assert.deepEqual(rows.map(({ position, aiIterations, introduced }) => ({ position, aiIterations, introduced })), reference.degradation(chains));
  for (const row of rows) assert.equal(row.introducedPerIteration, row.introduced / row.aiIterations);
  const api = await degradationByPosition(ledgers.insights, scopeOf('acme/api'), {});
  assert.deepEqual(api.map(({ position, aiIterations, introduced }) => ({ position, aiIterations, introduced })), reference.degradation({ 'acme/api': chains['acme/api']! }));
  // A model only acme/web uses gives nothing in acme/api's scope: filters narrow the scope, never widen it.
  const webModel = (chains['acme/web']!.find((record) => record.kind === 'iteration' && record.payload.provenance.actor === 'ai')!.payload as { provenance: { model: string } }).provenance.model;
  assert.deepEqual(await degradationByPosition(ledgers.insights, scopeOf('acme/api'), { model: webModel }), []);
  assert.deepEqual(await degradationByPosition(ledgers.insights, { repositoryIds: [] }, {}), []);
  const from = new Date(Date.UTC(2026, 2, 15));
  const later = await degradationByPosition(ledgers.insights, all(), { from });
  const trimmed = Object.fromEntries(Object.entries(chains).map(([name, records]) => [name, records.filter((record) => Date.parse(record.recordedAt) >= from.getTime())]));
  assert.deepEqual(later.map(({ position, aiIterations, introduced }) => ({ position, aiIterations, introduced })), reference.degradation(trimmed));
});

test('models: introduced per 100 AI iterations and the model × CWE heat map equal the records', async () => {
  const models = await modelsAndTools(ledgers.insights, all(), {});
  const ai = Object.values(chains).flat().filter((record) => record.kind === 'iteration' && record.payload.provenance.actor === 'ai') as Extract<LedgerRecord, { kind: 'iteration' }>[];
  for (const row of models) {
    const mine = ai.filter((record) => record.payload.provenance.model === row.model && record.payload.provenance.tool === row.tool);
    assert.equal(row.aiIterations, mine.length);
    assert.equal(row.introduced, mine.reduce((sum, record) => sum + record.payload.introduced.length, 0));
    assert.equal(row.introducedPer100, (100 * row.introduced) / row.aiIterations);
    assert.equal(row.complexityGrowthPerIteration, mine.reduce((sum, record) => sum + record.payload.complexity.after - record.payload.complexity.before, 0) / mine.length);
  }
  assert.equal(models.reduce((sum, row) => sum + row.aiIterations, 0), ai.length);
  const cells = await modelsByCwe(ledgers.insights, all(), {});
  assert.deepEqual(new Map(cells.map((cell) => [`${cell.model}|${cell.cwe}`, cell.introduced])), reference.modelCwe(chains));
  for (const cell of cells) assert.equal(cell.per100, (100 * cell.introduced) / ai.filter((record) => record.payload.provenance.model === cell.model).length);
});

test('people: AI share and review coverage per author equal the records', async () => {
  const rows = await authors(ledgers.insights, all(), {});
  const expected = reference.authors(chains);
  assert.deepEqual(new Map(rows.map((row) => [row.author ?? '', { iterations: row.iterations, aiIterations: row.aiIterations, reviewed: row.reviewedAiIterations }])), expected);
  for (const row of rows) {
    assert.equal(row.aiShare, row.aiIterations / row.iterations);
    assert.ok(row.medianHoursToReview === null || row.medianHoursToReview >= 0);
  }
});

test('reviewer proficiency: caught, missed and accepted per reviewer and CWE equal the definitions applied to the records', async () => {
  const rows = await reviewerProficiency(ledgers.insights, all(), {});
  assert.deepEqual(new Map(rows.map((row) => [`${row.reviewer}|${row.cwe}`, { caught: row.caught, missed: row.missed, accepted: row.accepted }])), reference.proficiency(chains));
  for (const row of rows) assert.equal(row.catchRate, row.caught + row.missed > 0 ? row.caught / (row.caught + row.missed) : null);
  const worst = mostMissed(rows, 'rita');
  assert.ok(worst.length <= 3 && worst.every((row, index) => row.reviewer === 'rita' && row.missed > 0 && (index === 0 || worst[index - 1]!.missed >= row.missed)));
});

test('trends: each day ends at the level the records give, also when the range starts late', async () => {
  const rows = await trends(ledgers.insights, all(), {});
  assert.ok(rows.length > 10);
  for (const row of rows) assert.deepEqual({ openFindings: row.openFindings, risk: row.risk, unreviewedAiIterations: row.unreviewedAiIterations }, reference.levelsAt(chains, row.day), row.day);
  const from = new Date(Date.UTC(2026, 2, 20));
  const late = await trends(ledgers.insights, all(), { from });
  assert.ok(late.length > 0 && late.every((row) => row.day >= '2026-03-20'));
  assert.deepEqual(late, rows.filter((row) => row.day >= '2026-03-20'));
});

test('repositories and the queue: chain, open findings, last review as the chain ends', async () => {
  const rows = await repositoryStates(ledgers.insights, all());
  assert.deepEqual(rows.map((row) => row.name), ['acme/api', 'acme/ops', 'acme/web']);
  for (const row of rows) {
    const records = chains[row.name]!;
    const lastIteration = records.filter((record) => record.kind === 'iteration').at(-1)!;
    const lastReview = records.filter((record) => record.kind === 'review').at(-1);
    assert.equal(row.records, records.length);
    assert.equal(row.head, records.length);
    assert.equal(row.lastIteration?.seq, lastIteration.seq);
    assert.equal(row.lastReview?.seq, lastReview?.seq);
    const approvedSince = lastReview !== undefined && lastReview.seq > lastIteration.seq && lastReview.kind === 'review' && lastReview.payload.decision === 'approve';
    assert.equal(row.chain, approvedSince ? 0 : (lastIteration.payload as { verdict: { chain: { aiIterationsSinceReview: number } } }).verdict.chain.aiIterationsSinceReview);
  }
  const queue = await reviewQueue(ledgers.insights, all());
  assert.ok(queue.every((row) => row.chain >= 3 || row.openBlocking > 0));
  assert.deepEqual(await repositoryStates(ledgers.insights, scopeOf('acme/web')).then((only) => only.map((row) => row.name)), ['acme/web']);
});
