import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gitRepo, makeProject, runCli } from '../helpers.js';
import { startPostgres } from '../postgres.js';
import { localChain, request, startServerProcess } from './server-helpers.js';
import { LedgerServerClient } from '../../src/ledger/server-client.js';
import type { LedgerRecord } from '../../src/ledger/record.js';

// An agent holds its token and can run programs: each attack below was found by attacking the team server
// as an agent would, and each failed before its fix (the gate passed, or the server stored what it should refuse).

const postgres = await startPostgres();
after(() => postgres.stop());

const PASSWORD = 'correct horse battery';
const SAFE_DB = 'def find(cursor, name):\n    return cursor.execute("SELECT * FROM t WHERE n = ?", (name,))\n';
const UNSAFE_DB = 'def find(cursor, name):\n    return cursor.execute("SELECT * FROM t WHERE n = \'" + name + "\'")\n';
const SUPPRESSED_DB = 'def find(cursor, name):\n    # loopwarden-ignore python-sqli-built-query: names are checked upstream\n    return cursor.execute("SELECT * FROM t WHERE n = \'" + name + "\'")\n';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const database = await postgres.database();
const admin = makeProject({});
assert.equal(runCli(['server', 'admin', 'create-user', 'rita', '--role', 'reviewer', '--repo', 'acme/api', '--database', database], admin, { input: `${PASSWORD}\n` }).status, 0);
const server = await startServerProcess(database, admin);
after(() => server.stop());
let repositories = 0;

/** A fresh repository on the server, pointed at it, with an agent token and a developer token for it. */
function repository(): { root: string; name: string; agent: string; developer: string } {
  const name = `acme/r${++repositories}`;
  const token = (role: string) => runCli(['server', 'admin', 'create-token', '--role', role, '--repo', name, '--database', database], admin).stdout.trim();
  const root = gitRepo({ 'app/db.py': SAFE_DB, '.loopwarden.yml': `ledger:\n  url: ${server.url}\n` });
  return { root, name, agent: token('agent'), developer: token('developer') };
}

function check(root: string, env: Record<string, string | undefined>, ...args: string[]) {
  const result = runCli(['check', '--format', 'json', ...args], root, { env });
  return { ...result, json: result.stdout ? JSON.parse(result.stdout) : undefined };
}

const api = (token: string) => (method: string, path: string, body?: unknown) => request({ url: server.url } as never, method, path, body, { authorization: `Bearer ${token}` });

/** Appends, with `token`, a copy of the last iteration changed by `change`: what an agent can send by hand. */
async function forge(repo: string, token: string, change: (payload: Record<string, any>) => void): Promise<{ status: number; json: any }> {
  const call = api(token);
  const held = (await call('GET', `/api/v1/repos/${encodeURIComponent(repo)}/records`)).json.records as LedgerRecord[];
  const last = [...held].reverse().find((record) => record.kind === 'iteration')!;
  const payload = structuredClone(last.payload) as Record<string, any>;
  change(payload);
  const records = await localChain([{ kind: 'iteration', payload: payload as never }], held);
  return call('POST', `/api/v1/repos/${encodeURIComponent(repo)}/records`, { records });
}

test('a snapshot whose analysis an agent wrote (no findings for vulnerable content) never stands in for analysing the file here', async () => {
  const { root, name, agent } = repository();
  const env = { CLAUDECODE: '1', LOOPWARDEN_TOKEN: agent };
  writeFileSync(join(root, 'app/db.py'), UNSAFE_DB);
  const blocked = check(root, env);
  assert.equal(blocked.json.verdict.level, 'block');

  // The agent copies the last snapshot, gives db.py's content an analysis of its own with no findings, and records it.
  const call = api(agent);
  const held = (await call('GET', `/api/v1/repos/${encodeURIComponent(name)}/records`)).json.records as LedgerRecord[];
  const snapshotId = (held[held.length - 1]!.payload as { snapshotId: string }).snapshotId;
  const { body } = (await call('GET', `/api/v1/repos/${encodeURIComponent(name)}/snapshots/${snapshotId}`)).json;
  const snapshot = JSON.parse(body);
  const entry = snapshot.files.find((file: { path: string }) => file.path === 'app/db.py');
  const analysis = JSON.stringify({ path: 'app/db.py', language: 'python', lines: 2, findings: [], suppressed: [], notes: [], unusedSuppressions: [], functions: [] });
  entry.digest = sha256(analysis);
  entry.summary = { ...entry.summary, findings: { critical: 0, high: 0, medium: 0, low: 0 }, risk: 0 };
  const poisonedBody = JSON.stringify(snapshot);
  const poisonedId = sha256(poisonedBody);
  assert.equal((await call('POST', `/api/v1/repos/${encodeURIComponent(name)}/snapshots`, { id: poisonedId, body: poisonedBody, analyses: [{ digest: entry.digest, analysis }] })).status, 204);
  const forged = await forge(name, agent, (payload) => {
    payload.snapshotId = poisonedId;
    payload.open = [];
    payload.introduced = [];
    payload.verdict = { ...payload.verdict, level: 'pass', reasons: [] };
  });
  assert.equal(forged.status, 200, JSON.stringify(forged.json));

  // The next check analyses db.py here: the injection is found, and the gate stays shut.
  const after = check(root, env);
  assert.equal(after.status, 1, after.stderr);
  assert.equal(after.json.verdict.level, 'block');
  assert.deepEqual(after.json.open.map((f: { ruleId: string }) => f.ruleId), ['python-sqli-built-query']);
});

test("an agent's suppression stays for a person to accept when a forged record drops it from the list", async () => {
  const { root, name, agent } = repository();
  const env = { CLAUDECODE: '1', LOOPWARDEN_TOKEN: agent };
  assert.equal(check(root, env).status, 0);
  writeFileSync(join(root, 'app/db.py'), SUPPRESSED_DB);
  const suppressed = check(root, env);
  assert.equal(suppressed.json.verdict.level, 'review-required');
  assert.equal((await forge(name, agent, (payload) => (payload.aiSuppressions = []))).status, 200);
  const after = check(root, env);
  assert.equal(after.json.verdict.level, 'review-required', JSON.stringify(after.json.verdict));
  assert.match(after.json.verdict.reasons.map((r: { message: string }) => r.message).join('\n'), /python-sqli-built-query at app\/db.py:3 was suppressed in AI iteration/);
});

test('the server stores only what the core writes: records naming no held snapshot, unknown fields, malformed snapshots and analyses are 400s', async () => {
  const { root, name, agent } = repository();
  assert.equal(check(root, { CLAUDECODE: '1', LOOPWARDEN_TOKEN: agent }).status, 0);
  const path = `/api/v1/repos/${encodeURIComponent(name)}`;
  const call = api(agent);
  const notAnId = await forge(name, agent, (payload) => (payload.snapshotId = 'x'));
  assert.deepEqual([notAnId.status, notAnId.json.error], [400, 'records[0] (record 2): payload.snapshotId: not a snapshot id (64 hexadecimal digits); nothing recorded']);
  const notHeld = await forge(name, agent, (payload) => (payload.snapshotId = '0'.repeat(64)));
  assert.equal(notHeld.status, 400);
  assert.equal(notHeld.json.error, 'record 2 names the snapshot 000000000000, which the server does not hold: send it first (POST …/snapshots); nothing recorded');
  const junk = await forge(name, agent, (payload) => (payload.junk = 'A'.repeat(1000)));
  assert.deepEqual([junk.status, junk.json.error], [400, 'records[0] (record 2): payload: fields the ledger does not have; nothing recorded']);
  const hello = await call('POST', `${path}/snapshots`, { id: sha256('hello'), body: 'hello', analyses: [] });
  assert.deepEqual([hello.status, hello.json.error], [400, `snapshot ${sha256('hello').slice(0, 12)}: the snapshot body is not JSON; nothing stored`]);
  const nullAnalysis = await call('POST', `${path}/snapshots`, { id: sha256('{"files":[]}'), body: '{"files":[]}', analyses: [{ digest: sha256('null'), analysis: 'null' }] });
  assert.equal(nullAnalysis.status, 400);
  assert.match(nullAnalysis.json.error, /^analyses\[0\] \(74234e98afe7\): not a file analysis/);
  const body = JSON.stringify({ files: [{ path: 'a.py', hash: 'h', analysisKey: 'k', digest: '1'.repeat(64), summary: { language: 'python', lines: 1 } }] });
  const lacking = await call('POST', `${path}/snapshots`, { id: sha256(body), body, analyses: [] });
  assert.deepEqual([lacking.status, lacking.json.error], [400, `snapshot ${sha256(body).slice(0, 12)}: names the analysis 111111111111, neither sent nor held; nothing stored`]);
  assert.equal((await call('GET', `${path}/records`)).json.records.length, 1);
  assert.equal((await call('GET', `${path}/verify`)).json.ok, true);
  const badEscape = await call('GET', '/api/v1/repos/%E0%A4%A/records');
  assert.deepEqual([badEscape.status, badEscape.json.error], [400, 'the path has a malformed %-escape']);
});

test('an API token cannot attest a person: a developer token records human iterations as unattested, which do not reset the chain', async () => {
  const { root, name, developer } = repository();
  writeFileSync(join(root, 'app/db.py'), UNSAFE_DB);
  assert.equal(check(root, { CLAUDECODE: '1', LOOPWARDEN_TOKEN: developer }).json.verdict.level, 'block');
  const claimed = await forge(name, developer, (payload) => {
    payload.provenance = { actor: 'human', attestation: 'terminal' };
    payload.verdict = { ...payload.verdict, level: 'pass', reasons: [] };
  });
  assert.equal(claimed.status, 403);
  assert.match(claimed.json.error, /record 2 claims a person seen at a terminal: an API token cannot attest that/);
  // At the developer's own terminal the check goes through, as unattested: the finding the agent brought stays open.
  writeFileSync(join(root, 'app/notes.py'), 'X = 1\n');
  const human = check(root, { LOOPWARDEN_TOKEN: developer }, '--actor', 'human');
  assert.equal(human.json.iteration.provenance.attestation, 'none');
  assert.equal(human.json.verdict.level, 'block');
  assert.deepEqual(human.json.chain, { aiIterationsSinceReview: 1, limit: 3 });
});

test('the client refuses plain http off this machine and a token with a newline, without printing the token', async () => {
  assert.throws(() => new LedgerServerClient('http://loopwarden.example.com', 'acme/api', 'lwt_1_x'), /use https \(plain http is accepted only for a server on this machine/);
  assert.doesNotThrow(() => new LedgerServerClient('https://loopwarden.example.com', 'acme/api', 'lwt_1_x'));
  const { root, agent } = repository();
  const result = check(root, { CLAUDECODE: '1', LOOPWARDEN_TOKEN: `${agent}\n` });
  assert.equal(result.status, 2);
  assert.match(result.stderr, /the API token holds characters a token never has/);
  assert.equal(result.stderr.includes(agent), false);
});

test('failed logins under many names from one client are limited too', async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 32; i++) statuses.push((await request({ url: server.url } as never, 'POST', '/api/v1/session', { name: `guess${i}`, password: 'wrong password!' })).status);
  assert.deepEqual(statuses.slice(0, 30), Array(30).fill(401));
  assert.deepEqual(statuses.slice(30), [429, 429]);
});
