import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { CLI, cleanEnv, makeProject, runCli } from '../helpers.js';
import { startPostgres } from '../postgres.js';
import { iterationPayload, localChain, login, storeTestSnapshots, tokenClient } from './server-helpers.js';
import type { RunningServer } from '../../src/server/run-server.js';

const postgres = await startPostgres();
after(() => postgres.stop());

const PASSWORD = 'correct horse battery';

test('the README path: create a reviewer and an agent token, start the server, record, refuse, approve, stop', async () => {
  const database = await postgres.database();
  const cwd = makeProject({});
  const created = runCli(['server', 'admin', 'create-user', 'rita', '--role', 'reviewer', '--repo', 'acme/api', '--database', database], cwd, { input: `${PASSWORD}\n` });
  assert.deepEqual([created.status, created.stdout, created.stderr], [0, 'created reviewer rita for acme/api\n', '']);
  const again = runCli(['server', 'admin', 'create-user', 'rita', '--role', 'reviewer', '--database', database], cwd, { input: `${PASSWORD}\n` });
  assert.deepEqual([again.status, again.stderr], [2, 'loopwarden: an account named rita exists already\n']);
  const short = runCli(['server', 'admin', 'create-user', 'sam', '--role', 'developer', '--database', database], cwd, { input: 'short\n' });
  assert.deepEqual([short.status, short.stderr], [2, 'loopwarden: a password needs at least 12 characters\n']);
  const token = runCli(['server', 'admin', 'create-token', '--role', 'agent', '--repo', 'acme/api', '--name', 'claude', '--database', database], cwd);
  assert.equal(token.status, 0, token.stderr);
  assert.match(token.stdout, /^lwt_\d+_[A-Za-z0-9_-]{43}\n$/);
  assert.match(token.stderr, /^created agent token \d+ for acme\/api; it is shown once:\n$/);
  const team = runCli(['server', 'admin', 'team-add', 'Payments', 'acme/api', '--database', database], cwd);
  assert.deepEqual([team.status, team.stdout, team.stderr], [0, 'team Payments: added acme/api\n', '']);
  assert.equal(runCli(['server', 'admin', 'team-add', 'Payments', 'acme/api', '--database', database], cwd).status, 0, 'safe to run twice');
  const unknown = runCli(['server', 'admin', 'team-add', 'Payments', 'acme/nope', '--database', database], cwd);
  assert.deepEqual([unknown.status, unknown.stderr], [2, 'loopwarden: no repository named acme/nope on the server\n']);
  assert.deepEqual(runCli(['server', 'admin', 'teams', '--database', database], cwd).stdout, 'Payments: acme/api\n');
  const noDatabase = runCli(['server', 'admin', 'create-token', '--role', 'agent', '--repo', 'x'], cwd, { env: { LOOPWARDEN_DATABASE_URL: undefined } });
  assert.deepEqual([noDatabase.status, noDatabase.stderr], [2, 'loopwarden: name the database: --database postgres://USER@HOST:PORT/DB, or LOOPWARDEN_DATABASE_URL\n']);

  const child = spawn(process.execPath, [CLI, 'server', '--port', '0'], { cwd, env: cleanEnv({ LOOPWARDEN_DATABASE_URL: database }), stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  child.stdout.on('data', (chunk) => (stdout += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the server did not start: ${stderr}`)), 30_000);
      child.stderr.on('data', () => {
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
    });
    const server = { url } as RunningServer;
    await storeTestSnapshots(server, token.stdout.trim(), 'acme/api');
    const agent = tokenClient(server, token.stdout.trim());
    const records = await localChain([{ kind: 'iteration', payload: iterationPayload('ai') }]);
    assert.equal((await agent.call('POST', '/api/v1/repos/acme%2Fapi/records', { records })).status, 200);
    assert.equal((await agent.call('POST', '/api/v1/repos/acme%2Fapi/reviews', { decision: 'approve', note: '', head: records[0]!.hash })).status, 403);
    const rita = await login(server, 'rita', PASSWORD);
    assert.equal((await rita.call('POST', '/api/v1/repos/acme%2Fapi/reviews', { decision: 'approve', note: 'fine', head: records[0]!.hash })).status, 201);
    assert.deepEqual((await agent.call('GET', '/api/v1/repos/acme%2Fapi/status')).json.chain, { aiIterationsSinceReview: 0, limit: 3 });
  } finally {
    child.kill('SIGTERM');
  }
  assert.equal(await exited, 0, stderr);
  // Structured logs on standard output: one JSON object per line.
  const logs = stdout.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { msg: string });
  assert.deepEqual(logs.map((entry) => entry.msg), ['listening', 'records appended', 'review recorded', 'stopped']);
});
