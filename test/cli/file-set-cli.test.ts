import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { makeProject, runCli } from '../helpers.js';

const WEAK = (n: number) => `import hashlib\nhashlib.md5(b"${n}")\n`;
const PADDING = `# ${'padding '.repeat(30)}\n`;

/**
 * A repository whose work tree holds, each with a finding: a tracked file changed since HEAD, a new
 * untracked file, a tracked file under `scan.exclude`, a tracked file above `scan.maxFileSize`, and an
 * untracked file in .git/info/exclude.
 */
function repository(): string {
  const root = makeProject({ 'app.py': 'x = 1\n', 'generated/gen.py': 'x = 2\n', 'big.py': `x = 3\n${PADDING}` });
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'pipe' });
  git('init', '-q');
  git('config', 'user.email', 'dev@example.com');
  git('config', 'user.name', 'Dev');
  assert.equal(runCli(['init'], root).status, 0);
  writeFileSync(join(root, '.loopwarden.yml'), 'scan:\n  exclude: ["generated/**"]\n  maxFileSize: 200\n');
  git('add', '-A');
  git('commit', '-qm', 'baseline');
  writeFileSync(join(root, 'app.py'), WEAK(1));
  writeFileSync(join(root, 'new.py'), WEAK(2));
  writeFileSync(join(root, 'generated/gen.py'), WEAK(3));
  writeFileSync(join(root, 'local.py'), WEAK(4));
  writeFileSync(join(root, 'big.py'), `${WEAK(5)}${PADDING}`);
  appendFileSync(join(root, '.git/info/exclude'), 'local.py\n');
  return root;
}

test('scan, diff HEAD WORKTREE and check analyse the same files: git excludes and scan.exclude apply to all three', () => {
  const root = repository();
  const expected = ['app.py', 'new.py'];

  const scan = JSON.parse(runCli(['scan', '--format', 'json', '--fail-on', 'none'], root).stdout);
  assert.deepEqual([...new Set(scan.findings.map((f: { path: string }) => f.path))].sort(), expected);
  assert.equal(scan.summary.filesScanned, expected.length);
  assert.deepEqual(scan.skipped, [{ path: 'big.py', reason: 'too-large' }, { path: 'generated', reason: 'excluded' }, { path: 'local.py', reason: 'gitignored' }]);

  const diff = JSON.parse(runCli(['diff', 'HEAD', 'WORKTREE', '--format', 'json', '--fail-on', 'none'], root).stdout).diff;
  assert.deepEqual([...diff.files.added, ...diff.files.modified, ...diff.files.removed].sort(), expected);
  assert.deepEqual([...new Set(diff.introduced.map((f: { path: string }) => f.path))].sort(), expected);

  const check = runCli(['check', '--format', 'json', '--actor', 'human'], root);
  assert.equal(check.stderr, '');
  const checkDiff = JSON.parse(check.stdout).diff;
  assert.deepEqual([...checkDiff.files.added, ...checkDiff.files.modified, ...checkDiff.files.removed].sort(), expected);
  // The recorded work-tree snapshot lists every analysed file, changed or not.
  const [record] = JSON.parse(runCli(['ledger', 'export', '--format', 'json'], root).stdout).records;
  const db = new Database(join(root, '.loopwarden', 'ledger.db'), { readonly: true });
  const body = (db.prepare('SELECT body FROM snapshots WHERE id = ?').get(record.payload.snapshotId) as { body: string }).body;
  db.close();
  assert.deepEqual(JSON.parse(body).files.map((f: { path: string }) => f.path), expected);
});

test('check --rev and diff of two revisions leave excluded and too large files out of commits too', () => {
  const root = repository();
  execFileSync('git', ['add', '-A'], { cwd: root });
  execFileSync('git', ['commit', '-qm', 'weak hashes'], { cwd: root });
  const diff = JSON.parse(runCli(['diff', 'HEAD~1', 'HEAD', '--format', 'json', '--fail-on', 'none'], root).stdout).diff;
  assert.deepEqual([...diff.files.added, ...diff.files.modified].sort(), ['app.py', 'new.py']);
  const check = JSON.parse(runCli(['check', '--rev', 'HEAD', '--format', 'json', '--actor', 'human'], root).stdout).diff;
  assert.deepEqual([...check.files.added, ...check.files.modified].sort(), ['app.py', 'new.py']);
});

test('a path named on the command line that the config excludes gets a note naming the pattern', () => {
  const root = repository();
  for (const named of ['generated/gen.py', 'generated']) {
    const { status, stdout } = runCli(['scan', named, '--format', 'json'], root);
    const report = JSON.parse(stdout);
    assert.equal(status, 0);
    assert.equal(report.summary.filesScanned, 0);
    assert.deepEqual(report.notes, [{ path: named, kind: 'excluded-path', message: "named on the command line but excluded by the pattern 'generated/**' (scan.exclude or --exclude); not scanned" }]);
  }
  assert.match(runCli(['scan', 'generated/gen.py'], root).stdout, /note: generated\/gen\.py: named on the command line but excluded by the pattern 'generated\/\*\*'/);
});
