import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { startPostgres } from '../postgres.js';
import type { RunningServer } from '../../src/server/run-server.js';
import { openServerDatabase } from '../../src/server/run-server.js';
import { AccountStore } from '../../src/server/accounts.js';
import type { LedgerRecord } from '../../src/ledger/record.js';
import { iterationPayload, localChain, login, request, startTestServer, storeTestSnapshots, testSnapshot, tokenClient, type Client } from './server-helpers.js';

const postgres = await startPostgres();
after(() => postgres.stop());

const PASSWORD = 'correct horse battery';
const A = encodeURIComponent('acme/api');
const B = encodeURIComponent('acme/web');

interface World {
  url: string;
  server: RunningServer;
  tokens: { developerA: string; agentA: string; agentB: string };
}

/** A server with accounts of every role: reviewer and developer on acme/api, a reviewer on acme/web, and tokens. */
async function world(): Promise<World> {
  const url = await postgres.database();
  const ledgers = await openServerDatabase(url);
  const accounts = new AccountStore(ledgers.db);
  const [repoA, repoB] = [await ledgers.repository('acme/api'), await ledgers.repository('acme/web')];
  for (const [name, role, repos] of [['ada', 'admin', []], ['lee', 'lead', []], ['rita', 'reviewer', [repoA]], ['dev', 'developer', [repoA]], ['rob', 'reviewer', [repoB]]] as const) {
    await accounts.createUser(name, role, PASSWORD);
    for (const repo of repos) await accounts.assignRepository(name, repo.id);
  }
  const tokens = {
    developerA: (await accounts.createToken('ci', 'developer', repoA.id)).token,
    agentA: (await accounts.createToken('claude', 'agent', repoA.id)).token,
    agentB: (await accounts.createToken('claude', 'agent', repoB.id)).token,
  };
  await ledgers.close();
  const server = await startTestServer(url);
  await storeTestSnapshots(server, tokens.developerA, 'acme/api');
  return { url, server, tokens };
}

let shared: World;
before(async () => {
  shared = await world();
});
after(async () => {
  await shared.server.stop();
});

async function recordCount(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string; count: string }>('SELECT r.name, count(l.seq) AS count FROM repositories r LEFT JOIN ledger_records l ON l.repository_id = r.id GROUP BY r.name ORDER BY r.name');
    const users = await client.query<{ count: string }>('SELECT count(*) AS count FROM users');
    const tokens = await client.query<{ count: string }>('SELECT count(*) AS count FROM api_tokens WHERE revoked_at IS NULL');
    const jobs = await client.query<{ count: string }>('SELECT count(*) AS count FROM jobs');
    return { ...Object.fromEntries(rows.map((row) => [row.name, Number(row.count)])), users: Number(users.rows[0]!.count), tokens: Number(tokens.rows[0]!.count), jobs: Number(jobs.rows[0]!.count) };
  } finally {
    await client.end();
  }
}

test("an agent's iterations are recorded and its approval refused; the reviewer's approval resets the chain", async () => {
  const { server, tokens } = await world();
  try {
    const agent = tokenClient(server, tokens.agentA);
    const first = await localChain([{ kind: 'iteration', payload: iterationPayload('ai') }, { kind: 'iteration', payload: iterationPayload('ai', testSnapshot('b').id) }]);
    const pushed = await agent.call('POST', `/api/v1/repos/${A}/records`, { records: first });
    assert.deepEqual([pushed.status, pushed.json], [200, { appended: 2, alreadyHeld: 0, serverAhead: 0 }]);
    const status = await agent.call('GET', `/api/v1/repos/${A}/status`);
    assert.equal(status.status, 200);
    assert.deepEqual(status.json.chain, { aiIterationsSinceReview: 2, limit: 3 });

    // The agent cannot approve: not through the review route, not by sending a review record.
    const head = first[1]!.hash;
    const approve = await agent.call('POST', `/api/v1/repos/${A}/reviews`, { decision: 'approve', note: 'looks fine', head });
    assert.equal(approve.status, 403);
    const forged = await localChain([{ kind: 'review', payload: { decision: 'approve', reviewer: 'rita', note: 'forged', covers: [1, 2], attestation: { kind: 'terminal' } } }], first);
    const forgedPush = await agent.call('POST', `/api/v1/repos/${A}/records`, { records: forged });
    assert.equal(forgedPush.status, 403);
    assert.match(forgedPush.json.error, /record 3 is a review: only a reviewer of this repository may record one/);
    // Nor claim a human iteration, which would end the chain.
    const human = await localChain([{ kind: 'iteration', payload: iterationPayload('human') }], first);
    assert.equal((await agent.call('POST', `/api/v1/repos/${A}/records`, { records: human })).status, 403);
    assert.deepEqual((await agent.call('GET', `/api/v1/repos/${A}/status`)).json.chain, { aiIterationsSinceReview: 2, limit: 3 });

    // The reviewer, logged in, approves what she saw: the chain restarts.
    const rita = await login(server, 'rita', PASSWORD);
    const stale = await rita.call('POST', `/api/v1/repos/${A}/reviews`, { decision: 'approve', note: 'ok', head: first[0]!.hash });
    assert.equal(stale.status, 409, 'a review of an older head is refused');
    const approved = await rita.call('POST', `/api/v1/repos/${A}/reviews`, { decision: 'approve', note: 'parameterised', head });
    assert.equal(approved.status, 201, JSON.stringify(approved.json));
    assert.deepEqual(approved.json.payload, { decision: 'approve', reviewer: 'rita', note: 'parameterised', covers: [1, 2], attestation: { kind: 'server', account: 'rita' } });
    const after = await agent.call('GET', `/api/v1/repos/${A}/status`);
    assert.deepEqual(after.json.chain, { aiIterationsSinceReview: 0, limit: 3 });
    assert.equal(after.json.lastReview.attestation, 'server');
    // The agent goes on from the server's head, which now holds the review.
    const records = (await agent.call('GET', `/api/v1/repos/${A}/records`)).json.records as LedgerRecord[];
    const next = await localChain([{ kind: 'iteration', payload: iterationPayload('ai', testSnapshot('c').id) }], records);
    assert.deepEqual((await agent.call('POST', `/api/v1/repos/${A}/records`, { records: next })).json, { appended: 1, alreadyHeld: 0, serverAhead: 0 });
    assert.deepEqual((await rita.call('GET', `/api/v1/repos/${A}/verify`)).json.ok !== undefined, true);
  } finally {
    await server.stop();
  }
});

test('every route against every role: allowed is 2xx, denied is 403 (or 401), and a denied write writes nothing', async () => {
  const { server, url, tokens } = shared;
  const clients: Record<string, Client> = {
    admin: await login(server, 'ada', PASSWORD),
    lead: await login(server, 'lee', PASSWORD),
    reviewerA: await login(server, 'rita', PASSWORD),
    developerA: await login(server, 'dev', PASSWORD),
    reviewerB: await login(server, 'rob', PASSWORD),
    developerTokenA: tokenClient(server, tokens.developerA),
    agentTokenA: tokenClient(server, tokens.agentA),
    agentTokenB: tokenClient(server, tokens.agentB),
    anonymous: { call: (method, path, body) => request(server, method, path, body) },
  };
  const allowedFor = (...who: string[]) => new Set(who);
  let tokenRevocable = 0;
  // A job nobody works on (no worker runs here): it stays queued, and is read by whoever may read acme/api.
  const job = await clients.admin!.call('POST', `/api/v1/repos/${A}/jobs`, { kind: 'rescan', source: '/nowhere' });
  assert.equal(job.status, 201, JSON.stringify(job.json));
  const routes: { name: string; call: (client: Client) => Promise<{ status: number }>; allowed: Set<string>; writes: boolean }[] = [
    { name: 'list repositories', call: (c) => c.call('GET', '/api/v1/repos'), allowed: allowedFor('admin', 'lead', 'reviewerA', 'developerA', 'reviewerB', 'developerTokenA', 'agentTokenA', 'agentTokenB'), writes: false },
    { name: 'read acme/api records', call: (c) => c.call('GET', `/api/v1/repos/${A}/records`), allowed: allowedFor('admin', 'lead', 'reviewerA', 'developerA', 'developerTokenA', 'agentTokenA'), writes: false },
    { name: 'records of acme/api after 1', call: (c) => c.call('GET', `/api/v1/repos/${A}/records?after=1`), allowed: allowedFor('admin', 'lead', 'reviewerA', 'developerA', 'developerTokenA', 'agentTokenA'), writes: false },
    {
      name: 'read a snapshot of acme/api',
      call: async (c) => {
        const body = '{"files":[]}';
        const id = createHash('sha256').update(body).digest('hex');
        assert.equal((await clients.developerTokenA!.call('POST', `/api/v1/repos/${A}/snapshots`, { id, body, analyses: [] })).status, 204);
        return c.call('GET', `/api/v1/repos/${A}/snapshots/${id}`);
      },
      allowed: allowedFor('admin', 'lead', 'reviewerA', 'developerA', 'developerTokenA', 'agentTokenA'),
      writes: false,
    },
    { name: 'who am I', call: (c) => c.call('GET', '/api/v1/me'), allowed: allowedFor('admin', 'lead', 'reviewerA', 'developerA', 'reviewerB', 'developerTokenA', 'agentTokenA', 'agentTokenB'), writes: false },
    { name: 'acme/api status', call: (c) => c.call('GET', `/api/v1/repos/${A}/status`), allowed: allowedFor('admin', 'lead', 'reviewerA', 'developerA', 'developerTokenA', 'agentTokenA'), writes: false },
    { name: 'verify acme/api', call: (c) => c.call('GET', `/api/v1/repos/${A}/verify`), allowed: allowedFor('admin', 'lead', 'reviewerA', 'developerA', 'developerTokenA', 'agentTokenA'), writes: false },
    { name: 'list acme/api jobs', call: (c) => c.call('GET', `/api/v1/repos/${A}/jobs`), allowed: allowedFor('admin', 'lead', 'reviewerA', 'developerA', 'developerTokenA', 'agentTokenA'), writes: false },
    { name: 'read an acme/api job', call: (c) => c.call('GET', `/api/v1/repos/${A}/jobs/${job.json.id}`), allowed: allowedFor('admin', 'lead', 'reviewerA', 'developerA', 'developerTokenA', 'agentTokenA'), writes: false },
    { name: 'enqueue an acme/api job', call: (c) => c.call('POST', `/api/v1/repos/${A}/jobs`, { kind: 'rescan', source: '/nowhere' }), allowed: allowedFor('admin'), writes: true },
    {
      name: 'record an AI iteration in acme/api',
      call: async (c) => {
        const held = (await clients.lead!.call('GET', `/api/v1/repos/${A}/records`)).json.records as LedgerRecord[];
        return c.call('POST', `/api/v1/repos/${A}/records`, { records: await localChain([{ kind: 'iteration', payload: iterationPayload('ai') }], held) });
      },
      allowed: allowedFor('developerA', 'developerTokenA', 'agentTokenA'),
      writes: true,
    },
    {
      name: 'record a snapshot in acme/web',
      call: (c) => c.call('POST', `/api/v1/repos/${B}/snapshots`, { id: createHash('sha256').update('{"files":[]}').digest('hex'), body: '{"files":[]}', analyses: [] }),
      allowed: allowedFor('agentTokenB'),
      writes: false,
    },
    {
      name: 'review acme/api',
      call: async (c) => {
        const held = (await clients.lead!.call('GET', `/api/v1/repos/${A}/records`)).json.records as LedgerRecord[];
        const head = [...held].reverse().find((record) => record.kind === 'iteration')?.hash ?? null;
        return c.call('POST', `/api/v1/repos/${A}/reviews`, { decision: 'reject', note: 'not yet', head });
      },
      allowed: allowedFor('reviewerA'),
      writes: true,
    },
    { name: 'insights over what one may read', call: (c) => c.call('GET', '/api/v1/insights/degradation'), allowed: allowedFor('admin', 'lead', 'reviewerA', 'developerA', 'reviewerB', 'developerTokenA', 'agentTokenA', 'agentTokenB'), writes: false },
    { name: 'insights of acme/api', call: (c) => c.call('GET', `/api/v1/insights/repositories?repo=${A}&format=csv`), allowed: allowedFor('admin', 'lead', 'reviewerA', 'developerA', 'developerTokenA', 'agentTokenA'), writes: false },
    { name: 'list teams', call: (c) => c.call('GET', '/api/v1/teams'), allowed: allowedFor('admin', 'lead', 'reviewerA', 'developerA', 'reviewerB', 'developerTokenA', 'agentTokenA', 'agentTokenB'), writes: false },
    { name: 'put acme/api in a team', call: (c) => c.call('PUT', `/api/v1/teams/Core/repos/${A}`), allowed: allowedFor('admin'), writes: false },
    { name: 'create a user', call: (c) => c.call('POST', '/api/v1/users', { name: `u${Math.random().toString(36).slice(2, 8)}`, role: 'developer', password: PASSWORD }), allowed: allowedFor('admin'), writes: true },
    { name: 'create a token', call: (c) => c.call('POST', '/api/v1/tokens', { name: 'x', role: 'agent', repository: 'acme/api' }), allowed: allowedFor('admin'), writes: true },
    {
      name: 'revoke a token',
      call: async (c) => {
        tokenRevocable++;
        const created = await clients.admin!.call('POST', '/api/v1/tokens', { name: `revocable${tokenRevocable}`, role: 'agent', repository: 'acme/web' });
        return c.call('DELETE', `/api/v1/tokens/${created.json.id}`);
      },
      allowed: allowedFor('admin'),
      writes: true,
    },
  ];
  const problems: string[] = [];
  for (const route of routes) {
    for (const [who, client] of Object.entries(clients)) {
      const before = await recordCount(url);
      const answer = await route.call(client);
      const after = await recordCount(url);
      const expected = route.allowed.has(who);
      const denied = who === 'anonymous' ? 401 : 403;
      if (expected && (answer.status < 200 || answer.status > 299)) problems.push(`${route.name} as ${who}: ${answer.status}, expected 2xx`);
      if (!expected && answer.status !== denied) problems.push(`${route.name} as ${who}: ${answer.status}, expected ${denied}`);
      // The revoke route creates its token as the admin first: the revocation itself is the token count coming back.
      const changed = route.name === 'revoke a token' ? after.tokens === before.tokens : JSON.stringify(after) !== JSON.stringify(before);
      if (!expected && changed) problems.push(`${route.name} as ${who}: denied, but the database changed`);
      if (expected && route.writes && !changed) problems.push(`${route.name} as ${who}: allowed, but nothing was written`);
    }
  }
  assert.deepEqual(problems, []);
});

test('cookie writes need the CSRF token; logins are limited; tokens revoked or malformed are refused', async () => {
  const { server, tokens } = shared;
  const rita = await request(server, 'POST', '/api/v1/session', { name: 'rita', password: PASSWORD });
  const cookie = rita.headers.get('set-cookie')!;
  assert.match(cookie, /lw_session=[^;]+; Path=\/; HttpOnly; SameSite=Strict/);
  const withoutCsrf = await request(server, 'POST', `/api/v1/repos/${A}/reviews`, { decision: 'approve', note: '', head: null }, { cookie: cookie.split(';')[0]! });
  assert.deepEqual([withoutCsrf.status, withoutCsrf.json.error], [403, 'missing or wrong X-CSRF-Token header for a request made with a session cookie']);

  for (let i = 0; i < 5; i++) assert.equal((await request(server, 'POST', '/api/v1/session', { name: 'lee', password: 'wrong password!' })).status, 401);
  const limited = await request(server, 'POST', '/api/v1/session', { name: 'lee', password: PASSWORD });
  assert.deepEqual([limited.status, limited.headers.get('retry-after')], [429, '900']);
  assert.equal((await request(server, 'POST', '/api/v1/session', { name: 'nobody', password: PASSWORD })).status, 401);

  for (const bad of ['lwt_1_short', `${tokens.agentA}x`, tokens.agentA.replace(/_(\d+)_/, '_999999_'), 'Basic abc']) {
    assert.equal((await tokenClient(server, bad).call('GET', '/api/v1/repos')).status, 401, bad);
  }
  const admin = await login(server, 'ada', PASSWORD);
  const created = await admin.call('POST', '/api/v1/tokens', { name: 'short-lived', role: 'agent', repository: 'acme/api' });
  assert.equal((await tokenClient(server, created.json.token).call('GET', `/api/v1/repos/${A}/status`)).status, 200);
  assert.equal((await admin.call('DELETE', `/api/v1/tokens/${created.json.id}`)).status, 204);
  assert.equal((await tokenClient(server, created.json.token).call('GET', `/api/v1/repos/${A}/status`)).status, 401);
});

test('bad bodies are clear 400s: invalid JSON, unknown fields, nesting 2,000 deep; the OpenAPI document describes every route', async () => {
  const { server, tokens } = shared;
  const agent = tokenClient(server, tokens.agentA);
  const invalid = await agent.call('POST', `/api/v1/repos/${A}/records`, '{"records": [');
  assert.deepEqual([invalid.status, invalid.json.error], [400, 'the body is not valid JSON']);
  const unknown = await agent.call('POST', `/api/v1/repos/${A}/records`, { records: [], extra: 1 });
  assert.equal(unknown.status, 400);
  assert.match(unknown.json.error, /^invalid request: /);
  const deep = await agent.call('POST', `/api/v1/repos/${A}/records`, `{"records":[{"seq":1,"kind":"iteration","recordedAt":"x","prevHash":"${'0'.repeat(64)}","hash":"${'0'.repeat(64)}","payload":${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}}]}`);
  assert.deepEqual([deep.status, deep.json.error], [400, 'JSON nested deeper than 64 levels']);

  // A hash-valid record the core cannot read would stop the repository's status for everyone: refused.
  const held = (await agent.call('GET', `/api/v1/repos/${A}/records`)).json.records as LedgerRecord[];
  const withoutVerdict = { ...iterationPayload('ai') } as Record<string, unknown>;
  delete withoutVerdict.verdict;
  const poisoned = await localChain([{ kind: 'iteration', payload: withoutVerdict as never }], held);
  const refused = await agent.call('POST', `/api/v1/repos/${A}/records`, { records: poisoned });
  assert.equal(refused.status, 400);
  assert.match(refused.json.error, /^records\[0\] \(record \d+\): payload\.verdict: .*; nothing recorded$/);
  assert.equal((await agent.call('GET', `/api/v1/repos/${A}/records`)).json.records.length, held.length);
  assert.equal((await agent.call('GET', `/api/v1/repos/${A}/status`)).status, 200);

  const document = await request(server, 'GET', '/api/openapi.json');
  assert.equal(document.status, 200);
  assert.equal(document.json.openapi, '3.1.0');
  assert.deepEqual(Object.keys(document.json.paths).sort(), [
    '/api/health',
    '/api/ready',
    '/api/v1/insights/{view}',
    '/api/v1/me',
    '/api/v1/repos',
    '/api/v1/repos/{repo}/jobs',
    '/api/v1/repos/{repo}/jobs/{id}',
    '/api/v1/repos/{repo}/records',
    '/api/v1/repos/{repo}/reviews',
    '/api/v1/repos/{repo}/snapshots',
    '/api/v1/repos/{repo}/snapshots/{id}',
    '/api/v1/repos/{repo}/status',
    '/api/v1/repos/{repo}/verify',
    '/api/v1/session',
    '/api/v1/teams',
    '/api/v1/teams/{team}/repos/{repo}',
    '/api/v1/tokens',
    '/api/v1/tokens/{id}',
    '/api/v1/users',
  ]);
  assert.deepEqual((await request(server, 'GET', '/api/ready')).json, { ok: true });
});
