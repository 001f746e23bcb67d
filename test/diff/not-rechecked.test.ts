import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../../src/findings/finding.js';
import { diffSnapshots } from '../../src/diff/iteration-diff.js';
import type { FileState, Snapshot } from '../../src/diff/snapshot.js';
import { openFindings } from '../../src/policy/open-findings.js';

function finding(tool: string | undefined, line: number, fingerprint: string, seenBy?: Finding['seenBy']): Finding {
  return {
    ruleId: tool ? `${tool}/R1` : 'c-rule',
    ...(tool ? { tool } : {}),
    ...(seenBy ? { seenBy } : {}),
    cwe: ['CWE-362'],
    severity: 'high',
    securitySeverity: 8,
    confidence: 'medium',
    path: 'a.c',
    startLine: line,
    startColumn: 1,
    endLine: line,
    endColumn: 5,
    message: 'm',
    fix: 'f',
    snippet: 's',
    function: 'f',
    fingerprint: fingerprint.padEnd(32, '0'),
    references: [],
  };
}

function snapshot(hash: string, findings: Finding[], missedBy?: string[]): Snapshot {
  const file: FileState = {
    path: 'a.c',
    hash,
    language: 'c',
    lines: 10,
    summary: { risk: findings.length, cyclomatic: 1, cognitive: 0, functions: 1 },
    findings,
    suppressed: [],
    unusedSuppressions: [],
    functions: [],
    ...(missedBy ? { missedBy } : {}),
  };
  return { files: [file] };
}

test('a scanner that failed on a changed file fixes nothing and introduces nothing there; its failure is listed', () => {
  const before = snapshot('h1', [finding('flawfinder', 3, 'aa'), finding(undefined, 7, 'bb')]);
  const after = snapshot('h2', [], ['flawfinder']);
  const diff = diffSnapshots(before, after);
  assert.deepEqual(diff.fixed.map((f) => f.ruleId), ['c-rule'], "loopwarden's own finding is really gone");
  assert.deepEqual(diff.notRechecked, [{ path: 'a.c', tools: ['flawfinder'] }]);
});

test('a previously open finding only a failed (or absent) tool could confirm stays open', () => {
  const open = [{ ...finding('flawfinder', 3, 'aa'), since: 2 }, { ...finding(undefined, 7, 'bb'), since: 2 }, { ...finding('codeql', 8, 'cc'), since: 2 }];
  const baseline = snapshot('h0', []);
  const now = snapshot('h2', [], ['flawfinder']);
  const sinceBaseline = diffSnapshots(baseline, now, { toolsNow: new Set(['flawfinder']) });
  const still = openFindings(sinceBaseline, diffSnapshots(baseline, now), open, 3, 2, new Set(['flawfinder']));
  assert.deepEqual(still.map((f) => [f.ruleId, f.since]), [['flawfinder/R1', 2], ['codeql/R1', 2]], 'codeql did not run this time; the code of the own rule is gone');
  const rechecked = openFindings(diffSnapshots(baseline, snapshot('h2', [])), diffSnapshots(baseline, snapshot('h2', [])), open, 3, 2, new Set(['flawfinder', 'codeql']));
  assert.deepEqual(rechecked, [], 'every tool ran and found nothing: fixed');
});

test('a tool that did not run now leaves its findings out of the comparison rather than fixed', () => {
  const before = snapshot('h1', [finding('codeql', 3, 'aa')]);
  const after = snapshot('h2', []);
  assert.equal(diffSnapshots(before, after).fixed.length, 1, 'without knowing who ran, it reads as fixed (diff of two SARIF-less sides)');
  const diff = diffSnapshots(before, after, { toolsNow: new Set() });
  assert.deepEqual([diff.fixed.length, diff.notRechecked], [0, [{ path: 'a.c', tools: ['codeql'] }]]);
});

test('one weakness several tools saw is still that weakness when its first tool drops out', () => {
  const merged = finding('flawfinder', 3, 'aa', [
    { tool: 'flawfinder', ruleId: 'flawfinder/R1', fingerprint: 'aa'.padEnd(32, '0') },
    { tool: 'semgrep', ruleId: 'semgrep/R2', fingerprint: 'dd'.padEnd(32, '0') },
  ]);
  const semgrepAlone = { ...finding('semgrep', 3, 'dd'), ruleId: 'semgrep/R2' };
  const diff = diffSnapshots(snapshot('h1', [merged]), snapshot('h2', [semgrepAlone], ['flawfinder']));
  assert.deepEqual([diff.introduced.length, diff.fixed.length, diff.changed.length], [0, 0, 1]);
});
