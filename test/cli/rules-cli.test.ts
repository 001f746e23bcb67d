import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILTIN_RULES_DIR, findRuleFiles } from '../../src/rules/load.js';
import { makeProject, runCli } from '../helpers.js';

const USER_RULE = `id: no-legacy-call
languages: [python]
cwe: [477]
severity: low
confidence: high
message: legacy_call is deprecated and unsafe.
fix: Use modern_call instead of it.
references: [https://cwe.mitre.org/data/definitions/477.html]
rule:
  pattern: legacy_call($$$)
`;

test('rules lists every rule with its languages, severity, confidence, CWE and kind', () => {
  const root = makeProject({});
  const { status, stdout, stderr } = runCli(['rules'], root);
  assert.equal(status, 0, stderr);
  const lines = stdout.trimEnd().split('\n');
  assert.match(lines[0]!, /^id +languages +severity +confidence +cwe +kind$/);
  assert.match(stdout, /^python-sqli-built-query +python +critical +high +CWE-89 +pattern$/m);
  assert.match(stdout, /^java-sqli-tainted-query +java +critical +high +CWE-89 +taint$/m);
  assert.match(stdout, /^js-weak-hash +javascript,typescript,tsx +/m);
  const count = findRuleFiles(BUILTIN_RULES_DIR).length;
  assert.equal(lines.length, count + 2);
  assert.match(lines.at(-1)!, new RegExp(`^${count} rules \\(\\d+ pattern, \\d+ taint\\)$`));
});

test("rules --format json, filtered by --select and --ignore, includes the config's own rules", () => {
  const root = makeProject({ '.loopwarden.yml': 'scan:\n  rules: [my-rules]\n  select: [no-legacy-call]\n', 'my-rules/python/misc/no-legacy-call.yml': USER_RULE });
  const list = (...args: string[]) => JSON.parse(runCli(['rules', '--format', 'json', ...args], root).stdout) as { id: string; kind: string; cwe: string[] }[];
  const sqli = list('--select', 'CWE-89', '--ignore', 'java-,js-');
  assert.ok(sqli.length > 3);
  assert.ok(sqli.every((rule) => rule.cwe.includes('CWE-89') && !/^(java|js)-/.test(rule.id)), JSON.stringify(sqli.map((r) => r.id)));
  assert.ok(sqli.some((rule) => rule.id === 'python-sqli-tainted-query' && rule.kind === 'taint'));
  // The config's select is not applied: the list shows what exists, including the user's rule.
  assert.ok(list().some((rule) => rule.id === 'python-weak-hash'));
  assert.deepEqual(list('--select', 'CWE-477').map((rule) => rule.id), ['no-legacy-call']);
  assert.match(runCli(['rules', '--select', 'pyton-'], root).stderr, /^loopwarden: --select: 'pyton-' matches no rule — did you mean 'python-'\?\n$/);
});

test('rules ID explains the rule and marks which example lines must be reported and which must stay silent', () => {
  const root = makeProject({});
  const { status, stdout, stderr } = runCli(['rules', 'python-weak-hash'], root);
  assert.equal(status, 0, stderr);
  assert.match(stdout, /^python-weak-hash \(python\)\n\nMD5 and SHA-1 are broken/);
  assert.match(stdout, /^cwe +CWE-328 +https:\/\/cwe\.mitre\.org\/data\/definitions\/328\.html$/m);
  assert.match(stdout, /^severity +medium \(security-severity 5\.9\)$/m);
  assert.match(stdout, /^confidence +medium$/m);
  assert.match(stdout, /^fix +Use hashlib\.sha256\(\)/m);
  assert.match(stdout, /^ +https:\/\/docs\.python\.org\/3\/library\/hashlib\.html$/m);
  assert.match(stdout, /^rule file +rules\/python\/hash\/python-weak-hash\.yml$/m);
  // Every line below a 'ruleid:' comment is marked report, every line below an 'ok:' comment silent.
  const example = readFileSync(join(BUILTIN_RULES_DIR, 'python/hash/python-weak-hash.py'), 'utf8').split('\n');
  const shown = stdout.split('\n').filter((line) => /^ *\d+ {2}/.test(line));
  assert.equal(shown.length, example.length - 1);
  shown.forEach((line, index) => {
    const above = example[index - 1] ?? '';
    const mark = /ruleid: python-weak-hash/.test(above) ? 'report' : /ok: python-weak-hash/.test(above) ? 'silent' : '';
    assert.match(line, new RegExp(`^ *${index + 1}  ${mark} *\\|( |$)`), line);
  });
  assert.match(stdout, /Checked now: 3 of 3 "report" lines reported, 3 of 3 "silent" lines silent\.\n$/);
});

test("rules ID --format json gives the example's outcomes; a user rule is explained from its own folder", () => {
  const root = makeProject({
    '.loopwarden.yml': 'scan:\n  rules: [my-rules]\n',
    'my-rules/python/misc/no-legacy-call.yml': USER_RULE,
    'my-rules/python/misc/no-legacy-call.py': '# ruleid: no-legacy-call\nlegacy_call(1)\n# ok: no-legacy-call\nmodern_call(1)\n',
  });
  const json = JSON.parse(runCli(['rules', 'no-legacy-call', '--format', 'json'], root).stdout);
  assert.equal(json.ruleFile, 'my-rules/python/misc/no-legacy-call.yml');
  assert.deepEqual(json.example, {
    path: 'my-rules/python/misc/no-legacy-call.py',
    lines: [
      { line: 2, expected: 'flagged', outcome: 'reported' },
      { line: 4, expected: 'silent', outcome: 'validated' },
    ],
    unannotatedFindings: [],
  });
});

test('an unknown rule id is one line with a suggestion, exit 2', () => {
  const root = makeProject({});
  const close = runCli(['rules', 'python-sqli-built-qurey'], root);
  assert.equal(close.status, 2);
  assert.equal(close.stdout, '');
  assert.equal(close.stderr, "loopwarden: python-sqli-built-qurey: no such rule — did you mean 'python-sqli-built-query'?\n");
  assert.equal(runCli(['rules', 'frobnicate'], root).stderr, "loopwarden: frobnicate: no such rule (run 'loopwarden rules' to list them)\n");
});
