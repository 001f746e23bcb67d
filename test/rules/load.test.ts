import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadRules, BUILTIN_RULES_DIR } from '../../src/rules/load.js';
import { makeProject } from '../helpers.js';

const valid = `id: my-rule
languages: [python]
cwe: [89]
severity: high
confidence: high
message: A message long enough to explain the weakness.
fix: A fix long enough to explain the remedy.
references: [https://cwe.mitre.org/data/definitions/89.html]
rule:
  pattern: danger($X)
`;

function loadError(ruleText: string, fileName = 'my-rule.yml'): string {
  const dir = makeProject({ [`python/sqli/${fileName}`]: ruleText });
  try {
    loadRules([dir]);
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
}

test('a valid user rule loads beside the built-in ones', () => {
  const dir = makeProject({ 'python/sqli/my-rule.yml': valid });
  const rules = loadRules([BUILTIN_RULES_DIR, dir]);
  const mine = rules.find((rule) => rule.id === 'my-rule');
  assert.equal(mine?.securitySeverity, 7.5);
  assert.deepEqual(mine?.cwe, ['CWE-89']);
});

test('malformed rules are one-line errors naming the file, line and field', () => {
  assert.match(loadError(valid.replace('severity: high', 'severity: urgent')), /my-rule\.yml:4: field 'severity': Invalid option/);
  assert.match(loadError(valid.replace('cwe: [89]\n', '')), /my-rule\.yml:1: field 'cwe': /);
  assert.match(loadError(valid.replace('languages: [python]', 'languages: [cobol]')), /my-rule\.yml:2: field 'languages\.0'/);
  assert.match(loadError(valid.replace('pattern: danger($X)', 'kind: no_such_kind')), /my-rule\.yml: field 'rule': ast-grep rejects it for python/);
  assert.match(loadError(valid, 'other-name.yml'), /other-name\.yml: field 'id': 'my-rule' must match the file name 'other-name'/);
  assert.match(loadError('id: [unclosed\n'), /my-rule\.yml:\d+: invalid YAML/);
  assert.match(loadError(`${valid}surprise: true\n`), /my-rule\.yml:11: unknown key 'surprise' \(known keys: id, languages, /);
  assert.match(loadError(valid.replace('references:', 'refrences:')), /my-rule\.yml:8: unknown key 'refrences' — did you mean 'references'\?/);
  for (const message of [loadError(valid.replace('severity: high', 'severity: urgent')), loadError('id: [unclosed\n')]) {
    assert.equal(message.split('\n').length, 1);
  }
});

test('a rules directory that does not exist is an error naming it', () => {
  assert.throws(() => loadRules([join(BUILTIN_RULES_DIR, 'nope')]), /nope: rules directory does not exist/);
});

test('the compiled rule pack holds exactly the rules the YAML files define', async () => {
  const { loadBuiltinRules } = await import('../../src/rules/rule-pack.js');
  const fromPack = await loadBuiltinRules();
  const fromFiles = loadRules([BUILTIN_RULES_DIR]);
  assert.deepEqual(
    fromPack.map((rule) => ({ ...rule, sourcePath: '' })),
    JSON.parse(JSON.stringify(fromFiles.map((rule) => ({ ...rule, sourcePath: '' })))),
  );
});

test('a user rule may not reuse a built-in rule id', async () => {
  const { loadAllRules } = await import('../../src/rules/rule-pack.js');
  const dir = makeProject({ 'python/sqli/python-sqli-built-query.yml': valid.replace('id: my-rule', 'id: python-sqli-built-query') });
  await assert.rejects(loadAllRules([dir]), /python-sqli-built-query\.yml: field 'id': 'python-sqli-built-query' is already a built-in rule/);
});

test('the rule pack notices an edited or added rule file and falls back to the YAML files', async () => {
  const { packIsCurrentFor } = await import('../../src/rules/rule-pack.js');
  const dir = makeProject({ 'python/sqli/my-rule.yml': valid });
  const { utimesSync, writeFileSync } = await import('node:fs');
  const pack = packIsCurrentFor(dir);
  assert.equal(pack.isCurrent(), true);
  const later = new Date(Date.now() + 5000);
  utimesSync(join(dir, 'python/sqli/my-rule.yml'), later, later);
  assert.equal(pack.isCurrent(), false);
  const again = packIsCurrentFor(dir);
  writeFileSync(join(dir, 'python/sqli/another.yml'), valid);
  utimesSync(join(dir, 'python/sqli'), later, later);
  assert.equal(again.isCurrent(), false);
});

test('metavariable regex conditions are validated when the rule loads', () => {
  const broken = valid.replace('rule:\n  pattern: danger($X)\n', "rule:\n  pattern: danger($X)\nmetavariables:\n  X:\n    regex: '(unclosed'\n");
  assert.match(loadError(broken), /my-rule\.yml:\d+: field 'metavariables\.X\.regex': must be a valid regular expression/);
});
