import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffFindings } from '../../src/diff/finding-diff.js';
import { diffSnapshots } from '../../src/diff/iteration-diff.js';
import { riskScore } from '../../src/diff/risk.js';
import { summarizeFile, type Snapshot } from '../../src/diff/snapshot.js';
import { analyzeSource } from '../../src/engine/scan-file.js';
import { languageForPath } from '../../src/languages/registry.js';
import { BUILTIN_RULES_DIR, loadRules } from '../../src/rules/load.js';
import { blobId } from '../../src/workspace/git.js';

const rules = loadRules([BUILTIN_RULES_DIR]);

function snapshot(files: Record<string, string>): Snapshot {
  return {
    files: Object.entries(files).map(([path, text]) => {
      const analysis = analyzeSource(path, text, languageForPath(path)!, rules, { complexity: true });
      return { path, hash: blobId(Buffer.from(text)), language: analysis.language, lines: analysis.lines, summary: summarizeFile(analysis.findings, analysis.functions!), findings: analysis.findings, suppressed: analysis.suppressed, unusedSuppressions: analysis.unusedSuppressions, functions: analysis.functions! };
    }),
  };
}

const ids = (findings: { ruleId: string; path: string }[]) => findings.map((f) => `${f.ruleId}@${f.path}`);

const original = `import hashlib
import os


def digest(data):
    return hashlib.md5(data).hexdigest()


def run(cmd):
    os.system("ls " + cmd)
`;

test('lines inserted above, re-indentation and reformatting keep findings persisting', () => {
  const moved = `"""Helpers."""
import hashlib
import os


class Tools:
    def digest(self, data):
        return hashlib.md5( data ).hexdigest()


def run(cmd):
    os.system( "ls "+cmd )
`;
  const diff = diffSnapshots(snapshot({ 'a.py': original }), snapshot({ 'a.py': moved }));
  assert.deepEqual(ids(diff.introduced), ['python-weak-hash@a.py']); // digest moved into a class: a new function path
  assert.deepEqual(ids(diff.fixed), ['python-weak-hash@a.py']);
  assert.deepEqual(ids(diff.persisting), ['python-cmdi-shell-command@a.py']);
  const reformatted = original.replace('os.system("ls " + cmd)', 'os.system(\n        "ls "\n        + cmd\n    )');
  const again = diffSnapshots(snapshot({ 'a.py': original }), snapshot({ 'a.py': `\n\n${reformatted}` }));
  assert.deepEqual(ids(again.introduced), []);
  assert.deepEqual(ids(again.fixed), []);
  assert.equal(again.persisting.length, 2);
});

test('a function moved to another file keeps its findings; the function is reported as moved', () => {
  const [head, tail] = [original.slice(0, original.indexOf('def run')), original.slice(original.indexOf('def run'))];
  const diff = diffSnapshots(snapshot({ 'a.py': original }), snapshot({ 'a.py': head, 'b.py': `import os\n\n\n${tail}` }));
  assert.deepEqual(diff.files, { added: ['b.py'], removed: [], modified: ['a.py'] });
  assert.deepEqual(ids(diff.introduced), []);
  assert.deepEqual(ids(diff.fixed), []);
  const run = diff.functions.find((f) => f.name === 'run');
  assert.equal(run?.status, 'moved');
  assert.deepEqual(run?.previous, { path: 'a.py', name: 'run' });
});

test('a finding fixed in one place and introduced in another in the same change', () => {
  const after = original.replace('os.system("ls " + cmd)', 'subprocess.run(["ls", cmd])').replace('hashlib.md5(data)', 'hashlib.sha256(data)') + '\n\ndef load(blob):\n    import pickle\n    return pickle.loads(blob)\n';
  const diff = diffSnapshots(snapshot({ 'a.py': original }), snapshot({ 'a.py': after }));
  assert.deepEqual(ids(diff.introduced), ['python-unsafe-deserialization@a.py']);
  assert.deepEqual(ids(diff.fixed).sort(), ['python-cmdi-shell-command@a.py', 'python-weak-hash@a.py']);
  assert.equal(diff.risk.before, riskScore(snapshot({ 'a.py': original }).files[0]!.findings));
});

test('files added and deleted', () => {
  const diff = diffSnapshots(snapshot({ 'old.py': original }), snapshot({ 'new.js': 'function f(el, x) { el.innerHTML = "<b>" + x; }\n' }));
  assert.deepEqual(diff.files, { added: ['new.js'], removed: ['old.py'], modified: [] });
  assert.deepEqual(ids(diff.introduced), ['js-xss-dom-html-sink@new.js']);
  assert.deepEqual(ids(diff.fixed).sort(), ['python-cmdi-shell-command@old.py', 'python-weak-hash@old.py']);
  assert.deepEqual(diff.functions.map((f) => `${f.status} ${f.name}`).sort(), ['added f', 'removed digest', 'removed run']);
});

test('a renamed function is matched by its body and its complexity delta reported', () => {
  const before = 'def total(xs):\n    s = 0\n    for x in xs:\n        if x > 0:\n            s += x\n    return s\n';
  const after = 'def sum_positive(xs):\n    s = 0\n    for x in xs:\n        if x > 0 and x < 100:\n            s += x\n    return s\n';
  const diff = diffSnapshots(snapshot({ 'm.py': before }), snapshot({ 'm.py': after }));
  assert.equal(diff.functions.length, 1);
  assert.equal(diff.functions[0]!.status, 'renamed');
  assert.deepEqual(diff.functions[0]!.previous, { path: 'm.py', name: 'total' });
  assert.equal(diff.functions[0]!.delta.cyclomatic, 1);
});

test('identical findings in two functions stay apart, and multiset counts are kept', () => {
  const one = 'import hashlib\n\ndef a(x):\n    return hashlib.md5(x)\n\ndef b(x):\n    return hashlib.md5(x)\n';
  const two = 'import hashlib\n\ndef a(x):\n    return hashlib.md5(x)\n\ndef b(x):\n    return hashlib.sha256(x)\n';
  const diff = diffSnapshots(snapshot({ 'h.py': one }), snapshot({ 'h.py': two }));
  assert.deepEqual(diff.fixed.map((f) => f.function), ['b']);
  assert.deepEqual(diff.persisting.map((f) => f.function), ['a']);
  const [a, b] = snapshot({ 'h.py': one }).files[0]!.findings;
  const doubled = diffFindings([a!, a!], [a!]);
  assert.equal(doubled.persisting.length, 1);
  assert.equal(doubled.fixed.length, 1);
  assert.notEqual(a!.fingerprint, b!.fingerprint);
});

test('complexity totals and their percentage change cover every file', () => {
  const simple = 'def f(x):\n    return x\n';
  const branchy = 'def f(x):\n    if x:\n        return 1\n    return 2\n';
  const diff = diffSnapshots(snapshot({ 'f.py': simple, 'g.py': simple.replace('def f', 'def g') }), snapshot({ 'f.py': branchy, 'g.py': simple.replace('def f', 'def g') }));
  assert.deepEqual(diff.complexity.before, { cyclomatic: 2, cognitive: 0, functions: 2 });
  assert.deepEqual(diff.complexity.after, { cyclomatic: 3, cognitive: 1, functions: 2 });
  assert.equal(diff.complexity.cyclomaticChangePercent, 50);
  assert.deepEqual(diff.files.modified, ['f.py']);
});
