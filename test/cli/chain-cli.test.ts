import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, renameSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { gitRepo, makeProject, runCli, runCliInTerminal } from '../helpers.js';

const SAFE_DB = 'def find(cursor, name):\n    return cursor.execute("SELECT * FROM t WHERE n = ?", (name,))\n';
const UNSAFE_DB = 'def find(cursor, name):\n    return cursor.execute("SELECT * FROM t WHERE n = \'" + name + "\'")\n';

function check(root: string, ...args: string[]) {
  const result = runCli(['check', '--format', 'json', ...args], root);
  return { ...result, json: result.stdout ? JSON.parse(result.stdout) : undefined };
}

test('a whole chain: baseline, AI iterations, the fourth needs review, approval resets, moved code persists', () => {
  const root = gitRepo({ 'app/db.py': SAFE_DB, 'app/util.py': 'def helper(x):\n    return x\n' });
  assert.equal(runCli(['init'], root).status, 0);

  const first = check(root, '--actor', 'human');
  assert.equal(first.status, 0, first.stderr);
  assert.equal(first.json.verdict.level, 'pass');
  assert.deepEqual(first.json.iteration.baseline.kind, 'commit');

  writeFileSync(join(root, 'app/db.py'), UNSAFE_DB);
  const second = check(root, '--actor', 'ai', '--tool', 'claude-code', '--model', 'claude-sonnet-4', '--strategy', 'feature');
  assert.equal(second.status, 1);
  assert.equal(second.json.verdict.level, 'block');
  assert.deepEqual(second.json.diff.introduced.map((f: { ruleId: string }) => f.ruleId), ['python-sqli-built-query']);
  assert.deepEqual(second.json.chain, { aiIterationsSinceReview: 1, limit: 3 });
  assert.equal(second.json.iteration.provenance.model, 'claude-sonnet-4');

  writeFileSync(join(root, 'app/db.py'), SAFE_DB);
  const third = check(root, '--actor', 'ai', '--strategy', 'security');
  assert.equal(third.json.verdict.level, 'pass');
  assert.deepEqual(third.json.diff.fixed.map((f: { ruleId: string }) => f.ruleId), ['python-sqli-built-query']);

  // Code moves to another file: its finding persists, nothing is introduced; it was introduced by an AI
  // iteration since the accepted baseline, so it is still open and still blocks.
  writeFileSync(join(root, 'app/db.py'), UNSAFE_DB);
  const reintroduced = check(root, '--actor', 'ai', '--strategy', 'efficiency');
  assert.equal(reintroduced.json.verdict.level, 'block');
  execFileSync('git', ['mv', 'app/db.py', 'app/queries.py'], { cwd: root });
  const fourth = check(root, '--actor', 'ai', '--strategy', 'ambiguous');
  assert.equal(fourth.status, 1);
  assert.deepEqual(fourth.json.diff.introduced, []);
  assert.equal(fourth.json.diff.persisting.length, 1);
  assert.equal(fourth.json.verdict.level, 'block');
  assert.deepEqual(fourth.json.chain, { aiIterationsSinceReview: 4, limit: 3 });
  assert.deepEqual(fourth.json.verdict.reasons.map((r: { code: string }) => r.code), ['finding-open', 'chain-limit']);
  assert.match(fourth.json.verdict.reasons[0].message, /^still open since iteration #4: critical CWE-89 python-sqli-built-query at app\/queries.py:2/);

  const status = JSON.parse(runCli(['status', '--format', 'json'], root).stdout);
  assert.equal(status.chain.aiIterationsSinceReview, 4);
  assert.equal(status.unreviewed.length, 5);

  assert.equal(runCliInTerminal(['review', '--reject', '--yes', '--reviewer', 'Ana', '--note', 'still unsafe'], root).status, 0);
  assert.equal(JSON.parse(runCli(['status', '--format', 'json'], root).stdout).chain.aiIterationsSinceReview, 4);
  const approved = runCliInTerminal(['review', '--approve', '--yes', '--reviewer', 'Ana', '--note', 'accepted with a ticket'], root);
  assert.match(approved.output, /approve by Ana/);
  const after = JSON.parse(runCli(['status', '--format', 'json'], root).stdout);
  assert.equal(after.chain.aiIterationsSinceReview, 0);
  assert.equal(after.lastReview.decision, 'approve');

  // The approved state is the new baseline: the accepted finding no longer gates.
  writeFileSync(join(root, 'app/util.py'), 'def helper(x):\n    return x + 1\n');
  const fifth = check(root, '--actor', 'ai');
  assert.deepEqual(fifth.json.chain, { aiIterationsSinceReview: 1, limit: 3 });
  assert.equal(fifth.json.verdict.level, 'pass');
  assert.deepEqual(fifth.json.open, []);

  assert.equal(runCli(['ledger', 'verify'], root).status, 0);
  const csv = runCli(['ledger', 'export', '--format', 'csv'], root).stdout.trim().split('\n');
  assert.equal(csv.length, 1 + 8);
  assert.match(csv[0]!, /^seq,kind,recorded_at,actor,tool,model,strategy/);
  const exported = JSON.parse(runCli(['ledger', 'export', '--format', 'json'], root).stdout);
  assert.equal(exported.schemaVersion, '1.4.0');
  assert.deepEqual(exported.records.map((r: { kind: string }) => r.kind), ['iteration', 'iteration', 'iteration', 'iteration', 'iteration', 'review', 'review', 'iteration']);
});

test('environment variables and commit trailers give provenance', () => {
  const root = gitRepo({ 'a.py': 'x = 1\n' });
  writeFileSync(join(root, 'a.py'), 'x = 2\n');
  execFileSync('git', ['commit', '-qam', 'tweak\n\nCo-authored-by: Claude <noreply@anthropic.com>'], { cwd: root });
  const fromTrailer = check(root, '--rev', 'HEAD');
  assert.deepEqual(fromTrailer.json.iteration.provenance, { actor: 'ai', tool: 'claude-code' });
  writeFileSync(join(root, 'a.py'), 'x = 3\n');
  const byDefault = runCli(['check', '--format', 'json'], root);
  assert.equal(JSON.parse(byDefault.stdout).iteration.provenance.actor, 'human');
  writeFileSync(join(root, 'a.py'), 'x = 4\n');
  const fromEnv = runCli(['check', '--format', 'json'], root, { env: { LOOPWARDEN_ACTOR: 'ai', LOOPWARDEN_MODEL: 'gpt-5' } });
  assert.deepEqual(JSON.parse(fromEnv.stdout).iteration.provenance, { actor: 'ai', model: 'gpt-5' });
});

test('a corrupted ledger is detected and named', () => {
  const root = gitRepo({ 'a.py': 'x = 1\n' });
  check(root, '--actor', 'ai');
  writeFileSync(join(root, 'a.py'), 'x = 2\n');
  check(root, '--actor', 'ai');
  const db = new Database(join(root, '.loopwarden', 'ledger.db'));
  db.exec('DROP TRIGGER ledger_records_no_update');
  db.prepare(`UPDATE ledger_records SET payload = replace(payload, '"actor":"ai"', '"actor":"human"') WHERE seq = 2`).run();
  db.close();
  const verify = runCli(['ledger', 'verify'], root);
  assert.equal(verify.status, 1);
  assert.match(verify.stdout, /record 2 \(iteration, .*\): content does not match its hash \(edited\)/);
});

test('a bad policy file is one line with file, line and field; exit 2; nothing recorded', () => {
  const root = gitRepo({ 'a.py': 'x = 1\n' });
  writeFileSync(join(root, '.loopwarden.yml'), 'policy:\n  chain:\n    maxConsecutiveAiIterations: three\n');
  const result = runCli(['check', '--actor', 'ai'], root);
  assert.equal(result.status, 2);
  assert.equal(result.stderr.trim().split('\n').length, 1);
  assert.match(result.stderr, /\.loopwarden\.yml:3: field 'policy\.chain\.maxConsecutiveAiIterations': /);
  assert.equal(existsSync(join(root, '.loopwarden', 'ledger.db')), false);
});

test('outside a git repository, check explains instead of crashing', () => {
  const root = makeProject({ 'a.py': 'x = 1\n' });
  const result = runCli(['check'], root);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /not inside a git work tree/);
});

test('diff of two git revisions and of WORKTREE: only changed files; SARIF baselineState; markdown', () => {
  const root = gitRepo({ 'app/db.py': SAFE_DB, 'app/other.py': 'import hashlib\nhashlib.md5(b"")\n' });
  writeFileSync(join(root, 'app/db.py'), UNSAFE_DB);
  execFileSync('git', ['commit', '-qam', 'unsafe'], { cwd: root });
  const json = JSON.parse(runCli(['diff', 'HEAD~1', 'HEAD', '--format', 'json'], root).stdout);
  assert.deepEqual(json.diff.files.modified, ['app/db.py']);
  assert.deepEqual(json.diff.introduced.map((f: { ruleId: string }) => f.ruleId), ['python-sqli-built-query']);
  assert.equal(runCli(['diff', 'HEAD~1', 'HEAD'], root).status, 1);
  renameSync(join(root, 'app/db.py'), join(root, 'app/moved.py'));
  const moved = JSON.parse(runCli(['diff', 'HEAD', 'WORKTREE', '--format', 'json'], root).stdout);
  assert.deepEqual(moved.diff.introduced, []);
  assert.equal(moved.diff.persisting.length, 1);
  const sarif = JSON.parse(runCli(['diff', 'HEAD~1', 'HEAD', '--format', 'sarif'], root).stdout);
  assert.deepEqual(sarif.runs[0].results.map((r: { baselineState: string }) => r.baselineState), ['new']);
  const markdown = runCli(['diff', 'HEAD~1', 'HEAD', '--format', 'markdown'], root).stdout;
  assert.match(markdown, /^## loopwarden/);
  assert.match(markdown, /\| critical \| `python-sqli-built-query` \| CWE-89 \| `app\/db.py:2` \|/);
  assert.match(runCli(['diff', 'nope', 'HEAD'], root).stderr, /nope: no such file, directory or git revision/);
});

test('diff of two directories and two files', () => {
  const root = makeProject({ 'v1/a.py': SAFE_DB, 'v2/a.py': UNSAFE_DB, 'v2/b.py': 'x = 1\n' });
  const dirs = JSON.parse(runCli(['diff', 'v1', 'v2', '--format', 'json'], root).stdout);
  assert.deepEqual(dirs.diff.files, { added: ['b.py'], removed: [], modified: ['a.py'] });
  const files = JSON.parse(runCli(['diff', 'v1/a.py', 'v2/a.py', '--format', 'json'], root).stdout);
  assert.equal(files.diff.introduced.length, 1);
  assert.equal(readFileSync(join(root, 'v1/a.py'), 'utf8'), SAFE_DB);
});

test('an edited config file is read again, not served from the cache', () => {
  const root = gitRepo({ 'a.py': 'x = 1\n' });
  runCli(['init'], root);
  assert.equal(check(root, '--actor', 'ai').json.chain.limit, 3);
  writeFileSync(join(root, '.loopwarden.yml'), 'policy:\n  chain:\n    maxConsecutiveAiIterations: 1\n');
  assert.equal(check(root, '--actor', 'ai').json.chain.limit, 1);
  writeFileSync(join(root, '.loopwarden.yml'), 'policy:\n  chain:\n    maxConsecutiveAiIterations: nope\n');
  assert.equal(runCli(['check', '--actor', 'ai'], root).status, 2);
});
