import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gitRepo, makeProject, runCli } from '../helpers.js';

const HASH_PY = 'import hashlib\n\ndef h(x):\n    return hashlib.md5(x)\n';
const SUMMARY = '1 finding (1 medium); 1 file, 4 lines scanned; 0 suppressed; 0 skipped — passes --fail-on high\n';

test('with --output the report goes to the file and the summary line still to stderr, in every format', () => {
  const root = makeProject({ 'h.py': HASH_PY });
  for (const format of ['text', 'concise', 'github', 'json', 'sarif']) {
    const { status, stdout, stderr } = runCli(['scan', '--format', format, '--output', `out/report.${format}`], root);
    assert.deepEqual([status, stdout, stderr], [0, '', SUMMARY], format);
    const written = readFileSync(join(root, `out/report.${format}`), 'utf8');
    assert.match(written, /python-weak-hash/, format);
  }
  assert.ok(readFileSync(join(root, 'out/report.text'), 'utf8').endsWith(SUMMARY), 'the text report keeps its own summary line');
  assert.equal(JSON.parse(readFileSync(join(root, 'out/report.json'), 'utf8')).summary.findings, 1);
});

test('without --output nothing goes to stderr', () => {
  const root = makeProject({ 'h.py': HASH_PY });
  for (const format of ['text', 'json']) assert.equal(runCli(['scan', '--format', format], root).stderr, '', format);
});

/** Returns the one line a failed write printed, after checking it is the only output and the exit code is 2. */
function oneErrorLine(result: { status: number; stdout: string; stderr: string }): string {
  assert.equal(result.status, 2, result.stderr);
  assert.equal(result.stdout, '');
  const lines = result.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, result.stderr);
  return lines[0]!;
}

test('--output into a read-only directory: exit 2, one line naming the target, no temporary file left', () => {
  const root = makeProject({ 'h.py': HASH_PY, 'out/.keep': '' });
  const out = join(root, 'out');
  // root writes through directory permissions: run the CLI as nobody then, so the permission is real.
  const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  if (asUser.uid !== undefined) chmodSync(root, 0o755);
  chmodSync(out, 0o555);
  try {
    const line = oneErrorLine(runCli(['scan', '--format', 'sarif', '--output', 'out/report.sarif'], root, asUser));
    assert.equal(line, 'loopwarden: out/report.sarif: cannot write (EACCES: permission denied)');
    assert.deepEqual(readdirSync(out), ['.keep']);
  } finally {
    chmodSync(out, 0o755);
  }
});

test('--output under a regular file, or onto a directory: exit 2, one line naming the target, nothing left behind', () => {
  const root = makeProject({ 'h.py': HASH_PY, 'notes.txt': 'mine\n', 'taken/.keep': '' });
  const before = readdirSync(root).sort();
  assert.equal(oneErrorLine(runCli(['scan', '-o', 'notes.txt/report.sarif'], root)), 'loopwarden: notes.txt/report.sarif: cannot write (ENOTDIR: not a directory)');
  assert.equal(oneErrorLine(runCli(['scan', '-o', 'notes.txt/deeper/report.sarif'], root)), 'loopwarden: notes.txt/deeper/report.sarif: cannot write (ENOTDIR: not a directory)');
  // The temporary file is written beside the target before the rename fails: it must be gone.
  assert.equal(oneErrorLine(runCli(['scan', '-o', join(root, 'taken')], root)), 'loopwarden: taken: cannot write (EISDIR: illegal operation on a directory)');
  assert.deepEqual(readdirSync(root).sort(), before);
  assert.deepEqual(readdirSync(join(root, 'taken')), ['.keep']);
  assert.equal(readFileSync(join(root, 'notes.txt'), 'utf8'), 'mine\n');
});

test('ledger export --output writes the file, and a failed write is one line naming the target', () => {
  const root = gitRepo({ 'a.py': 'x = 1\n', 'notes.txt': 'mine\n' });
  assert.equal(runCli(['init'], root).status, 0);
  assert.equal(runCli(['check', '--actor', 'human'], root).status, 0);
  const exported = runCli(['ledger', 'export', '--output', 'records/ledger.json'], root);
  assert.deepEqual([exported.status, exported.stdout, exported.stderr], [0, '', '']);
  assert.equal(JSON.parse(readFileSync(join(root, 'records/ledger.json'), 'utf8')).records.length, 1);
  assert.equal(oneErrorLine(runCli(['ledger', 'export', '--output', 'notes.txt/ledger.csv', '--format', 'csv'], root)), 'loopwarden: notes.txt/ledger.csv: cannot write (ENOTDIR: not a directory)');
  assert.deepEqual(readdirSync(root).filter((name) => name.startsWith('notes.txt')), ['notes.txt']);
});
