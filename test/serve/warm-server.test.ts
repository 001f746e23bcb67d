import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { test } from 'node:test';
import { CLI, cleanEnv, gitRepo, runCli } from '../helpers.js';
import { socketPathFor } from '../../src/serve/socket-path.js';

const INJECTABLE = 'def find(db, name):\n    return db.execute("SELECT * FROM users WHERE name = \'%s\'" % name)\n';

function payload(root: string, event: Record<string, unknown>): string {
  return JSON.stringify({ session_id: 's', cwd: root, transcript_path: '', ...event });
}

/** Runs `loopwarden hook claude-code` as an agent would: through the warm server, started on demand. */
function hookAsync(root: string, input: string): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'hook', 'claude-code'], { cwd: root, env: cleanEnv({ CLAUDECODE: '1' }) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (status) => resolve({ status: status ?? -1, stdout, stderr }));
    child.stdin.end(input);
  });
}

const hook = (root: string, input: string) => runCli(['hook', 'claude-code'], root, { input, env: { CLAUDECODE: '1' }, timeoutMs: 60_000 });

function serverPid(root: string): number {
  return (JSON.parse(readFileSync(join(root, '.loopwarden', 'serve.json'), 'utf8')) as { pid: number }).pid;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(condition: () => boolean, ms = 15_000): Promise<boolean> {
  const until = Date.now() + ms;
  while (!condition() && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  return condition();
}

test('the first hook call starts the warm server (socket 0600); its answers equal in-process ones; serve --status and --stop', async () => {
  const root = gitRepo({ 'app/db.py': 'x = 1\n' });
  writeFileSync(join(root, 'app/db.py'), INJECTABLE);
  const edit = payload(root, { hook_event_name: 'PostToolUse', tool_name: 'Write', tool_input: { file_path: join(root, 'app/db.py'), content: INJECTABLE } });
  const served = hook(root, edit);
  assert.equal(served.status, 0, served.stderr);
  assert.equal(served.stderr, '');
  const socket = socketPathFor(root);
  assert.ok(statSync(socket).isSocket());
  assert.equal(statSync(socket).mode & 0o777, 0o600);
  const inProcess = runCli(['hook', 'claude-code', '--no-server'], root, { input: edit, env: { CLAUDECODE: '1' } });
  assert.equal(served.stdout, inProcess.stdout);
  assert.match(served.stdout, /CWE-89/);
  assert.match(runCli(['serve', '--status'], root).stdout, /^warm server running for /);
  const pid = serverPid(root);
  assert.match(runCli(['serve', '--stop'], root).stdout, /^stopped the warm server/);
  assert.equal(existsSync(socket), false);
  assert.match(runCli(['serve', '--status'], root).stdout, /^no warm server running/);
  assert.ok(await waitFor(() => !alive(pid)), 'the server process did not exit');
});

test('a warm server killed mid-request loses nothing: the next call starts another and the ledger verifies', async () => {
  // Enough files that the turn's check is still running when the server is killed.
  const files: Record<string, string> = {};
  for (let i = 0; i < 150; i++) files[`src/m${i}.py`] = `def f${i}(a, b):\n    if a:\n        return b\n    return a + ${i}\n`;
  const root = gitRepo(files);
  assert.equal(hook(root, payload(root, { hook_event_name: 'SessionStart', source: 'startup' })).status, 0);
  const pid = serverPid(root);
  for (let i = 0; i < 150; i++) writeFileSync(join(root, `src/m${i}.py`), `def f${i}(a, b):\n    return a * ${i}\n`);
  writeFileSync(join(root, 'src/m0.py'), INJECTABLE);
  const pending = hookAsync(root, payload(root, { hook_event_name: 'Stop', stop_hook_active: false }));
  // The client starts (~0.1 s) and the check of 150 changed files takes longer than the rest of this wait.
  await new Promise((r) => setTimeout(r, 400));
  process.kill(pid, 'SIGKILL');
  const answer = await pending;
  assert.equal(answer.status, 0, answer.stderr);
  assert.match(answer.stdout, /CWE-89/);
  assert.ok(await waitFor(() => existsSync(join(root, '.loopwarden', 'serve.json')) && serverPid(root) !== pid));
  const verify = runCli(['ledger', 'verify'], root);
  assert.equal(verify.status, 0, verify.stdout + verify.stderr);
  const exported = JSON.parse(runCli(['ledger', 'export', '--format', 'json'], root).stdout) as { records: unknown[] };
  assert.equal(exported.records.length, 1);
  // The socket file the killed server left does not stop the next start either.
  const second = serverPid(root);
  process.kill(second, 'SIGKILL');
  assert.ok(await waitFor(() => !alive(second)));
  const again = hook(root, payload(root, { hook_event_name: 'Stop', stop_hook_active: true }));
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stdout, /systemMessage/);
  runCli(['serve', '--stop'], root);
});

test('a server of another version steps down and the client starts its own; calls at once share one server', async () => {
  const root = gitRepo({ 'a.py': 'x = 1\n' });
  const start = payload(root, { hook_event_name: 'SessionStart', source: 'startup' });
  assert.equal(hook(root, start).status, 0);
  const first = serverPid(root);
  const socket = socketPathFor(root);
  const status = await new Promise<number>((resolve) => {
    const body = JSON.stringify({ version: '0.0.0-other', agent: 'claude-code', payload: start, env: {}, failClosed: false });
    const req = request({ socketPath: socket, path: '/hook', method: 'POST', headers: { 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.end(body);
  });
  assert.equal(status, 409);
  assert.ok(await waitFor(() => !alive(first)), 'the old server did not stop');
  const answers = await Promise.all([1, 2, 3].map(() => hookAsync(root, start)));
  for (const answer of answers) assert.deepEqual([answer.status, answer.stdout], [0, '{}\n'], answer.stderr);
  const second = serverPid(root);
  assert.notEqual(second, first);
  assert.match(runCli(['serve', '--status'], root).stdout, /running/);
  runCli(['serve', '--stop'], root);
});

test('the warm server stops by itself after its idle timeout; a repository too deep for a socket path gets a private one', async () => {
  const root = gitRepo({ 'a.py': 'x = 1\n' });
  const child = spawn(process.execPath, [CLI, 'serve', '--idle-timeout', '0.02'], { cwd: root, env: cleanEnv(), stdio: 'ignore' });
  const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
  assert.equal(await Promise.race([exited, new Promise<number>((r) => setTimeout(() => r(-99), 20_000))]), 0);
  assert.equal(existsSync(socketPathFor(root)), false);

  const deep = join(root, 'a'.repeat(60), 'b'.repeat(60));
  mkdirSync(deep, { recursive: true });
  const nested = gitRepo({ 'x.py': 'y = 1\n' });
  const moved = join(deep, 'repo');
  spawn('cp', ['-r', nested, moved]);
  assert.ok(await waitFor(() => existsSync(join(moved, '.git', 'HEAD')) && existsSync(join(moved, 'x.py'))));
  const socket = socketPathFor(moved);
  assert.ok(!socket.startsWith(moved), socket);
  const answer = hook(moved, payload(moved, { hook_event_name: 'SessionStart', source: 'startup' }));
  assert.equal(answer.status, 0, answer.stderr);
  assert.equal(answer.stderr, '');
  assert.equal(statSync(join(socket, '..')).mode & 0o777, 0o700);
  runCli(['serve', '--stop'], moved);
  assert.equal(existsSync(socket), false);
});

test('the shell client (loopwarden-hook) relays the warm server answer unchanged, and hands over to the Node client when it cannot', async () => {
  const script = join(CLI, '..', '..', '..', 'bin', 'loopwarden-hook');
  const root = gitRepo({ 'app/db.py': 'x = 1\n' });
  writeFileSync(join(root, 'app/db.py'), INJECTABLE);
  const edit = payload(root, { hook_event_name: 'PostToolUse', tool_name: 'Write', tool_input: { file_path: join(root, 'app/db.py'), content: INJECTABLE } });
  const run = (command: string, input: string, args: string[] = ['claude-code']) => {
    const result = spawnSync(command, args, { cwd: root, input, encoding: 'utf8', env: cleanEnv({ CLAUDECODE: '1' }) });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  // No server yet: the Node client starts one and answers.
  const first = run(script, edit);
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stdout, /CWE-89/);
  assert.ok(existsSync(socketPathFor(root)));
  const viaCurl = run(script, edit);
  const viaNode = runCli(['hook', 'claude-code'], root, { input: edit, env: { CLAUDECODE: '1' } });
  assert.equal(viaCurl.stdout, viaNode.stdout);
  assert.equal(viaCurl.stderr, '');
  const malformed = run(script, 'not json');
  assert.deepEqual([malformed.status, malformed.stdout], [0, '{}\n']);
  assert.match(malformed.stderr, /^loopwarden hook: claude-code hook payload is not JSON .*fail-open\)\n$/);
  const closed = run(script, 'not json', ['claude-code', '--fail-closed']);
  assert.deepEqual([closed.status, closed.stdout], [2, '']);
  // A client of another version: the server steps down, the Node client of that copy takes over.
  const other = join(root, '.other-hook');
  writeFileSync(other, readFileSync(script, 'utf8').replace(/^version='[^']*'/m, "version='0.0.0-other'").replace('${self%/*}/../src/cli/main.js', CLI), { mode: 0o755 });
  const pid = serverPid(root);
  const handedOver = run(other, edit);
  assert.equal(handedOver.status, 0, handedOver.stderr);
  assert.match(handedOver.stdout, /CWE-89/);
  assert.ok(await waitFor(() => !alive(pid)), 'the old server did not step down');
  runCli(['serve', '--stop'], root);
});
