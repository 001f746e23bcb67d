import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import { startPostgres } from '../postgres.js';
import { runCli, makeProject } from '../helpers.js';
import { openServerDatabase, startServer, type RunningServer } from '../../src/server/run-server.js';
import { AccountStore } from '../../src/server/accounts.js';
import { redact } from '../../src/ledger/postgres-ledger.js';
import type { LedgerRecord } from '../../src/ledger/record.js';
import { iterationPayload, localChain, login, request, startTestServer, storeTestSnapshots, tokenClient } from './server-helpers.js';

// Each test here is an attack found by auditing the server as a hostile agent would; each failed before its fix.

const postgres = await startPostgres();
after(() => postgres.stop());

const PASSWORD = 'correct horse battery';
const A = encodeURIComponent('acme/api');
let server: RunningServer;
let database: string;
let agent: string;

before(async () => {
  database = await postgres.database();
  const ledgers = await openServerDatabase(database);
  const accounts = new AccountStore(ledgers.db);
  const repo = await ledgers.repository('acme/api');
  for (const name of ['rita', 'rita2', 'rae']) {
    await accounts.createUser(name, 'reviewer', PASSWORD);
    await accounts.assignRepository(name, repo.id);
  }
  await accounts.createUser('lee', 'lead', PASSWORD);
  agent = (await accounts.createToken('claude', 'agent', repo.id)).token;
  await ledgers.close();
  server = await startTestServer(database);
  await storeTestSnapshots(server, agent, 'acme/api');
});
after(async () => server.stop());

test('a body nested thousands deep is refused whatever its content type says, so no record can poison the chain', async () => {
  const held = (await tokenClient(server, agent).call('GET', `/api/v1/repos/${A}/records`)).json.records as LedgerRecord[];
  // Written as text: serialising it canonically (as a client would, to hash it) overflows the stack itself.
  const payload = JSON.stringify(iterationPayload('ai')).replace(/}$/, `,"extra":${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}}`);
  const body = `{"records":[{"seq":${held.length + 1},"kind":"iteration","recordedAt":"2026-11-26T00:00:00.000Z","prevHash":"${held[held.length - 1]?.hash ?? '0'.repeat(64)}","hash":"${'1'.repeat(64)}","payload":${payload}}]}`;
  for (const type of ['APPLICATION/JSON', 'application/merge-patch+json', 'text/plain']) {
    const answer = await request(server, 'POST', `/api/v1/repos/${A}/records`, body, { authorization: `Bearer ${agent}`, 'content-type': type });
    assert.deepEqual([answer.status, answer.json.error], [400, 'JSON nested deeper than 64 levels'], type);
  }
  assert.equal((await tokenClient(server, agent).call('GET', `/api/v1/repos/${A}/records`)).json.records.length, held.length);
});

test('a reviewer pushes only reviews that name them, never one attested by the server', async () => {
  const rita = await login(server, 'rita', PASSWORD);
  const held = (await rita.call('GET', `/api/v1/repos/${A}/records`)).json.records as LedgerRecord[];
  const asOther = await localChain([{ kind: 'review', payload: { decision: 'approve', reviewer: 'rita2', note: '', covers: [], attestation: { kind: 'terminal' } } }], held);
  const other = await rita.call('POST', `/api/v1/repos/${A}/records`, { records: asOther });
  assert.deepEqual([other.status, other.json.error], [403, `record ${held.length + 1} is a review by rita2: a reviewer pushes only reviews that name them (rita); nothing recorded`]);
  const stamped = await localChain([{ kind: 'review', payload: { decision: 'approve', reviewer: 'rita', note: '', covers: [], attestation: { kind: 'server', account: 'rita' } } }], held);
  assert.equal((await rita.call('POST', `/api/v1/repos/${A}/records`, { records: stamped })).status, 403);
  const own = await localChain([{ kind: 'review', payload: { decision: 'approve', reviewer: 'rita', note: 'mine', covers: [], attestation: { kind: 'terminal' } } }], held);
  assert.equal((await rita.call('POST', `/api/v1/repos/${A}/records`, { records: own })).status, 200);
});

test('bad input never answers 500: other content types, NUL characters, numbers out of range', async () => {
  assert.equal((await request(server, 'POST', '/api/v1/session', '{}', { 'content-type': 'text/plain' })).status, 415);
  assert.equal((await request(server, 'POST', '/api/v1/session', { name: 'x', password: 'y' }, { 'content-type': 'application/xml' })).status, 415);
  assert.equal((await request(server, 'POST', '/api/v1/session', { name: 'a\u0000', password: 'x' })).status, 400);
  assert.equal((await tokenClient(server, agent).call('GET', `/api/v1/repos/${A}%00/status`)).status, 400);
  const admin = await login(server, 'lee', PASSWORD);
  assert.notEqual((await admin.call('DELETE', '/api/v1/tokens/99999999999999999999')).status, 500);
});

test('without credentials nothing is read: a large body answers 401 before any parsing', async () => {
  const big = JSON.stringify({ records: Array.from({ length: 100_000 }, () => ({})) });
  const answer = await request(server, 'POST', `/api/v1/repos/${A}/records`, big);
  assert.equal(answer.status, 401);
  const login = await request(server, 'POST', '/api/v1/session', JSON.stringify({ name: 'x'.repeat(20_000), password: 'y' }));
  assert.equal(login.status, 413);
});

test('concurrent wrong passwords are counted one at a time: the limit holds', async () => {
  const tries = await Promise.all(Array.from({ length: 20 }, () => request(server, 'POST', '/api/v1/session', { name: 'rita2', password: 'wrong password!!' })));
  assert.deepEqual(tries.map((t) => t.status).sort(), [...Array(5).fill(401), ...Array(15).fill(429)]);
});

test('an unknown repository and a forbidden one answer alike to those who cannot see them', async () => {
  const client = tokenClient(server, agent);
  const missing = await client.call('GET', '/api/v1/repos/nope/status');
  const ledgers = await openServerDatabase(database);
  await ledgers.repository('acme/secret');
  await ledgers.close();
  const hidden = await client.call('GET', `/api/v1/repos/${encodeURIComponent('acme/secret')}/status`);
  assert.equal(missing.status, 403);
  assert.equal(hidden.status, 403);
  assert.equal(missing.json.error.replace('nope', 'X'), hidden.json.error.replace('acme/secret', 'X'));
});

test('passwords in a connection URL are masked wherever they are; a port in use is one line', async () => {
  assert.equal(redact('postgres://u:hunter2@h/db?password=hunter3&sslmode=require'), 'postgres://u:***@h/db?password=***&sslmode=require');
  const busy = runCli(['server', '--port', new URL(server.url).port, '--database', database], makeProject({}));
  assert.equal(busy.status, 2);
  assert.match(busy.stderr, /^loopwarden: 127\.0\.0\.1:\d+: cannot listen \(the port is in use\)\n$/);
});

test('two reviewers approving the same state at once: one review is recorded, the other finds nothing left to review', async () => {
  const client = tokenClient(server, agent);
  const held = (await client.call('GET', `/api/v1/repos/${A}/records`)).json.records as LedgerRecord[];
  const pushed = await localChain([{ kind: 'iteration', payload: iterationPayload('ai') }], held);
  assert.equal((await client.call('POST', `/api/v1/repos/${A}/records`, { records: pushed })).status, 200);
  const [rita, rae] = [await login(server, 'rita', PASSWORD), await login(server, 'rae', PASSWORD)];
  const answers = await Promise.all([rita, rae].map((reviewer) => reviewer.call('POST', `/api/v1/repos/${A}/reviews`, { decision: 'approve', note: '', head: pushed[0]!.hash })));
  assert.deepEqual(answers.map((answer) => answer.status).sort(), [201, 409]);
  assert.match(answers.find((answer) => answer.status === 409)!.json.error, /^nothing to review: no iteration was recorded since the last review$/);
});

test('more appends at once than the server has database connections: every one is answered, none waits forever', async () => {
  // Found by bench:server (the restarted server, with 50 clients retrying at once, answered nothing more): the
  // check that a record's snapshot is held took a second connection from the pool while the append held one
  // and its repository's lock; with every connection so held, each waited for the others. It now reads
  // through the append's own connection.
  const ledgers = await openServerDatabase(database);
  const accounts = new AccountStore(ledgers.db);
  const tokens: { repository: string; token: string }[] = [];
  for (let i = 0; i < 40; i++) {
    const repository = `load/r${i}`;
    tokens.push({ repository, token: (await accounts.createToken('claude', 'agent', (await ledgers.repository(repository)).id)).token });
  }
  await ledgers.close();
  const records = await localChain([{ kind: 'iteration', payload: iterationPayload('ai') }]);
  // A server with a pool of two: two appends to two repositories at once take both connections.
  const small = await startServer({ databaseUrl: database, port: 0, host: '127.0.0.1', logger: pino({ level: 'silent' }), maxConnections: 2 });
  try {
    const answers = await Promise.race([
      Promise.all(tokens.map(({ repository, token }) => tokenClient(small, token).call('POST', `/api/v1/repos/${encodeURIComponent(repository)}/records`, { records }))),
      new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 30_000).unref()),
    ]);
    assert.notEqual(answers, 'hung', 'the server stopped answering');
    assert.deepEqual((answers as { status: number }[]).map((answer) => answer.status), Array(40).fill(200));
    assert.equal((await request(small, 'GET', '/api/ready')).status, 200);
  } finally {
    await Promise.race([small.stop(), new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
  }
});
