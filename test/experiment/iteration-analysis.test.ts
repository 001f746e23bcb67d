import { test } from 'node:test';
import assert from 'node:assert/strict';
import { languageById } from '../../src/languages/registry.js';
import { loadBuiltinRules } from '../../src/rules/rule-pack.js';
import { analyseIteration } from '../../src/experiment/iteration-analysis.js';

const python = languageById('python')!;
const INJECTABLE = 'def find(cursor, name):\n    return cursor.execute(f"SELECT * FROM t WHERE n = \'{name}\'")\n';

test("a model's suppression comment does not hide what it wrote", async () => {
  const rules = await loadBuiltinRules();
  const plain = analyseIteration('db.py', INJECTABLE, python, rules);
  const suppressed = analyseIteration('db.py', INJECTABLE.replace('")\n', '")  # loopwarden-ignore python-sqli-built-query: trusted\n'), python, rules);
  assert.ok(plain.ok && suppressed.ok);
  assert.equal(plain.findings.critical, 1);
  assert.deepEqual(suppressed.findings, plain.findings);
  assert.deepEqual(suppressed.detail.findings.map((f) => f.ruleId), ['python-sqli-built-query']);
});

test('code past the analysis budget cannot stand as an iteration; a deep expression can', async () => {
  const rules = await loadBuiltinRules();
  const long = analyseIteration('db.py', `x = "${'a'.repeat(25_000)}"\n`, python, rules);
  assert.deepEqual(long.ok ? long : { ok: long.ok, problem: long.problem }, { ok: false, problem: 'unanalysable' });
  // A deep expression is analysed whatever its depth (no stack overflow): it stands.
  const deep = analyseIteration('db.py', `x = ${'['.repeat(3000)}${']'.repeat(3000)}\n`, python, rules);
  assert.equal(deep.ok, true, 'nested 3,000 deep');
});
