import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BUILTIN_RULES_DIR, loadRules } from '../../src/rules/load.js';
import { cweGuide, hasCweGuide } from '../../src/rules/cwe-guides.js';

test('every built-in rule\'s class (its first CWE) has a learning guide: a name, its CWE page, and a cheat sheet where OWASP has one', () => {
  const rules = loadRules([BUILTIN_RULES_DIR]);
  assert.ok(rules.length > 100);
  const missing = [...new Set(rules.map((rule) => rule.cwe[0]!))].filter((cwe) => !hasCweGuide(cwe));
  assert.deepEqual(missing, []);
  const sql = cweGuide('CWE-89');
  assert.deepEqual(sql, {
    cwe: 'CWE-89',
    name: 'SQL Injection',
    cweUrl: 'https://cwe.mitre.org/data/definitions/89.html',
    cheatSheet: { title: 'SQL Injection Prevention Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/SQL_Injection_Prevention_Cheat_Sheet.html' },
  });
  assert.equal(cweGuide('CWE-416').cheatSheet, null);
  assert.deepEqual(cweGuide('CWE-unknown'), { cwe: 'CWE-unknown', name: 'CWE-unknown', cweUrl: 'https://cwe.mitre.org/', cheatSheet: null });
});
