import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findSuppressions, partitionByKnownRules, suppressionFor, unusedSuppressions } from '../../src/findings/suppression.js';

test('a trailing suppression covers its own line', () => {
  const { suppressions } = findSuppressions('x = eval(y)  # loopwarden-ignore python-code-injection-eval: input is a constant table\n', ['#']);
  assert.equal(suppressionFor(suppressions, 'python-code-injection-eval', 1)?.reason, 'input is a constant table');
  assert.equal(suppressionFor(suppressions, 'other-rule', 1), undefined);
});

test('a suppression alone on its line covers the next code line, even stacked', () => {
  const text = [
    '// loopwarden-ignore rule-a: reviewed in PR 12',
    '// loopwarden-ignore rule-b: reviewed in PR 12',
    'danger();',
    'danger();',
  ].join('\n');
  const { suppressions } = findSuppressions(text, ['//']);
  assert.ok(suppressionFor(suppressions, 'rule-a', 3));
  assert.ok(suppressionFor(suppressions, 'rule-b', 3));
  assert.equal(suppressionFor(suppressions, 'rule-a', 4), undefined);
});

test('a suppression without a reason is refused and reported', () => {
  const { suppressions, invalid } = findSuppressions('# loopwarden-ignore rule-a\nx()\n# loopwarden-ignore rule-b:   \n', ['#']);
  assert.deepEqual(suppressions, []);
  assert.deepEqual(invalid.map((i) => i.line), [1, 3]);
  assert.match(invalid[0]!.problem, /no reason/);
});

test('the marker inside a string, outside a comment, is not a suppression', () => {
  const { suppressions, invalid } = findSuppressions('msg = "loopwarden-ignore rule-a: nope"\n', ['#']);
  assert.deepEqual(suppressions, []);
  assert.deepEqual(invalid, []);
});

test('prose that mentions the marker without a rule id is neither a suppression nor a problem', () => {
  const { suppressions, invalid } = findSuppressions('/** An inline `loopwarden-ignore <rule-id>: <reason>` comment. */\n// see loopwarden-ignore`s docs\n', ['//', '/*']);
  assert.deepEqual(suppressions, []);
  assert.deepEqual(invalid, []);
});

test('one comment may name several rules, separated by commas; each is its own suppression with the shared reason', () => {
  const { suppressions, invalid } = findSuppressions('danger()  // loopwarden-ignore rule-a,rule-b , rule-a: fixture for the docs\n', ['//']);
  assert.deepEqual(invalid, []);
  assert.deepEqual(
    suppressions.map((s) => [s.ruleId, s.reason, s.line]),
    [['rule-a', 'fixture for the docs', 1], ['rule-b', 'fixture for the docs', 1]],
  );
  assert.ok(suppressionFor(suppressions, 'rule-b', 1));
});

test('a list without a reason, or with an empty entry, is refused and says so', () => {
  const { suppressions, invalid } = findSuppressions('# loopwarden-ignore rule-a, rule-b\nx()\n# loopwarden-ignore rule-a,, rule-b: why\n', ['#']);
  assert.deepEqual(suppressions, []);
  assert.deepEqual(invalid.map((i) => i.line), [1, 3]);
  assert.match(invalid[0]!.problem, /'rule-a, rule-b' has no reason/);
  assert.match(invalid[1]!.problem, /expected 'loopwarden-ignore <rule-id>\[, <rule-id>…\]: <reason>'/);
});

test('suppressions naming no known rule are set apart; the wildcard is always known', () => {
  const { suppressions } = findSuppressions('# loopwarden-ignore rule-a, rule-typo, *: why\nx()\n', ['#']);
  const { known, unknown } = partitionByKnownRules(suppressions, new Set(['rule-a', 'rule-b']));
  assert.deepEqual(known.map((s) => s.ruleId), ['rule-a', '*']);
  assert.deepEqual(unknown.map((s) => s.ruleId), ['rule-typo']);
});

test('unused suppressions are those not marked used, with rule, line and reason', () => {
  const { suppressions } = findSuppressions('# loopwarden-ignore rule-a, rule-b: why\nx()\n', ['#']);
  const used = new Set([suppressionFor(suppressions, 'rule-a', 2)!]);
  assert.deepEqual(unusedSuppressions(suppressions, used), [{ ruleId: 'rule-b', line: 1, reason: 'why' }]);
});
