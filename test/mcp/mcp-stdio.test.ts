import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { CLI, cleanEnv, gitRepo, runCli } from '../helpers.js';
import { callTool, testClient } from './mcp-client.js';

const SAFE_DB = 'def find(cursor, name):\n    return cursor.execute("SELECT * FROM t WHERE n = ?", (name,))\n';
const UNSAFE_DB = 'def find(cursor, name):\n    return cursor.execute("SELECT * FROM t WHERE n = \'" + name + "\'")\n';

async function connect(root: string, env: Record<string, string | undefined> = {}) {
  const client = testClient();
  const transport = new StdioClientTransport({ command: process.execPath, args: [CLI, 'mcp'], cwd: root, env: cleanEnv(env) as Record<string, string>, stderr: 'pipe' });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await client.connect(transport);
  return { client, stderr: () => stderr };
}

test('an agent drives a whole chain over stdio: block, fix, the chain limit, and only a person approves', async () => {
  const root = gitRepo({ 'app/db.py': SAFE_DB, 'app/util.py': 'def helper(x):\n    return x\n' });
  assert.equal(runCli(['init'], root).status, 0);
  const { client, stderr } = await connect(root);
  try {
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name).sort(), ['check_iteration', 'diff', 'explain_rule', 'scan', 'status']);
    for (const tool of tools) {
      assert.equal(tool.inputSchema.type, 'object', tool.name);
      assert.equal(tool.outputSchema?.type, 'object', tool.name);
      assert.ok(tool.description && tool.description.length > 40, tool.name);
    }
    const check = tools.find((t) => t.name === 'check_iteration')!;
    assert.deepEqual(Object.keys(check.inputSchema.properties ?? {}).sort(), ['author', 'model', 'session', 'strategy', 'tool']);
    assert.ok(check.outputSchema?.properties?.verdict && check.outputSchema.properties.open && check.outputSchema.properties.chain);
    assert.ok(!tools.some((t) => /review|approve/.test(t.name)), 'no tool approves or records a review');

    writeFileSync(join(root, 'app/db.py'), UNSAFE_DB);
    const provenance = { tool: 'claude-code', model: 'claude-sonnet-4', strategy: 'feature', session: 'conversation-42' };
    const blocked = await callTool(client, 'check_iteration', provenance);
    assert.equal(blocked.isError, false, blocked.text);
    assert.equal(blocked.json.verdict.level, 'block');
    assert.deepEqual(blocked.json.iteration.provenance, { actor: 'ai', ...provenance });
    const finding = blocked.json.open.find((f: { cwe: string[] }) => f.cwe.includes('CWE-89'));
    assert.ok(finding, 'an open finding with CWE-89');
    assert.equal(finding.ruleId, 'python-sqli-built-query');
    assert.equal(finding.path, 'app/db.py');
    assert.equal(finding.startLine, 2);
    assert.match(finding.fix, /\S/);
    assert.deepEqual(blocked.json.chain, { aiIterationsSinceReview: 1, limit: 3 });
    assert.ok(blocked.json.next.some((step: { action: string }) => step.action === 'fix'));

    const diff = await callTool(client, 'diff', { before: 'HEAD' });
    assert.deepEqual(diff.json.diff.introduced.map((f: { ruleId: string }) => f.ruleId), ['python-sqli-built-query']);
    assert.deepEqual(diff.json.diff.files.modified, ['app/db.py']);
    assert.match((await callTool(client, 'diff', { before: 'no-such-branch' })).text, /no-such-branch: no such file, directory or git revision/);
    assert.equal((await callTool(client, 'diff', { before: '--output=/tmp/x' })).isError, true);

    const scanned = await callTool(client, 'scan', { paths: ['app'] });
    assert.deepEqual(scanned.json.findings.map((f: { ruleId: string; path: string }) => `${f.ruleId} ${f.path}`), ['python-sqli-built-query app/db.py']);

    writeFileSync(join(root, 'app/db.py'), SAFE_DB);
    const fixed = await callTool(client, 'check_iteration', { strategy: 'security' });
    assert.equal(fixed.json.verdict.level, 'pass');
    assert.deepEqual(fixed.json.diff.fixed.map((f: { ruleId: string }) => f.ruleId), ['python-sqli-built-query']);
    assert.deepEqual(fixed.json.open, []);

    writeFileSync(join(root, 'app/util.py'), 'def helper(x):\n    return x + 1\n');
    const third = await callTool(client, 'check_iteration', {});
    assert.deepEqual(third.json.chain, { aiIterationsSinceReview: 3, limit: 3 });
    writeFileSync(join(root, 'app/util.py'), 'def helper(x):\n    return x + 2\n');
    const fourth = await callTool(client, 'check_iteration', {});
    assert.equal(fourth.json.verdict.level, 'review-required');
    assert.deepEqual(fourth.json.verdict.reasons.map((r: { code: string }) => r.code), ['chain-limit']);
    assert.ok(fourth.json.next.some((step: { action: string; text: string }) => step.action === 'review' && /loopwarden review/.test(step.text)));

    // An agent cannot claim to be a person: the argument is refused, and nothing is recorded.
    const claimed = await callTool(client, 'check_iteration', { actor: 'human' });
    assert.equal(claimed.isError, true);
    assert.match(claimed.text, /actor/);

    const status = await callTool(client, 'status');
    assert.deepEqual(status.json.chain, { aiIterationsSinceReview: 4, limit: 3 });
    assert.equal(status.json.iterations, 4);
    assert.equal(status.json.verdict.level, 'review-required');
    assert.equal(status.json.lastReview, null);
    assert.match(status.json.approval, /a person must run `loopwarden review --approve`.*no agent and no MCP tool can approve/);
    assert.ok(status.json.unreviewed.every((r: { provenance: { actor: string } }) => r.provenance.actor === 'ai'));

    const rule = await callTool(client, 'explain_rule', { id: 'python-sqli-built-query' });
    assert.deepEqual(rule.json.cwe, ['CWE-89']);
    assert.deepEqual(rule.json.languages, ['python']);
    assert.match(rule.json.fix, /parameter/i);
    assert.match(rule.json.example.text, /ruleid: python-sqli-built-query/);
    assert.ok(rule.json.example.lines.some((line: { outcome: string }) => line.outcome === 'reported'));
    const unknown = await callTool(client, 'explain_rule', { id: 'python-sqli-built-qurey' });
    assert.equal(unknown.isError, true);
    assert.match(unknown.text, /python-sqli-built-qurey: no such rule — did you mean 'python-sqli-built-query'\?/);
    assert.doesNotMatch(unknown.text, /\n\s+at /, 'no stack trace');
  } finally {
    await client.close();
  }
  assert.doesNotMatch(stderr(), /internal error|\n\s+at /);
  // The ledger the tools wrote is the one the CLI reads, intact.
  assert.equal(runCli(['ledger', 'verify'], root).status, 0);
  assert.equal(JSON.parse(runCli(['status', '--format', 'json'], root).stdout).unreviewed[0].provenance.session, 'conversation-42');
});

test('paths outside the project root are refused with a tool error; a link leading out is not followed', async () => {
  const outside = mkdtempSync(join(tmpdir(), 'loopwarden-outside-'));
  try {
    writeFileSync(join(outside, 'secret.py'), UNSAFE_DB);
    const root = gitRepo({ 'app/db.py': SAFE_DB });
    symlinkSync(join(outside, 'secret.py'), join(root, 'app/linked.py'));
    symlinkSync(outside, join(root, 'elsewhere'));
    const { client } = await connect(root);
    try {
      for (const path of ['..', '../', outside, join(outside, 'secret.py'), 'app/../../x', 'app/linked.py', 'elsewhere', 'elsewhere/secret.py']) {
        const refused = await callTool(client, 'scan', { paths: [path] });
        assert.equal(refused.isError, true, path);
        assert.match(refused.text, /outside the project root/, path);
      }
      assert.match((await callTool(client, 'scan', { paths: ['app/missing.py'] })).text, /app\/missing.py: no such file or directory/);
      const whole = await callTool(client, 'scan', { paths: ['.'] });
      assert.deepEqual(whole.json.findings, [], 'the linked file outside is not read');
      assert.ok(whole.json.skipped.some((s: { path: string; reason: string }) => s.path === 'app/linked.py' && s.reason === 'outside-root'));
      assert.equal((await callTool(client, 'scan', { paths: ['app/db.py'] })).json.summary.filesScanned, 1);
    } finally {
      await client.close();
    }
  } finally {
    rmSync(outside, { recursive: true, force: true });
  }
});

test('outside a git repository the server does not start: one line, exit 2', () => {
  const directory = mkdtempSync(join(tmpdir(), 'loopwarden-nogit-'));
  try {
    const result = runCli(['mcp'], directory, { timeoutMs: 20_000 });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /^loopwarden: .*not inside a git work tree/);
    assert.equal(result.stderr.trim().split('\n').length, 1);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});
