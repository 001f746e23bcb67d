import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CLI, cleanEnv, gitRepo, runCli } from '../helpers.js';
import { callTool, testClient } from './mcp-client.js';

const UNSAFE_DB = 'def find(cursor, name):\n    return cursor.execute("SELECT * FROM t WHERE n = \'" + name + "\'")\n';

/** Sends a POST to the server naming `host`, as a page on another site would after DNS rebinding. */
function postWithHost(url: URL, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
    const sent = request(url, { method: 'POST', headers: { host, 'content-type': 'application/json', accept: 'application/json, text/event-stream' } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    sent.on('error', reject);
    sent.end(body);
  });
}

test('--http 0 serves streamable HTTP on 127.0.0.1, prints the URL, and refuses other hosts', async () => {
  const root = gitRepo({ 'app/db.py': 'def find(cursor, name):\n    return cursor.execute("SELECT 1")\n' });
  const server = spawn(process.execPath, [CLI, 'mcp', '--http', '0'], { cwd: root, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    let stderr = '';
    server.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const started = Date.now();
    while (!/http:\/\/\S+/.test(stderr)) {
      assert.ok(Date.now() - started < 20_000 && server.exitCode === null, `the server printed no URL: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const url = new URL(/http:\/\/\S+/.exec(stderr)![0]);
    assert.equal(url.hostname, '127.0.0.1');
    assert.notEqual(url.port, '0');
    assert.equal(url.pathname, '/mcp');

    const client = testClient();
    await client.connect(new StreamableHTTPClientTransport(url));
    try {
      assert.deepEqual((await client.listTools()).tools.map((t) => t.name).sort(), ['check_iteration', 'diff', 'explain_rule', 'scan', 'status']);
      writeFileSync(join(root, 'app/db.py'), UNSAFE_DB);
      const blocked = await callTool(client, 'check_iteration', { tool: 'cursor', session: 'http-1' });
      assert.equal(blocked.json.verdict.level, 'block');
      assert.ok(blocked.json.open.some((f: { cwe: string[] }) => f.cwe.includes('CWE-89')));
      // A second request reaches the same project session: the chain goes on.
      writeFileSync(join(root, 'app/db.py'), 'def find(cursor, name):\n    return cursor.execute("SELECT 2")\n');
      const fixed = await callTool(client, 'check_iteration', { tool: 'cursor', session: 'http-1' });
      assert.equal(fixed.json.verdict.level, 'pass');
      assert.deepEqual(fixed.json.chain, { aiIterationsSinceReview: 2, limit: 3 });
      assert.equal((await callTool(client, 'status')).json.iterations, 2);
      assert.equal((await callTool(client, 'scan', { paths: ['/etc'] })).isError, true);
    } finally {
      await client.close();
    }
    assert.equal(await postWithHost(url, `evil.example:${url.port}`), 403);
    assert.equal(await postWithHost(url, `127.0.0.1:${url.port}`), 200);
  } finally {
    server.kill('SIGTERM');
    if (server.exitCode === null) await once(server, 'exit');
  }
  assert.equal(server.exitCode, 0);
});

test('--http takes a port only: another host or a bad port is refused in one line', () => {
  const root = gitRepo({});
  for (const value of ['0.0.0.0:8080', 'example.com', '65536', '-1']) {
    const result = runCli(['mcp', '--http', value], root, { timeoutMs: 20_000 });
    assert.equal(result.status, 2, value);
    assert.match(result.stderr, /127\.0\.0\.1 only|argument missing|unknown option/, value);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
  }
});
