import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSource } from '../../src/engine/scan-file.js';
import { unusedSuppressionNotes } from '../../src/engine/scan.js';
import { languageById } from '../../src/languages/registry.js';
import { BUILTIN_RULES_DIR, loadRules } from '../../src/rules/load.js';

const rules = loadRules([BUILTIN_RULES_DIR]);
const python = languageById('python')!;

const SOURCE = [
  'import hashlib',
  '',
  'def find(cursor, name):',
  '    # loopwarden-ignore python-sqli-built-query, python-weak-hash: fixture: both weaknesses on one line',
  '    cursor.execute("SELECT * FROM t WHERE h = \'" + hashlib.md5(name).hexdigest() + "\'")',
  '    # loopwarden-ignore python-weak-hsh: a misspelt id',
  '    hashlib.md5(name)',
  '    # loopwarden-ignore python-code-injection-eval: nothing to suppress below',
  '    return 1',
  '',
].join('\n');

test('one comment naming two rules suppresses a finding of each on the line it covers', () => {
  const analysis = analyzeSource('a.py', SOURCE, python, rules, { complexity: false });
  assert.deepEqual(analysis.suppressed.map((f) => `${f.startLine} ${f.ruleId} ${f.suppression.line}`).sort(), ['5 python-sqli-built-query 4', '5 python-weak-hash 4']);
});

test('an id that names no known rule suppresses nothing and gets an unknown-suppression note', () => {
  const analysis = analyzeSource('a.py', SOURCE, python, rules, { complexity: false });
  assert.deepEqual(analysis.findings.map((f) => `${f.startLine} ${f.ruleId}`), ['7 python-weak-hash']);
  assert.deepEqual(analysis.notes, [{ path: 'a.py', kind: 'unknown-suppression', message: "line 6: 'python-weak-hsh' names no known rule; the suppression has no effect" }]);
});

test('a valid suppression that silenced nothing is listed as unused, and becomes a note on request', () => {
  const analysis = analyzeSource('a.py', SOURCE, python, rules, { complexity: false });
  // The misspelt id already has its own note: it is not unused as well.
  assert.deepEqual(analysis.unusedSuppressions, [{ ruleId: 'python-code-injection-eval', line: 8, reason: 'nothing to suppress below' }]);
  assert.deepEqual(unusedSuppressionNotes(analysis).map((n) => [n.path, n.kind]), [['a.py', 'unused-suppression']]);
  assert.match(unusedSuppressionNotes(analysis)[0]!.message, /^line 8: the suppression of 'python-code-injection-eval' suppressed nothing/);
});
