import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runScanner } from '../../src/scanners/run-scanner.js';
import { scannerSettingsSchema, type ScannerSettings } from '../../src/scanners/scanner-settings.js';
import { makeProject } from '../helpers.js';

/** A valid SARIF log with one result per file named on the command line. */
const REPORTING = `
const files = process.argv.slice(2);
const results = files.map((uri) => ({ ruleId: 'P1', level: 'error', message: { text: 'found in ' + uri }, locations: [{ physicalLocation: { artifactLocation: { uri }, region: { startLine: 1 } } }] }));
process.stdout.write(JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'probe', rules: [{ id: 'P1', properties: { tags: ['external/cwe/cwe-78'] } }] } }, results }] }));
process.exitCode = Number(process.env.PROBE_EXIT ?? 0);
`;

function probe(script: string, extra: Partial<ScannerSettings> = {}): { scanner: ScannerSettings; root: string } {
  const root = makeProject({ 'probe.cjs': script, 'a.py': 'print(1)\n', 'b.py': 'print(2)\n' });
  const scanner = scannerSettingsSchema.parse({ name: 'probe', command: [process.execPath, join(root, 'probe.cjs'), '{files}'], languages: ['python'], ...extra });
  return { scanner, root };
}

test('a scanner that prints valid SARIF covers its files; exit code 1 with valid SARIF is a run that found something, not a failure', async () => {
  const { scanner, root } = probe(REPORTING);
  process.env.PROBE_EXIT = '1';
  try {
    const outcome = await runScanner(scanner, root, ['a.py', 'b.py']);
    assert.deepEqual([outcome.covered, outcome.missed, outcome.problems], [['a.py', 'b.py'], [], []]);
    assert.deepEqual(outcome.results.map((r) => [r.tool, r.toolRuleId, r.path, r.cwe, r.severity]), [['probe', 'P1', 'a.py', ['CWE-78'], 'high'], ['probe', 'P1', 'b.py', ['CWE-78'], 'high']]);
  } finally {
    delete process.env.PROBE_EXIT;
  }
});

test('a scanner that crashes is a failure naming it, its exit code and its last words; its files are missed', async () => {
  const { scanner, root } = probe(`process.stderr.write('Traceback: boom\\n'); process.exit(3);`);
  const outcome = await runScanner(scanner, root, ['a.py']);
  assert.deepEqual([outcome.covered, outcome.missed, outcome.results], [[], ['a.py'], []]);
  assert.equal(outcome.problems.length, 1);
  assert.match(outcome.problems[0]!, /^probe: a\.py: exited with code 3 \(Traceback: boom\) and printed no valid SARIF: empty output, no SARIF log; its findings there were not re-checked$/);
});

test('a scanner that hangs is stopped at its timeout, with the children it started', async () => {
  const { scanner, root } = probe(
    `const { spawn } = require('node:child_process');
     const child = spawn(process.execPath, ['-e', 'require("fs").writeFileSync(process.argv[1], String(process.pid)); setInterval(() => {}, 1000)', require('path').join(__dirname, 'child.pid')], { stdio: 'inherit' });
     setInterval(() => {}, 1000);`,
    { timeout: 1 },
  );
  const started = Date.now();
  const outcome = await runScanner(scanner, root, ['a.py']);
  assert.ok(Date.now() - started < 10_000, 'stopped long before the test would time out');
  assert.deepEqual(outcome.missed, ['a.py']);
  assert.match(outcome.problems[0]!, /^probe: a\.py: timed out after 1 s; its findings there were not re-checked$/);
  const pidFile = join(root, 'child.pid');
  assert.ok(existsSync(pidFile), 'the grandchild ran');
  const pid = Number(readFileSync(pidFile, 'utf8'));
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.ok(!running(pid), 'the grandchild was killed with its group');
});

/** Whether a process runs: a killed one may linger as a zombie where nothing reaps orphans (a container's PID 1). */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

test('output that is not SARIF, or SARIF the schema refuses, or a run the tool says failed: failures, with the reason', async () => {
  const cases: [string, RegExp][] = [
    [`process.stdout.write('Scanning... done')`, /printed no valid SARIF: not JSON/],
    [`process.stdout.write(JSON.stringify({ version: '2.1.0', runs: [{ tool: {} }] }))`, /printed no valid SARIF: \/runs\/0\/tool must have required property 'driver'/],
    [`process.stdout.write(JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'p' } }, invocations: [{ executionSuccessful: false }], results: [] }] }))`, /the tool says its run did not succeed/],
  ];
  for (const [script, expected] of cases) {
    const { scanner, root } = probe(script);
    const outcome = await runScanner(scanner, root, ['a.py']);
    assert.deepEqual(outcome.missed, ['a.py'], script);
    assert.match(outcome.problems.join('\n'), expected);
  }
});

test('an error notification naming one file misses that file only', async () => {
  const { scanner, root } = probe(`process.stdout.write(JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'p' } }, invocations: [{ executionSuccessful: true, toolExecutionNotifications: [{ level: 'error', message: { text: 'syntax error' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'b.py' } } }] }] }], results: [] }] }))`);
  const outcome = await runScanner(scanner, root, ['a.py', 'b.py']);
  assert.deepEqual([outcome.covered, outcome.missed], [['a.py'], ['b.py']]);
  assert.deepEqual(outcome.problems, ['probe: b.py: syntax error; its findings there were not re-checked']);
});

test('a program that is not there, and output past the limit, are failures', async () => {
  const root = makeProject({ 'a.py': 'x = 1\n' });
  const missing = scannerSettingsSchema.parse({ name: 'nope', command: ['loopwarden-no-such-scanner', '{files}'], languages: ['python'] });
  const outcome = await runScanner(missing, root, ['a.py']);
  assert.deepEqual(outcome.problems, ["nope: a.py: cannot run 'loopwarden-no-such-scanner': not found on PATH; its findings there were not re-checked"]);
  const { scanner, root: bigRoot } = probe(`const chunk = Buffer.alloc(1024 * 1024, 32); let n = 0; const write = () => { while (n < 70 && process.stdout.write(chunk)) n++; if (n < 70) process.stdout.once('drain', () => { n++; write(); }); }; write();`);
  const big = await runScanner(scanner, bigRoot, ['a.py']);
  assert.match(big.problems[0]!, /printed more than 64 MB/);
});

test('a result naming a file it was not asked about voids the run (it may be one of them, misread); {files} is a whole argument and the program cannot be it', async () => {
  const { scanner, root } = probe(REPORTING);
  writeFileSync(join(root, 'wrapper.cjs'), `process.argv.push('c.py'); require('./probe.cjs');`);
  const widened = { ...scanner, command: [process.execPath, join(root, 'wrapper.cjs'), '{files}'] };
  const outcome = await runScanner(widened, root, ['a.py']);
  assert.deepEqual([outcome.results, outcome.covered, outcome.missed], [[], [], ['a.py']]);
  assert.deepEqual(outcome.problems, ['probe: a.py: 1 of its results name no file it was asked about; its findings there were not re-checked']);
  assert.equal(scannerSettingsSchema.safeParse({ name: 'x', command: ['tool', '--files={files}'], languages: ['c'] }).success, false);
  assert.equal(scannerSettingsSchema.safeParse({ name: 'x', command: ['{files}'], languages: ['c'] }).success, false);
  assert.equal(scannerSettingsSchema.safeParse({ name: 'loopwarden', command: ['x'], languages: ['c'] }).success, false);
  assert.equal(scannerSettingsSchema.safeParse({ name: 'x', command: ['x'], languages: ['cobol'] }).success, false);
});
