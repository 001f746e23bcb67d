import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../../src/findings/finding.js';
import { languageById } from '../../src/languages/registry.js';
import { analyzeSource } from '../../src/engine/scan-file.js';
import { loadAllRules } from '../../src/rules/rule-pack.js';
import { withExternalResults } from '../../src/scanners/external-findings.js';
import { mergeAcrossTools } from '../../src/scanners/merge-findings.js';
import { cweFamily, sameWeakness } from '../../src/scanners/cwe-family.js';
import type { ExternalResult } from '../../src/scanners/sarif-read.js';

const c = languageById('c')!;
const rules = await loadAllRules([]);

const RACE = `#include <unistd.h>

int open_if_readable(const char *path) {
    if (access(path, R_OK) == 0) { return open(path, O_RDONLY); }
    return -1;
}
`;

function result(overrides: Partial<ExternalResult> = {}): ExternalResult {
  return {
    tool: 'flawfinder',
    toolRuleId: 'FF1030',
    path: 'race.c',
    startLine: 4,
    startColumn: 9,
    endLine: 4,
    severity: 'high',
    securitySeverity: 8,
    confidence: 'medium',
    cwe: ['CWE-362', 'CWE-367'],
    message: 'race/access: a race',
    fix: 'open first, then check with fstat',
    references: [],
    ...overrides,
  };
}

const combine = (text: string, results: ExternalResult[], tools = ['flawfinder']) => withExternalResults(analyzeSource('race.c', text, c, rules, { complexity: false }), text, c, results, tools);

test("another tool's result becomes a finding read against the file: its rule id under the tool's name, snippet, enclosing function", () => {
  const analysis = combine(RACE, [result()]);
  const found = analysis.findings.find((finding) => finding.tool === 'flawfinder');
  assert.ok(found);
  assert.deepEqual(
    [found.ruleId, found.function, found.snippet, found.startLine, found.endColumn, found.fix],
    ['flawfinder/FF1030', 'open_if_readable', 'if (access(path, R_OK) == 0) { return open(path, O_RDONLY); }', 4, 66, 'open first, then check with fstat'],
  );
  assert.deepEqual(analysis.scannedBy, ['flawfinder']);
  assert.match(found.fingerprint, /^[0-9a-f]{32}$/);
});

test('its fingerprint survives lines inserted above and re-indentation, with its own or with the tool’s fingerprint', () => {
  const moved = `#include <unistd.h>\n#include <fcntl.h>\n\n/* a comment */\n${RACE.split('\n').slice(2).join('\n').replace(/^ {4}/gm, '        ')}`;
  for (const print of [undefined, 'contextHash/v1=abc']) {
    const before = combine(RACE, [result({ toolFingerprint: print })]).findings.find((f) => f.tool)!;
    const after = combine(moved, [result({ toolFingerprint: print, startLine: 6, endLine: 6, startColumn: 13 })]).findings.find((f) => f.tool)!;
    assert.equal(after.startLine, 6);
    assert.equal(after.fingerprint, before.fingerprint, String(print));
  }
});

test("a tool fingerprint shared by two results of one rule, or Semgrep's 'requires login', is not used: each keeps its own identity", () => {
  const text = `${RACE}int again(const char *p) {\n    if (access(p, R_OK) == 0) { return open(p, O_RDONLY); }\n    return -1;\n}\n`;
  const same = 'contextHash/v1=same';
  const analysis = combine(text, [result({ toolFingerprint: same }), result({ toolFingerprint: same, startLine: 9, startColumn: 9, endLine: 9 })]);
  const prints = analysis.findings.filter((f) => f.tool).map((f) => f.fingerprint);
  assert.equal(new Set(prints).size, 2);
  const login = combine(RACE, [result({ toolFingerprint: 'matchBasedId/v1=requires login' })]).findings.find((f) => f.tool)!;
  const plain = combine(RACE, [result()]).findings.find((f) => f.tool)!;
  assert.equal(login.fingerprint, plain.fingerprint);
});

test("loopwarden-ignore flawfinder/FF1030 with a reason suppresses it, and is no longer an unknown id; unused ones are listed", () => {
  const text = RACE.replace('    if (access', '    // loopwarden-ignore flawfinder/FF1030: the path is a constant under our own directory\n    if (access');
  const plain = analyzeSource('race.c', text, c, rules, { complexity: false });
  assert.ok(plain.notes.some((note) => note.kind === 'unknown-suppression'), 'without the tool, the id is unknown');
  const analysis = combine(text, [result({ startLine: 5, endLine: 5 })]);
  assert.deepEqual(analysis.suppressed.filter((f) => f.tool).map((f) => [f.ruleId, f.suppression.reason]), [['flawfinder/FF1030', 'the path is a constant under our own directory']]);
  assert.equal(analysis.notes.filter((note) => note.kind === 'unknown-suppression').length, 0);
  const unused = combine(text, []);
  assert.deepEqual(unused.unusedSuppressions.map((u) => u.ruleId), ['flawfinder/FF1030']);
});

test('results past the end of the file are left out, and a tool that marked its result suppressed sees it suppressed', () => {
  const analysis = combine(RACE, [result({ startLine: 400, endLine: 400 }), result({ suppressedBecause: 'suppressed for flawfinder: reviewed' })]);
  assert.equal(analysis.findings.filter((f) => f.tool).length, 0);
  assert.deepEqual(analysis.suppressed.map((f) => f.suppression.reason), ['suppressed for flawfinder: reviewed']);
});

function finding(tool: string | undefined, cwe: string[], startLine: number, endLine = startLine, severity: Finding['severity'] = 'medium'): Finding {
  return {
    ruleId: tool ? `${tool}/R` : 'own-rule',
    ...(tool ? { tool } : {}),
    cwe,
    severity,
    securitySeverity: 5,
    confidence: 'medium',
    path: 'a.c',
    startLine,
    startColumn: 1,
    endLine,
    endColumn: 10,
    message: 'm',
    fix: 'f',
    snippet: 's',
    function: null,
    fingerprint: `${tool ?? 'lw'}${startLine}`.padEnd(32, '0'),
    references: [],
  };
}

test('one weakness, one finding: tools agree on a CWE family at overlapping lines; the first keeps its identity, the worst severity wins', () => {
  const merged = mergeAcrossTools([finding(undefined, ['CWE-78'], 5, 5, 'medium'), finding('semgrep', ['CWE-78'], 4, 6, 'high'), finding('flawfinder', ['CWE-77'], 5, 5, 'low')]);
  assert.equal(merged.length, 1);
  const [one] = merged;
  assert.deepEqual([one!.ruleId, one!.tool, one!.severity, one!.cwe], ['own-rule', undefined, 'high', ['CWE-77', 'CWE-78']]);
  assert.deepEqual(one!.seenBy!.map((entry) => [entry.tool, entry.ruleId]), [['loopwarden', 'own-rule'], ['semgrep', 'semgrep/R'], ['flawfinder', 'flawfinder/R']]);
});

test('never merged: two results of one tool, different weaknesses, lines apart, findings without a CWE', () => {
  assert.equal(mergeAcrossTools([finding('flawfinder', ['CWE-362'], 5), finding('flawfinder', ['CWE-362'], 5)]).length, 2);
  assert.equal(mergeAcrossTools([finding(undefined, ['CWE-78'], 5), finding('semgrep', ['CWE-89'], 5)]).length, 2);
  assert.equal(mergeAcrossTools([finding(undefined, ['CWE-78'], 5), finding('semgrep', ['CWE-78'], 6)]).length, 2);
  assert.equal(mergeAcrossTools([finding(undefined, [], 5), finding('eslint', [], 5)]).length, 2);
  assert.ok(sameWeakness(['CWE-367'], ['CWE-362']) && sameWeakness(['CWE-943'], ['CWE-89']) && !sameWeakness(['CWE-79'], ['CWE-89']));
  assert.equal(cweFamily('CWE-1234'), 'CWE-1234');
});
