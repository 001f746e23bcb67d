import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gitRepo, makeProject, runCli } from '../helpers.js';

const SQLI = 'def find(cursor, name):\n    cursor.execute("SELECT * FROM t WHERE n = \'" + name + "\'")\n';
const WEAK_HASH = 'import hashlib\n\ndef h(x):\n    return hashlib.md5(x)\n';
const ruleIds = (findings: { ruleId: string }[]) => findings.map((f) => f.ruleId).sort();

test('scan: the config chooses rules, flags add to its lists, an unknown selector is one line with exit 2', () => {
  const root = makeProject({ 'db.py': SQLI, 'hash.py': WEAK_HASH, '.loopwarden.yml': 'scan:\n  select: [CWE-328]\n' });
  const scan = (...args: string[]) => JSON.parse(runCli(['scan', '-f', 'json', ...args], root).stdout).findings;
  assert.deepEqual(ruleIds(scan()), ['python-weak-hash']);
  assert.deepEqual(ruleIds(scan('--select', 'python-sqli')), ['python-sqli-built-query', 'python-weak-hash']);
  assert.deepEqual(ruleIds(scan('--select', 'python-sqli,CWE-89', '--ignore', 'python-weak-hash')), ['python-sqli-built-query']);
  const unknown = runCli(['scan', '--ignore', 'python-weak-hsh'], root);
  assert.equal(unknown.status, 2);
  assert.equal(unknown.stderr, "loopwarden: --ignore: 'python-weak-hsh' matches no rule — did you mean 'python-weak-hash'?\n");
  writeFileSync(join(root, '.loopwarden.yml'), 'scan:\n  ignore: [pyhton-]\n');
  assert.match(runCli(['scan'], root).stderr, /^loopwarden: .*\.loopwarden\.yml: field 'scan\.ignore': 'pyhton-' matches no rule — did you mean 'python-'\?\n$/);
});

test('diff: --select and --ignore decide which rules compare the two sides', () => {
  const root = makeProject({ 'v1/a.py': 'x = 1\n', 'v2/a.py': SQLI + WEAK_HASH });
  const introduced = (...args: string[]) => ruleIds(JSON.parse(runCli(['diff', 'v1', 'v2', '--format', 'json', ...args], root).stdout).diff.introduced);
  assert.deepEqual(introduced(), ['python-sqli-built-query', 'python-weak-hash']);
  assert.deepEqual(introduced('--ignore', 'CWE-89'), ['python-weak-hash']);
  assert.deepEqual(introduced('--select', 'python-sqli-built-query'), ['python-sqli-built-query']);
  assert.equal(runCli(['diff', 'v1', 'v2', '--ignore', 'CWE-89'], root).status, 0);
});

test('check: the config and the flags choose the rules an iteration is judged by', () => {
  const changedRepo = () => {
    const root = gitRepo({ 'app/db.py': 'x = 1\n', '.loopwarden.yml': 'scan:\n  ignore: [python-weak-hash]\n' });
    writeFileSync(join(root, 'app/db.py'), SQLI + WEAK_HASH);
    return root;
  };
  const check = (root: string, ...args: string[]) => {
    const result = runCli(['check', '--actor', 'ai', '--format', 'json', ...args], root);
    return { status: result.status, stderr: result.stderr, json: result.stdout ? JSON.parse(result.stdout) : undefined };
  };
  const ignored = check(changedRepo(), '--ignore', 'python-sqli-');
  assert.equal(ignored.status, 0, ignored.stderr);
  assert.deepEqual(ignored.json.diff.introduced, []);
  assert.equal(ignored.json.verdict.level, 'pass');
  const selected = check(changedRepo(), '--select', 'CWE-89,CWE-328');
  assert.equal(selected.status, 1);
  assert.deepEqual(ruleIds(selected.json.diff.introduced), ['python-sqli-built-query']);
  assert.equal(selected.json.verdict.level, 'block');
  const unknown = runCli(['check', '--select', 'sqli'], changedRepo());
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /^loopwarden: --select: 'sqli' matches no rule/);
});
