import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gitRepo, makeProject, runCli } from '../helpers.js';

// The code checked is written by an agent that may be manipulated: one file built to break the analysis
// must not stop the run, and must not let the rest of the code through unchecked.

const SAFE_DB = 'def find(cursor, name):\n    return cursor.execute("SELECT * FROM t WHERE n = ?", (name,))\n';
const UNSAFE_DB = 'def find(cursor, name):\n    return cursor.execute("SELECT * FROM t WHERE n = \'" + name + "\'")\n';

const nestedCalls = (depth: number) => `def f():\n    x = ${'g(\n'.repeat(depth)}1${'\n)'.repeat(depth)}\n`;
const nestedIfs = (depth: number) => `function f(a) {\n${'if (a) {\n'.repeat(depth)}${'}\n'.repeat(depth)}}\n`;
const nestedBlocks = (depth: number) => `int f(int a) {\n${'{\n'.repeat(depth)}${'}\n'.repeat(depth)}return a;\n}\n`;
const nestedLambdas = (depth: number) => `f = (${'lambda:\n'.repeat(depth)}1)\n`;
const nestedArrows = (depth: number) => `const f = ${'() =>\n'.repeat(depth)}1;\n`;
// Tainted data through a 5,000-term concatenation: following it recurses once per term.
const longConcatenation = (terms: number) =>
  `from flask import request\n\ndef search(cursor):\n    q = request.args.get("q")\n    s = "SELECT " + ${Array(terms).fill('q').join(' +\n        ')}\n    cursor.execute(s)\n`;

function scan(root: string, args: string[] = []) {
  const result = runCli(['scan', '--format', 'json', '--complexity', ...args], root);
  return { ...result, json: result.stdout ? JSON.parse(result.stdout) : undefined };
}

function check(root: string) {
  const result = runCli(['check', '--format', 'json', '--actor', 'ai'], root);
  return { ...result, json: result.stdout ? JSON.parse(result.stdout) : undefined };
}

const recordCount = (root: string) => JSON.parse(runCli(['ledger', 'export', '--format', 'json'], root).stdout).records.length;
const ruleIds = (json: { findings: { ruleId: string; path: string }[] }) => json.findings.map((f) => `${f.path} ${f.ruleId}`);

/** A repository whose accepted state is safe; then an AI iteration adds `hostile` and a SQL injection. */
function iterationWith(hostile: Record<string, string | Buffer>): string {
  const root = gitRepo({ 'app/db.py': SAFE_DB });
  assert.equal(runCli(['init'], root).status, 0);
  assert.equal(check(root).status, 0);
  writeFileSync(join(root, 'app/db.py'), UNSAFE_DB);
  for (const [path, content] of Object.entries(hostile)) writeFileSync(join(root, path), content);
  return root;
}

/** The scan still finds the injection and exits 1; the check still blocks on it and records the iteration. */
function assertGateHolds(root: string, label: string): { scanned: ReturnType<typeof scan>; checked: ReturnType<typeof check> } {
  const scanned = scan(root);
  assert.equal(scanned.status, 1, `${label}: scan ${scanned.stderr}`);
  assert.doesNotMatch(scanned.stderr, /internal error|RangeError|\n\s+at /, label);
  assert.ok(ruleIds(scanned.json).includes('app/db.py python-sqli-built-query'), `${label}: ${JSON.stringify(ruleIds(scanned.json))}`);
  const before = recordCount(root);
  const checked = check(root);
  assert.equal(checked.status, 1, `${label}: check ${checked.stderr}`);
  assert.doesNotMatch(checked.stderr, /internal error|RangeError|\n\s+at /, label);
  assert.equal(checked.json.verdict.level, 'block', label);
  assert.ok(checked.json.verdict.reasons.some((r: { code: string }) => r.code === 'finding-introduced'), `${label}: ${JSON.stringify(checked.json.verdict.reasons)}`);
  assert.equal(recordCount(root), before + 1, `${label}: the iteration is recorded`);
  return { scanned, checked };
}

const guardedMessage = (checked: ReturnType<typeof check>) =>
  checked.json.verdict.reasons.find((r: { code: string }) => r.code === 'guarded-change')?.message ?? '';

test('deep nesting that exhausted the stack is measured: 2,000 nested Python calls, 10,000 nested JS ifs, 20,000 nested C blocks', () => {
  const root = iterationWith({ 'app/deep.py': nestedCalls(2000), 'app/deep.js': nestedIfs(10_000), 'app/deep.c': nestedBlocks(20_000) });
  const { scanned } = assertGateHolds(root, 'deep nesting');
  const functions = new Map(scanned.json.functions.map((f: { path: string; name: string; maxNesting: number }) => [`${f.path} ${f.name}`, f.maxNesting]));
  assert.equal(functions.get('app/deep.js f'), 10_000);
  assert.equal(functions.get('app/deep.py f'), 0);
  assert.equal(functions.get('app/deep.c f'), 0);
  assert.deepEqual(scanned.json.notes, []);
});

test('1,600 nested lambdas or arrow functions are left unanalysed with a note, quickly, and guarded in check', () => {
  const root = iterationWith({ 'app/lambdas.py': nestedLambdas(1600), 'app/arrows.js': nestedArrows(1600) });
  const started = Date.now();
  const { scanned, checked } = assertGateHolds(root, 'nested functions');
  // Before: 400 levels took 6 s, 800 more than 25 s. A loose bound: the whole scan and check, not a benchmark.
  assert.ok(Date.now() - started < 30_000, `${Date.now() - started} ms`);
  assert.deepEqual(
    scanned.json.notes.map((n: { path: string; kind: string; message: string }) => `${n.path} ${n.kind} ${n.message}`),
    ['app/arrows.js analysis-budget skipped: nesting deeper than 1000', 'app/lambdas.py analysis-budget skipped: nesting deeper than 1000'],
  );
  assert.match(guardedMessage(checked), /app\/arrows\.js \(analysis-budget\), app\/lambdas\.py \(analysis-budget\)/);
});

test('tainted data through a 5,000-term concatenation is a note, and the rest of the scan goes on', () => {
  const root = iterationWith({ 'app/concat.py': longConcatenation(5000) });
  const { scanned, checked } = assertGateHolds(root, 'long concatenation');
  assert.deepEqual(scanned.json.notes, [{ path: 'app/concat.py', kind: 'analysis-budget', message: 'skipped: nesting deeper than 1000' }]);
  assert.match(guardedMessage(checked), /app\/concat\.py \(analysis-budget\)/);
});

test('a 5 MB single-line C file is skipped as generated, like any other language', () => {
  const root = makeProject({ 'table.c': `int table[] = {${'1,'.repeat(2_500_000)}1};\n`, 'x.c': 'int main(void) { return 0; }\n' });
  const scanned = scan(root, ['--max-file-size', '10000000']);
  assert.equal(scanned.status, 0, scanned.stderr);
  assert.deepEqual(scanned.json.skipped, [{ path: 'table.c', reason: 'minified' }]);
  assert.equal(scanned.json.summary.filesScanned, 1);
});

test('an invalid UTF-8 file next to a SQL injection: scan reports both, check blocks on the injection', () => {
  const root = iterationWith({ 'app/bad.py': Buffer.from([0x78, 0x20, 0x3d, 0x20, 0x22, 0xff, 0xfe, 0x22, 0x0a]) });
  const { scanned, checked } = assertGateHolds(root, 'invalid UTF-8');
  assert.deepEqual(scanned.json.notes, [{ path: 'app/bad.py', kind: 'undecodable', message: 'skipped: not valid UTF-8 (loopwarden reads source files as UTF-8)' }]);
  assert.equal(scanned.json.summary.notes, 1);
  assert.match(guardedMessage(checked), /app\/bad\.py \(undecodable\)/);
  const text = runCli(['scan'], root);
  assert.equal(text.status, 1);
  assert.match(text.stdout, /note: app\/bad\.py: skipped: not valid UTF-8/);
});

test('on worker threads too, an undecodable or too deeply nested file is a note and the rest decides', () => {
  const files: Record<string, string | Buffer> = { 'app/bad.py': Buffer.from([0xc3, 0x28, 0x0a]), 'app/lambdas.py': nestedLambdas(1200) };
  for (let i = 0; i < 70; i++) files[`app/m${i}.py`] = `def f${i}(x):\n    return x + ${i}\n`;
  const root = iterationWith(files);
  const { scanned, checked } = assertGateHolds(root, 'workers');
  assert.deepEqual(scanned.json.notes.map((n: { path: string; kind: string }) => `${n.path} ${n.kind}`).sort(), ['app/bad.py undecodable', 'app/lambdas.py analysis-budget']);
  assert.match(guardedMessage(checked), /app\/bad\.py \(undecodable\), app\/lambdas\.py \(analysis-budget\)/);
});

test('one line of 300,000 characters among thousands of short ones is a note, not a 20-second analysis', () => {
  // The average line stays short, so the file is not minified-looking: only the line limit stops it.
  const text = `x = [${'1, '.repeat(100_000)}1]\n${'y = 1\n'.repeat(5_000)}`;
  const root = iterationWith({ 'app/table.py': text });
  const started = Date.now();
  const { scanned, checked } = assertGateHolds(root, 'one huge line');
  assert.ok(Date.now() - started < 30_000, `${Date.now() - started} ms`);
  assert.deepEqual(scanned.json.notes, [{ path: 'app/table.py', kind: 'analysis-budget', message: 'skipped: a line of 300007 characters (the limit is 20000)' }]);
  assert.match(guardedMessage(checked), /app\/table\.py \(analysis-budget\)/);
});
