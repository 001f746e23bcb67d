import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, cleanEnv, gitRepo, runCli, startCli } from '../helpers.js';
import { freePort, startPostgres } from '../postgres.js';
import { openServerDatabase } from '../../src/server/run-server.js';
import { AccountStore } from '../../src/server/accounts.js';
import { login, startTestServer, tokenClient } from './server-helpers.js';

const postgres = await startPostgres();
after(() => postgres.stop());

const PASSWORD = 'correct horse battery';
const SAFE = 'def find(cursor, name):\n    return cursor.execute("SELECT * FROM t WHERE n = ?", (name,))\n';
const UNSAFE = 'def find(cursor, name):\n    return cursor.execute("SELECT * FROM t WHERE n = \'" + name + "\'")\n';

/** A repository whose local ledger holds a human iteration and an AI one. */
function repositoryWithLedger(): string {
  const root = gitRepo({ 'app/db.py': SAFE });
  assert.equal(runCli(['init'], root).status, 0);
  assert.equal(runCli(['check', '--actor', 'human'], root).status, 0);
  writeFileSync(join(root, 'app/db.py'), UNSAFE);
  assert.equal(runCli(['check', '--actor', 'ai'], root).status, 1);
  return root;
}

test('ledger push: appended once, held the second time, verified on the server; a rewritten ledger is refused; records the server holds beyond are reported', async () => {
  const database = await postgres.database();
  const ledgers = await openServerDatabase(database);
  const accounts = new AccountStore(ledgers.db);
  const repo = await ledgers.repository('acme/api');
  const developer = (await accounts.createToken('laptop', 'developer', repo.id)).token;
  const agent = (await accounts.createToken('claude', 'agent', repo.id)).token;
  await accounts.createUser('rita', 'reviewer', PASSWORD);
  await accounts.assignRepository('rita', repo.id);
  await ledgers.close();
  const server = await startTestServer(database);
  try {
    const root = repositoryWithLedger();
    const push = (token: string, cwd = root) => startCli(['ledger', 'push', '--server', server.url, '--repo', 'acme/api'], cwd, { LOOPWARDEN_TOKEN: token }).done;

    // An agent token may not upload a human iteration.
    const byAgent = await push(agent);
    assert.deepEqual([byAgent.status, byAgent.stderr], [2, 'loopwarden: the team server refused (403): record 1 claims a human iteration: an agent token records AI iterations only; nothing recorded\n']);

    const first = await push(developer);
    assert.deepEqual([first.status, first.stdout, first.stderr], [0, `pushed 2 records to the team server's ledger of acme/api (${server.url}): 2 appended, 0 already held (2 snapshots)\n`, '']);
    const second = await push(developer);
    assert.deepEqual([second.status, second.stdout], [0, `pushed 2 records to the team server's ledger of acme/api (${server.url}): 0 appended, 2 already held (2 snapshots)\n`]);
    const verified = await tokenClient(server, developer).call('GET', '/api/v1/repos/acme%2Fapi/verify');
    assert.deepEqual(verified.json, { ok: true, records: 2, problems: [] });

    // A reviewer approves on the server: the local ledger now lacks a record the server holds.
    const rita = await login(server, 'rita', PASSWORD);
    const records = (await rita.call('GET', '/api/v1/repos/acme%2Fapi/records')).json.records as { hash: string }[];
    assert.equal((await rita.call('POST', '/api/v1/repos/acme%2Fapi/reviews', { decision: 'approve', note: 'ok', head: records[1]!.hash })).status, 201);
    const behind = await push(developer);
    assert.equal(behind.status, 1);
    assert.match(behind.stdout, /the server holds 1 record after the last one here: reviews recorded on the server, or this ledger was truncated or rolled back\n$/);

    // The local history started over, its witnesses removed too (ledger and git ref deleted, checks recorded
    // again): it verifies locally, and the server refuses it.
    rmSync(join(root, '.loopwarden'), { recursive: true, force: true });
    execFileSync('git', ['update-ref', '-d', 'refs/worktree/loopwarden/head'], { cwd: root });
    runCli(['init'], root);
    runCli(['check', '--actor', 'human'], root);
    const rewritten = await push(developer);
    assert.equal(rewritten.status, 2);
    assert.match(rewritten.stderr, /^loopwarden: the team server refused \(409\): record 1 sent for acme\/api differs from the one the server holds: the history was rewritten; nothing recorded\n$/);

    const closed = await freePort();
    const unreachable = await startCli(['ledger', 'push', '--server', `http://127.0.0.1:${closed}`, '--repo', 'acme/api'], root, { LOOPWARDEN_TOKEN: developer }).done;
    assert.deepEqual([unreachable.status, unreachable.stderr], [2, `loopwarden: http://127.0.0.1:${closed}: the team server cannot be reached (ECONNREFUSED); nothing recorded\n`]);
    const noToken = runCli(['ledger', 'push', '--server', server.url, '--repo', 'acme/api'], root, { env: { LOOPWARDEN_TOKEN: undefined } });
    assert.deepEqual([noToken.status, noToken.stderr], [2, 'loopwarden: LOOPWARDEN_TOKEN is not set: it holds the API token (loopwarden server admin create-token)\n']);
  } finally {
    await server.stop();
  }
});


/** Runs the CLI on a pseudo-terminal (util-linux `script`) without blocking this process, whose server must answer. */
function pushAtTerminal(args: string[], cwd: string, token: string): Promise<{ status: number; output: string }> {
  const quote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;
  const child = spawn('script', ['-qec', [process.execPath, CLI, ...args].map(quote).join(' '), '/dev/null'], { cwd, env: cleanEnv({ LOOPWARDEN_TOKEN: token, CI: undefined, TERM: 'xterm' }), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolve) => child.on('close', (code) => resolve({ status: code ?? -1, output })));
}

const NO_SCRIPT = spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0 ? false : 'util-linux `script` is not installed: no pseudo-terminal to draw the bar on';

test('ledger push at a terminal counts the snapshots and records sent; a refused push clears the bar before its error', { skip: NO_SCRIPT }, async () => {
  const database = await postgres.database();
  const ledgers = await openServerDatabase(database);
  const accounts = new AccountStore(ledgers.db);
  const repo = await ledgers.repository('acme/api');
  const developer = (await accounts.createToken('laptop', 'developer', repo.id)).token;
  await ledgers.close();
  const server = await startTestServer(database);
  try {
    const root = repositoryWithLedger();
    const args = ['ledger', 'push', '--server', server.url, '--repo', 'acme/api'];
    // Two snapshots, then the two records in one request.
    const pushed = await pushAtTerminal(args, root, developer);
    assert.equal(pushed.status, 0, pushed.output);
    assert.match(pushed.output, /loopwarden ledger push \[-+\] 0\/4 snapshots and records · 0% · ETA \?/);
    assert.match(pushed.output, /loopwarden ledger push \[=+\] 4\/4 snapshots and records · 100% · ETA/);
    assert.match(pushed.output, /\x1b\[2Kpushed 2 records to the team server's ledger of acme\/api/);
    const quiet = await pushAtTerminal([...args, '--quiet'], root, developer);
    assert.equal(quiet.status, 0, quiet.output);
    assert.doesNotMatch(quiet.output, /loopwarden ledger push|\x1b/);

    // Another history (the server holds this one's first record): refused once the snapshots are sent. The bar had
    // started, and is gone when the error is printed.
    const refused = await pushAtTerminal(args, repositoryWithLedger(), developer);
    assert.equal(refused.status, 2, refused.output);
    assert.match(refused.output, /loopwarden ledger push \[=+-+\] 2\/4 snapshots and records/);
    assert.match(refused.output, /\x1b\[2Kloopwarden: the team server refused \(409\): record 1 sent for acme\/api differs from the one the server holds/);
  } finally {
    await server.stop();
  }
});
