import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { gitRepo, runCli } from '../helpers.js';

// Long enough for a loaded 2-core machine, short enough that a hang fails the test instead of stalling the suite.
const TIMEOUT_MS = 20_000;

const BILLION_LAUGHS = [
  'a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]',
  'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
  'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
  'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
  'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
  'f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]',
  'g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]',
  'policy: *g',
  '',
].join('\n');

const ledgerRecords = (root: string): number => {
  const db = new Database(join(root, '.loopwarden', 'ledger.db'), { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM ledger_records').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

function tempDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), 'loopwarden-elsewhere-'));
  after(() => rmSync(directory, { recursive: true, force: true }));
  return directory;
}

/** A repository with one recorded check and a change waiting, so a check that went ahead would record. */
function checkedRepository(): string {
  const root = gitRepo({ 'app.py': 'x = 1\n' });
  assert.equal(runCli(['init'], root).status, 0);
  assert.equal(runCli(['check'], root).status, 0);
  writeFileSync(join(root, 'app.py'), 'x = 2\n');
  return root;
}

/** Replaces `.loopwarden.yml` with what `make` puts there, runs `check`, and checks it refused in one line, recording nothing. */
function assertCheckRefuses(make: (configPath: string, root: string) => void, message: RegExp): void {
  const root = checkedRepository();
  const configPath = join(root, '.loopwarden.yml');
  unlinkSync(configPath);
  make(configPath, root);
  const before = ledgerRecords(root);
  const result = runCli(['check'], root, { timeoutMs: TIMEOUT_MS });
  assert.equal(result.timedOut, false, 'check did not finish');
  assert.equal(result.status, 2, result.stderr);
  assert.match(result.stderr, /^loopwarden: [^\n]+\n$/, 'one line');
  assert.doesNotMatch(result.stderr, /internal error|\bat .*:\d+:\d+/);
  assert.match(result.stderr, message);
  assert.equal(ledgerRecords(root), before, 'nothing recorded');
}

test('an alias to an anchor that does not exist is one line naming file, line and alias', () => {
  assertCheckRefuses((path) => writeFileSync(path, 'policy:\n  chain: *missing\n'), /\.loopwarden\.yml:2: invalid YAML: alias \*missing refers to no anchor defined before it$/m);
});

test('an alias bomb ("billion laughs") is refused before it expands', () => {
  assertCheckRefuses((path) => writeFileSync(path, BILLION_LAUGHS), /\.loopwarden\.yml:2: invalid YAML: aliases expand to more than 100 nodes \(an alias bomb\?\)$/m);
});

test('a config that is a FIFO is refused without opening it (no hang)', () => {
  assertCheckRefuses((path) => execFileSync('mkfifo', [path]), /\.loopwarden\.yml: the config file is a FIFO \(named pipe\), not a regular file$/m);
});

test('a config that is a symbolic link to /dev/zero is refused (no endless read)', () => {
  assertCheckRefuses((path) => symlinkSync('/dev/zero', path), /\.loopwarden\.yml: the config file is a character device, not a regular file$/m);
});

test('a config that is a symbolic link to itself fails closed instead of falling back to the defaults', () => {
  assertCheckRefuses((path) => symlinkSync(path, path), /\.loopwarden\.yml: symbolic link loop \(the link points back to itself\)$/m);
});

test('a config that is a dangling symbolic link fails closed instead of falling back to the defaults', () => {
  assertCheckRefuses((path) => symlinkSync('gone.yml', path), /\.loopwarden\.yml: dangling symbolic link \(to gone\.yml, which does not exist\)$/m);
});

test('a config larger than 1 MiB is refused', () => {
  const padding = `# ${'x'.repeat(98)}\n`.repeat(10_486);
  assertCheckRefuses((path) => writeFileSync(path, `policy: {}\n${padding}`), /\.loopwarden\.yml: the config file is larger than 1 MiB, the limit for a config file$/m);
});

test('scan.rules pointing outside the repository is refused', () => {
  const elsewhere = tempDirectory();
  mkdirSync(join(elsewhere, 'rules'));
  assertCheckRefuses(
    (path) => writeFileSync(path, `scan:\n  rules: [${join(elsewhere, 'rules')}]\n`),
    /\.loopwarden\.yml: field 'scan\.rules': '.*' lies outside the repository .*; name such a directory with --rules on the command line$/m,
  );
});

test('scan.rules through a symbolic link inside the repository that leads outside is refused; --rules may name any directory', () => {
  const elsewhere = tempDirectory();
  mkdirSync(join(elsewhere, 'rules'));
  assertCheckRefuses((path, root) => {
    symlinkSync(join(elsewhere, 'rules'), join(root, 'my-rules'));
    writeFileSync(path, 'scan:\n  rules: [my-rules]\n');
  }, /field 'scan\.rules': 'my-rules' \(.*loopwarden-elsewhere-.*\/rules\) lies outside the repository/m);
  const root = gitRepo({ 'app.py': 'x = 1\n' });
  const scan = runCli(['scan', '--rules', join(elsewhere, 'rules')], root, { timeoutMs: TIMEOUT_MS });
  assert.equal(scan.status, 0, scan.stderr);
});

test('a rule file with an alias bomb, an alias cycle or a FIFO in its place is one line, exit 2', () => {
  const cases: [string, (path: string) => void, RegExp][] = [
    ['bomb', (path) => writeFileSync(path, BILLION_LAUGHS), /bomb\.yml:2: invalid YAML: aliases expand to more than 100 nodes/],
    ['cycle', (path) => writeFileSync(path, 'id: cycle\nrule: &r\n  not: *r\n'), /cycle\.yml:3: invalid YAML: alias \*r refers to a node that contains it$/m],
    ['pipe', (path) => execFileSync('mkfifo', [path]), /pipe\.yml: the rule file is a FIFO \(named pipe\), not a regular file$/m],
  ];
  for (const [name, make, message] of cases) {
    const root = gitRepo({ 'app.py': 'x = 1\n', 'rules/python/misc/.keep': '' });
    make(join(root, 'rules/python/misc', `${name}.yml`));
    const result = runCli(['scan', '--rules', 'rules'], root, { timeoutMs: TIMEOUT_MS });
    assert.equal(result.timedOut, false, `${name}: scan did not finish`);
    assert.equal(result.status, 2, `${name}: ${result.stderr}`);
    assert.match(result.stderr, /^loopwarden: [^\n]+\n$/, `${name}: one line`);
    assert.match(result.stderr, message);
  }
});

test('brackets nested past the limit are refused quickly, naming the line', () => {
  const root = gitRepo({ 'app.py': 'x = 1\n', '.loopwarden.yml': `policy:\n  x: ${'['.repeat(300_000)}\n` });
  const result = runCli(['scan'], root, { timeoutMs: TIMEOUT_MS });
  assert.equal(result.timedOut, false);
  assert.equal(result.status, 2, result.stderr);
  assert.match(result.stderr, /^loopwarden: .*\.loopwarden\.yml:2: invalid YAML: brackets nested more than 256 deep\n$/);
});

test('block nesting indented past the limit is refused before the parser can run out of stack', () => {
  // 1392 levels is what aborted a fuzzing process (V8 ran out of stack inside a regular expression).
  const sequence = Array.from({ length: 1392 }, (_, i) => `${' '.repeat(i)}-`).join('\n');
  const root = gitRepo({ 'app.py': 'x = 1\n', '.loopwarden.yml': sequence });
  const result = runCli(['scan'], root, { timeoutMs: TIMEOUT_MS });
  assert.equal(result.timedOut, false);
  assert.equal(result.status, 2, result.stderr);
  assert.match(result.stderr, /^loopwarden: .*\.loopwarden\.yml:257: invalid YAML: nesting indented more than 256 columns\n$/);
});
