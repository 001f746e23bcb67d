import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startPostgres } from '../postgres.js';
import type { RunningServer } from '../../src/server/run-server.js';
import { openServerDatabase } from '../../src/server/run-server.js';
import { AccountStore } from '../../src/server/accounts.js';
import { TeamStore } from '../../src/server/teams.js';
import { INSIGHT_COLUMNS, type InsightView } from '../../src/server/insight-views.js';
import { csvCells } from '../../src/report/insights-csv.js';
import type { LedgerRecord } from '../../src/ledger/record.js';
import { generatedChain } from '../ledger/insights/generated-chains.js';
import * as reference from '../ledger/insights/reference.js';
import { login, startTestServer, tokenClient, type Client } from './server-helpers.js';

const postgres = await startPostgres();
const PASSWORD = 'correct horse battery';
const chains: Record<string, LedgerRecord[]> = { 'acme/api': generatedChain(1, 80), 'acme/web': generatedChain(2, 60), 'acme/ops': generatedChain(3, 40) };
let server: RunningServer;
let agentToken: string;
let lead: Client;
let rita: Client;
let admin: Client;

before(async () => {
  const url = await postgres.database();
  const ledgers = await openServerDatabase(url);
  const accounts = new AccountStore(ledgers.db);
  const ids: Record<string, string> = {};
  for (const [name, records] of Object.entries(chains)) {
    const ledger = await ledgers.repository(name);
    ids[name] = ledger.id;
    await ledger.continueWith(records);
  }
  for (const [name, role, repos] of [['ada', 'admin', []], ['lee', 'lead', []], ['rita', 'reviewer', ['acme/api']]] as const) {
    await accounts.createUser(name, role, PASSWORD);
    for (const repo of repos) await accounts.assignRepository(name, ids[repo]!);
  }
  agentToken = (await accounts.createToken('claude', 'agent', ids['acme/api']!)).token;
  const teams = new TeamStore(ledgers.db);
  await teams.add('Platform', [ids['acme/api']!, ids['acme/web']!]);
  await teams.add('Ops', [ids['acme/ops']!]);
  await ledgers.close();
  server = await startTestServer(url);
  [lead, rita, admin] = await Promise.all([login(server, 'lee', PASSWORD), login(server, 'rita', PASSWORD), login(server, 'ada', PASSWORD)]);
});
after(async () => {
  await server?.stop();
  postgres.stop();
});

const modelOf = (name: string) => (chains[name]!.find((record) => record.kind === 'iteration' && record.payload.provenance.actor === 'ai')!.payload as { provenance: { model: string } }).provenance.model;

test('a lead reads every view over every repository; degradation equals the records, as JSON and as CSV', async () => {
  const answer = await lead.call('GET', '/api/v1/insights/degradation');
  assert.equal(answer.status, 200);
  assert.equal(answer.json.repositories, 3);
  assert.deepEqual(answer.json.rows.map(({ position, aiIterations, introduced }: Record<string, number>) => ({ position, aiIterations, introduced })), reference.degradation(chains));
  const csv = await lead.call('GET', '/api/v1/insights/degradation?format=csv');
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type')!, /^text\/csv/);
  // Numbers only: no quoting to undo.
  const [header, ...lines] = (csv.json as string).trim().split('\n').map((line) => line.split(','));
  const parsed = lines.map((cells) => Object.fromEntries(header!.map((column, index) => [column, cells[index]!])));
  assert.deepEqual(parsed.map((row) => [Number(row.position), Number(row.introduced)]), answer.json.rows.map((row: Record<string, number>) => [row.position, row.introduced]));
  for (const view of ['repositories', 'queue', 'models', 'models-cwe', 'people', 'teams', 'proficiency', 'trends']) {
    const each = await lead.call('GET', `/api/v1/insights/${view}`);
    assert.equal(each.status, 200, `${view}: ${JSON.stringify(each.json)}`);
    assert.ok(Array.isArray(each.json.rows), view);
    const csv = await lead.call('GET', `/api/v1/insights/${view}?format=csv`);
    assert.equal(csv.status, 200, view);
    // Every field a row has is a declared column (a nested object absent from a row leaves its columns empty).
    for (const row of each.json.rows) for (const column of Object.keys(csvCells(row))) assert.ok(INSIGHT_COLUMNS[view as InsightView].some((declared) => declared === column || declared.startsWith(`${column}.`)), `${view}: ${column}`);
    assert.equal((csv.json as string).split('\n')[0], INSIGHT_COLUMNS[view as InsightView].join(','), `${view}: the declared columns`);
  }
  const repositories = await lead.call('GET', '/api/v1/insights/repositories?format=csv');
  assert.match((repositories.json as string).split('\n')[0]!, /^name,lastIteration\.seq,lastIteration\.at,lastIteration\.verdict,chain,/);
  const teams = await lead.call('GET', '/api/v1/insights/teams');
  assert.deepEqual(teams.json.rows.map((row: { team: string; repositories: number }) => [row.team, row.repositories]), [['Ops', 1], ['Platform', 2]]);
});

test("filters never reach past what the asker may read: another team's repository, team, model or author", async () => {
  const other = await rita.call('GET', `/api/v1/insights/degradation?repo=${encodeURIComponent('acme/web')}`);
  assert.equal(other.status, 403);
  assert.equal((await rita.call('GET', `/api/v1/insights/degradation?repo=${encodeURIComponent('no/such')}`)).status, 403, 'the same answer as for an existing one');
  for (const view of ['degradation', 'people', 'trends', 'repositories', 'proficiency', 'models-cwe']) {
    const ops = await rita.call('GET', `/api/v1/insights/${view}?team=Ops`);
    assert.deepEqual([ops.status, ops.json.repositories, ops.json.rows], [200, 0, []], view);
    const csv = await rita.call('GET', `/api/v1/insights/${view}?team=Ops&format=csv`);
    assert.deepEqual((csv.json as string).trim().split('\n'), [INSIGHT_COLUMNS[view as InsightView].join(',')], `${view}: the header alone`);
  }
  const webModel = modelOf('acme/web');
  assert.notEqual(webModel, modelOf('acme/api'));
  assert.deepEqual((await rita.call('GET', `/api/v1/insights/models?model=${webModel}`)).json.rows, []);
  const people = await rita.call('GET', '/api/v1/insights/people');
  assert.deepEqual(people.json.rows.map((row: { author: string }) => row.author), ['dev1'], 'acme/web is dev0\'s alone');
  const platform = await rita.call('GET', '/api/v1/insights/degradation?team=Platform');
  assert.equal(platform.json.repositories, 1);
  assert.deepEqual(platform.json.rows.map(({ position, aiIterations, introduced }: Record<string, number>) => ({ position, aiIterations, introduced })), reference.degradation({ 'acme/api': chains['acme/api']! }));
  assert.deepEqual((await rita.call('GET', '/api/v1/teams')).json, { teams: [{ name: 'Platform', repositories: ['acme/api'] }] });
  const agent = tokenClient(server, agentToken);
  assert.equal((await agent.call('GET', '/api/v1/insights/repositories')).json.repositories, 1);
  assert.equal((await agent.call('GET', `/api/v1/insights/trends?repo=${encodeURIComponent('acme/ops')}`)).status, 403);
});

test('bad filters are one clear 400, never a stack trace', async () => {
  for (const [query, expected] of [
    ['from=yesterday', /from: a date \(YYYY-MM-DD\)/],
    ['from=2026-02-31', /from: not a real date/],
    ['format=xml', /format/],
    ['colour=red', /Unrecognized key/i],
  ] as const) {
    const answer = await lead.call('GET', `/api/v1/insights/trends?${query}`);
    assert.equal(answer.status, 400, query);
    assert.match(answer.json.error, expected, query);
  }
  assert.equal((await lead.call('GET', '/api/v1/insights/secrets')).status, 400);
  assert.equal((await lead.call('GET', `/api/v1/insights/trends?tool=${'x'.repeat(201)}`)).status, 400);
});

test('only an admin puts repositories into teams; doing it twice changes nothing', async () => {
  const path = `/api/v1/teams/Payments/repos/${encodeURIComponent('acme/ops')}`;
  assert.equal((await lead.call('PUT', path)).status, 403);
  assert.equal((await rita.call('PUT', path)).status, 403);
  assert.equal((await tokenClient(server, agentToken).call('PUT', path)).status, 403);
  assert.equal((await admin.call('PUT', path)).status, 204);
  assert.equal((await admin.call('PUT', path)).status, 204);
  assert.deepEqual((await lead.call('GET', '/api/v1/teams')).json.teams.find((team: { name: string }) => team.name === 'Payments'), { name: 'Payments', repositories: ['acme/ops'] });
  assert.equal((await admin.call('PUT', `/api/v1/teams/${encodeURIComponent('=bad')}/repos/${encodeURIComponent('acme/ops')}`)).status, 400);
  assert.equal((await admin.call('PUT', `/api/v1/teams/Payments/repos/${encodeURIComponent('no/such')}`)).status, 404);
  assert.equal((await admin.call('DELETE', path)).status, 204);
  assert.equal((await lead.call('GET', '/api/v1/teams')).json.teams.find((team: { name: string }) => team.name === 'Payments'), undefined);
});
