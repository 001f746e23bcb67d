import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { gitRepo, makeProject, runCli } from '../helpers.js';
import { freePort, startPostgres } from '../postgres.js';
import { localChain, request, startServerProcess } from './server-helpers.js';

// The issue's "done means", end to end through real processes: a server, the admin commands, a repository
// pointed at the server by its config, an agent's checks and attempts to approve, and a reviewer's approval.

const postgres = await startPostgres();
after(() => postgres.stop());

const PASSWORD = 'correct horse battery';
const SAFE_DB = 'def find(cursor, name):\n    return cursor.execute("SELECT * FROM t WHERE n = ?", (name,))\n';
const UNSAFE_DB = 'def find(cursor, name):\n    return cursor.execute("SELECT * FROM t WHERE n = \'" + name + "\'")\n';

async function teamServer() {
  const database = await postgres.database();
  const admin = makeProject({});
  const reviewer = runCli(['server', 'admin', 'create-user', 'rita', '--role', 'reviewer', '--repo', 'acme/api', '--database', database], admin, { input: `${PASSWORD}\n` });
  assert.equal(reviewer.status, 0, reviewer.stderr);
  const token = (role: string) => {
    const created = runCli(['server', 'admin', 'create-token', '--role', role, '--repo', 'acme/api', '--name', role, '--database', database], admin);
    assert.equal(created.status, 0, created.stderr);
    return created.stdout.trim();
  };
  const server = await startServerProcess(database, admin);
  after(() => server.stop());
  return { server, agentToken: token('agent'), developerToken: token('developer') };
}

/** A repository whose config points at the team server (committed, as a team would). */
function pointedRepository(url: string, extra = ''): string {
  const root = gitRepo({ 'app/db.py': SAFE_DB, '.loopwarden.yml': `ledger:\n  url: ${url}\n  tokenEnv: LOOPWARDEN_TOKEN\n${extra}` });
  return root;
}

function check(root: string, env: Record<string, string | undefined>, ...args: string[]) {
  const result = runCli(['check', '--format', 'json', ...args], root, { env });
  return { ...result, json: result.stdout ? JSON.parse(result.stdout) : undefined };
}

test("a repository pointed at the server: the agent's iterations are recorded there, its approval is refused, the reviewer's resets the chain", async () => {
  const { server, agentToken } = await teamServer();
  const root = pointedRepository(server.url);
  const agent = { CLAUDECODE: '1', LOOPWARDEN_TOKEN: agentToken };

  // Four AI iterations, the second bringing a SQL injection: recorded on the server, in order.
  const first = check(root, agent);
  assert.equal(first.status, 0, first.stderr);
  assert.deepEqual(first.json.chain, { aiIterationsSinceReview: 1, limit: 3 });
  writeFileSync(join(root, 'app/db.py'), UNSAFE_DB);
  const second = check(root, agent);
  assert.equal(second.status, 1, second.stderr);
  assert.deepEqual(second.json.diff.introduced.map((f: { ruleId: string }) => f.ruleId), ['python-sqli-built-query']);
  writeFileSync(join(root, 'app/db.py'), SAFE_DB);
  assert.equal(check(root, agent).json.verdict.level, 'pass');
  writeFileSync(join(root, 'app/util.py'), 'def helper(x):\n    return x\n');
  const fourth = check(root, agent);
  assert.deepEqual(fourth.json.chain, { aiIterationsSinceReview: 4, limit: 3 });
  assert.equal(fourth.json.verdict.level, 'review-required');

  const onServer = await request({ url: server.url } as never, 'GET', '/api/v1/repos/acme%2Fapi/records', undefined, { authorization: `Bearer ${agentToken}` });
  assert.equal(onServer.status, 200);
  assert.deepEqual(
    onServer.json.records.map((r: { seq: number; kind: string; payload: { provenance: { actor: string } } }) => [r.seq, r.kind, r.payload.provenance.actor]),
    [[1, 'iteration', 'ai'], [2, 'iteration', 'ai'], [3, 'iteration', 'ai'], [4, 'iteration', 'ai']],
  );
  assert.equal(onServer.json.records[3].hash, fourth.json.iteration.hash);
  // The server holds what the records name: each iteration's snapshot.
  const snapshot = await request({ url: server.url } as never, 'GET', `/api/v1/repos/acme%2Fapi/snapshots/${onServer.json.records[3].payload.snapshotId}`, undefined, { authorization: `Bearer ${agentToken}` });
  assert.equal(snapshot.status, 200);

  // The agent tries to approve: at the CLI (refused by its environment), then as a person would run it
  // with the agent token (no reviewer account), then straight at the API with the token.
  const fromAgent = runCli(['review', '--approve', '--yes', '--note', 'lgtm'], root, { env: agent });
  assert.equal(fromAgent.status, 2);
  assert.match(fromAgent.stderr, /review refused: the environment shows Claude Code \(CLAUDECODE\)/);
  const withoutAccount = runCli(['review', '--approve', '--reviewer', 'claude'], root, { env: { LOOPWARDEN_TOKEN: agentToken }, input: 'guess-the-password\n' });
  assert.equal(withoutAccount.status, 2);
  assert.match(withoutAccount.stderr, /the team server refused the login of claude \(401\): wrong name or password; nothing recorded/);
  const viaApi = await request({ url: server.url } as never, 'POST', '/api/v1/repos/acme%2Fapi/reviews', { decision: 'approve', note: '', head: fourth.json.iteration.hash }, { authorization: `Bearer ${agentToken}` });
  assert.equal(viaApi.status, 403);
  const [forged] = await localChain([{ kind: 'review', payload: { decision: 'approve', reviewer: 'rita', note: '', covers: [1, 2, 3, 4], attestation: { kind: 'terminal' } } }], onServer.json.records);
  const pushed = await request({ url: server.url } as never, 'POST', '/api/v1/repos/acme%2Fapi/records', { records: [forged] }, { authorization: `Bearer ${agentToken}` });
  assert.equal(pushed.status, 403);
  // A human iteration is a person's claim: an agent token cannot make it, even when asked to.
  writeFileSync(join(root, 'app/notes.py'), 'NOTE = "reviewed"\n');
  const claimsHuman = check(root, { LOOPWARDEN_TOKEN: agentToken }, '--actor', 'human');
  assert.equal(claimsHuman.status, 2);
  assert.match(claimsHuman.stderr, /the team server refused \(403\): record 5 claims a human iteration: an agent token records AI iterations only; nothing recorded/);
  const status = JSON.parse(runCli(['status', '--format', 'json'], root, { env: agent }).stdout);
  assert.deepEqual(status.chain, { aiIterationsSinceReview: 4, limit: 3 });

  // The reviewer approves with their account on the server (the password on standard input, or asked at a terminal): recorded and attested by the server.
  // She needs no API token: she reads the chain and records the review as herself.
  const approved = runCli(['review', '--approve', '--reviewer', 'rita', '--note', 'checked the query', '--format', 'json'], root, { input: `${PASSWORD}\n` });
  assert.equal(approved.status, 0, approved.stderr);
  const review = JSON.parse(approved.stdout);
  assert.deepEqual([review.recorded, review.seq, review.decision, review.reviewer, review.covers, review.attestation], [true, 5, 'approve', 'rita', [1, 2, 3, 4], 'server']);

  // The chain is reset for everyone: the next AI iteration is the first of a new chain.
  writeFileSync(join(root, 'app/util.py'), 'def helper(x):\n    return x * 2\n');
  const after = check(root, agent);
  assert.equal(after.status, 0, after.stderr);
  assert.deepEqual(after.json.chain, { aiIterationsSinceReview: 1, limit: 3 });
  assert.equal(after.json.iteration.seq, 6);

  const verified = runCli(['ledger', 'verify'], root, { env: agent });
  assert.equal(verified.status, 0, verified.stdout + verified.stderr);
});

test('a second clone of the repository sees the chain the first recorded, with the content its decisions need', async () => {
  const { server, agentToken, developerToken } = await teamServer();
  const root = pointedRepository(server.url);
  const agent = { CLAUDECODE: '1', LOOPWARDEN_TOKEN: agentToken };
  writeFileSync(join(root, 'app/db.py'), UNSAFE_DB);
  assert.equal(check(root, agent).json.verdict.level, 'block');

  // A teammate's clone: a fresh .loopwarden/, the same server. The open finding is still open there.
  const clone = makeProject({});
  execFileSync('git', ['clone', '-q', root, clone]);
  writeFileSync(join(clone, 'app/db.py'), UNSAFE_DB);
  writeFileSync(join(clone, 'app/other.py'), 'X = 1\n');
  const theirs = check(clone, { LOOPWARDEN_TOKEN: developerToken }, '--actor', 'ai');
  assert.equal(theirs.status, 1, theirs.stderr);
  assert.equal(theirs.json.iteration.seq, 2);
  assert.deepEqual(theirs.json.chain, { aiIterationsSinceReview: 2, limit: 3 });
  assert.deepEqual(theirs.json.diff.introduced, []);
  assert.match(theirs.json.verdict.reasons[0].message, /^still open since iteration #1: critical CWE-89 python-sqli-built-query at app\/db.py:2/);

  // And the first clone catches up before its next check: the chain continues at 3.
  writeFileSync(join(root, 'app/db.py'), SAFE_DB);
  const mine = check(root, agent);
  assert.equal(mine.json.iteration.seq, 3);
  assert.deepEqual(mine.json.chain, { aiIterationsSinceReview: 3, limit: 3 });
});

test('the gate fails closed when the server cannot vouch for the chain', async () => {
  const { server, agentToken } = await teamServer();
  const root = pointedRepository(server.url);
  const agent = { CLAUDECODE: '1', LOOPWARDEN_TOKEN: agentToken };
  assert.equal(check(root, agent).status, 0);

  // A config naming no server, given on the command line: it may not append to the copy of the server's
  // chain (which would then refuse the server, and every later check would fail).
  const elsewhere = makeProject({ 'local.yml': 'policy: {}\n' });
  const detour = check(root, agent, '--config', join(elsewhere, 'local.yml'));
  assert.equal(detour.status, 2);
  assert.match(detour.stderr, /\.loopwarden\/ledger\.db is a copy of the team server's chain \(http:\/\/127\.0\.0\.1:\d+, acme\/api\); the config in use names no server: nothing recorded/);
  const still = check(root, agent);
  assert.equal(still.status, 0, still.stderr);
  assert.equal(still.json.iteration.seq, 1);

  // No token in the environment: nothing is recorded, and the message says which variable.
  const noToken = check(root, { CLAUDECODE: '1' });
  assert.equal(noToken.status, 2);
  assert.match(noToken.stderr, /\.loopwarden\.yml: ledger: the team server at http:\/\/127\.0\.0\.1:\d+ needs an API token in the environment variable LOOPWARDEN_TOKEN, which is not set; nothing recorded/);
  // A revoked or made-up token.
  const wrongToken = check(root, { CLAUDECODE: '1', LOOPWARDEN_TOKEN: 'lwt_1_' + 'a'.repeat(43) });
  assert.equal(wrongToken.status, 2);
  assert.match(wrongToken.stderr, /the team server refused \(401\)/);

  // The server does not answer: nothing is decided on a chain nobody vouches for.
  const closedPort = await freePort();
  const unreachable = pointedRepository(`http://127.0.0.1:${closedPort}`);
  const down = check(unreachable, agent);
  assert.equal(down.status, 2);
  assert.match(down.stderr, /http:\/\/127\.0\.0\.1:\d+: the team server cannot be reached \(ECONNREFUSED\); nothing recorded/);
  assert.equal(down.stdout, '');
});

test('a repository with a local history moves to the server: its records are pushed first, and the copy refuses a server that lacks them', async () => {
  const { server, developerToken } = await teamServer();
  const root = gitRepo({ 'app/db.py': SAFE_DB });
  const developer = { LOOPWARDEN_TOKEN: developerToken };
  assert.equal(check(root, {}, '--actor', 'human').status, 0);
  writeFileSync(join(root, 'app/db.py'), UNSAFE_DB);
  assert.equal(check(root, {}, '--actor', 'ai').status, 1);

  writeFileSync(join(root, '.loopwarden.yml'), `ledger:\n  url: ${server.url}\n  repository: acme/api\n`);
  const before = check(root, developer, '--actor', 'human');
  assert.equal(before.status, 2);
  assert.match(before.stderr, /the team server's ledger of acme\/api \(http:\/\/127\.0\.0\.1:\d+\) holds 0 records, but the copy here holds 2: records were lost there \(restored from an old backup\?\) or never reached it \(run loopwarden ledger push\); nothing recorded/);

  const push = runCli(['ledger', 'push', '--server', server.url, '--repo', 'acme/api'], root, { env: developer });
  assert.equal(push.status, 0, push.stderr);
  // The config now names the server, a change of the guards: a person's iteration, recorded on the server.
  const moved = check(root, developer, '--actor', 'human');
  assert.equal(moved.status, 1, moved.stderr);
  assert.equal(moved.json.iteration.seq, 3);
  assert.match(moved.json.verdict.reasons.map((r: { message: string }) => r.message).join('\n'), /still open since iteration #2/);
  const onServer = await request({ url: server.url } as never, 'GET', '/api/v1/repos/acme%2Fapi/records?after=2', undefined, { authorization: `Bearer ${developerToken}` });
  assert.deepEqual([onServer.json.records.map((r: { seq: number }) => r.seq), onServer.json.head.seq], [[3], 3]);
});
