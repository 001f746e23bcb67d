import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Rule } from '../../src/rules/rule.js';
import { parseSelectors, selectRules, selectorMatches, type Selector } from '../../src/rules/select.js';

const rule = (id: string, ...cwe: string[]) => ({ id, cwe }) as unknown as Rule;
const RULES = [
  rule('c-format-string', 'CWE-134'),
  rule('csharp-weak-hash', 'CWE-328'),
  rule('java-sqli-built-query', 'CWE-89'),
  rule('java-sqli-tainted-query', 'CWE-89'),
  rule('java-weak-hash', 'CWE-328'),
  rule('python-weak-hash', 'CWE-328'),
  rule('python-sqli-built-query', 'CWE-89', 'CWE-564'),
];
const flag = (...values: string[]) => parseSelectors(values, '--select');
const ids = (select: Selector[], ignore: Selector[] = []) => selectRules(RULES, { select, ignore }).map((r) => r.id);

test('selectors split on commas and repeat; blanks are dropped', () => {
  assert.deepEqual(parseSelectors(['python-, CWE-89', 'java-weak-hash', ''], 'x'), [
    { text: 'python-', origin: 'x' },
    { text: 'CWE-89', origin: 'x' },
    { text: 'java-weak-hash', origin: 'x' },
  ]);
});

test('a selector is a rule id, a prefix ending at a dash, or a CWE id', () => {
  assert.ok(selectorMatches('java-weak-hash', RULES[4]!));
  assert.ok(selectorMatches('java-sqli', RULES[2]!));
  assert.ok(selectorMatches('java-', RULES[2]!));
  assert.ok(selectorMatches('java', RULES[2]!));
  assert.ok(selectorMatches('cwe-564', RULES[6]!));
  assert.ok(selectorMatches('CWE-0089', RULES[6]!));
  // A prefix stops at a dash: 'java-sq' is not a prefix of a rule id part, and 'c' is not C#.
  assert.ok(!selectorMatches('java-sq', RULES[2]!));
  assert.ok(!selectorMatches('c', RULES[1]!));
  assert.ok(selectorMatches('c', RULES[0]!));
});

test('no select means every rule; select narrows; ignore then removes', () => {
  assert.equal(ids([]).length, RULES.length);
  assert.deepEqual(ids(flag('java-sqli')), ['java-sqli-built-query', 'java-sqli-tainted-query']);
  assert.deepEqual(ids(flag('CWE-89', 'python-weak-hash')), ['java-sqli-built-query', 'java-sqli-tainted-query', 'python-weak-hash', 'python-sqli-built-query']);
  assert.deepEqual(ids([], parseSelectors(['CWE-328,c'], '--ignore')), ['java-sqli-built-query', 'java-sqli-tainted-query', 'python-sqli-built-query']);
  assert.deepEqual(ids(flag('java-'), parseSelectors(['java-sqli-tainted-query'], '--ignore')), ['java-sqli-built-query', 'java-weak-hash']);
});

test('a selector that matches no rule is an error naming it and where it was given, with a close suggestion', () => {
  const error = (select: Selector[], ignore: Selector[] = []) => {
    try {
      selectRules(RULES, { select, ignore });
    } catch (caught) {
      assert.equal((caught as Error).name, 'UserError');
      return (caught as Error).message;
    }
    return 'no error';
  };
  assert.equal(error(flag('pyton-')), "--select: 'pyton-' matches no rule — did you mean 'python-'?");
  assert.equal(error(flag('java-sql')), "--select: 'java-sql' matches no rule — did you mean 'java-sqli'?");
  assert.equal(error(flag('python-weak-hsah')), "--select: 'python-weak-hsah' matches no rule — did you mean 'python-weak-hash'?");
  assert.equal(
    error([], parseSelectors(['kotlin-'], '/p/.loopwarden.yml: field \'scan.ignore\'')),
    "/p/.loopwarden.yml: field 'scan.ignore': 'kotlin-' matches no rule (give a rule id, a rule-id prefix such as 'python-', or a CWE id such as 'CWE-89')",
  );
  assert.equal(error(flag('CWE-88')), "--select: 'CWE-88' matches no rule (no rule maps to it; 'loopwarden rules' lists each rule's CWE ids)");
});
