import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { CLI, gitRepo, makeProject, runCli } from '../helpers.js';

const ANSI = /\x1b\[/;
const HASH_PY = 'import hashlib\n\ndef h(x):\n    return hashlib.md5(x)\n';
// No colour variable set, as on a developer's machine; TERM is a colour terminal's.
const PLAIN_ENV = { NO_COLOR: undefined, FORCE_COLOR: undefined, CI: undefined, TERM: 'xterm-256color' };

/** A git repository with a weakness, initialised for `check`. */
function checkedProject(): string {
  const root = gitRepo({ 'a.py': 'x = 1\n' });
  runCli(['init'], root);
  return root;
}

/** The three commands that print coloured text, each as arguments and a directory to run them in. */
function colouredCommands(): [string, string[], string][] {
  const scanRoot = makeProject({ 'h.py': HASH_PY, 'before.py': 'x = 1\n' });
  return [
    // No progress bar: its cursor movements are escape sequences too, and would pass for colour.
    ['scan', ['scan', '--quiet', 'h.py'], scanRoot],
    ['diff', ['diff', 'before.py', 'h.py'], scanRoot],
    ['check', ['check', '--actor', 'human'], checkedProject()],
  ];
}

test('without a terminal there is no colour, and FORCE_COLOR=1 turns it on (scan, diff, check)', () => {
  for (const [name, args, cwd] of colouredCommands()) {
    assert.doesNotMatch(runCli(args, cwd, { env: PLAIN_ENV }).stdout, ANSI, name);
    assert.match(runCli(args, cwd, { env: { ...PLAIN_ENV, FORCE_COLOR: '1' } }).stdout, ANSI, name);
  }
});

test('--color wins over NO_COLOR, --no-color over FORCE_COLOR, and of the two flags the last one given (scan, diff, check)', () => {
  for (const [name, args, cwd] of colouredCommands()) {
    assert.doesNotMatch(runCli(args, cwd, { env: { ...PLAIN_ENV, NO_COLOR: '1' } }).stdout, ANSI, name);
    assert.match(runCli([...args, '--color'], cwd, { env: { ...PLAIN_ENV, NO_COLOR: '1' } }).stdout, ANSI, `${name} --color`);
    assert.doesNotMatch(runCli([...args, '--no-color'], cwd, { env: { ...PLAIN_ENV, FORCE_COLOR: '1' } }).stdout, ANSI, `${name} --no-color`);
    assert.match(runCli([...args, '--no-color', '--color'], cwd, { env: PLAIN_ENV }).stdout, ANSI, `${name} --no-color --color`);
    assert.doesNotMatch(runCli([...args, '--color', '--no-color'], cwd, { env: PLAIN_ENV }).stdout, ANSI, `${name} --color --no-color`);
  }
});

test('a report written with --output is never coloured, even with --color or FORCE_COLOR', () => {
  const root = makeProject({ 'h.py': HASH_PY });
  const result = runCli(['scan', '--color', '--output', 'report.txt'], root, { env: { ...PLAIN_ENV, FORCE_COLOR: '1' } });
  assert.equal(result.status, 0, result.stderr);
  const report = readFileSync(`${root}/report.txt`, 'utf8');
  assert.match(report, /python-weak-hash/);
  assert.doesNotMatch(report, ANSI);
  assert.doesNotMatch(result.stderr, ANSI);
});

const hasScript = spawnSync('script', ['--version']).status === 0;

/** Runs the CLI with a pseudo-terminal as standard output (util-linux `script`); returns what it printed. */
function runInTerminal(args: string[], cwd: string, env: Record<string, string | undefined>): string {
  const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;
  const command = [process.execPath, CLI, ...args].map(quote).join(' ');
  const result = spawnSync('script', ['-qec', command, '/dev/null'], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  assert.notEqual(result.status, 2, result.stdout);
  return result.stdout;
}

test('on a terminal there is colour, but not with NO_COLOR=1 or TERM=dumb (scan, diff, check)', { skip: !hasScript && 'needs util-linux script for a terminal' }, () => {
  for (const [name, args, cwd] of colouredCommands()) {
    assert.match(runInTerminal(args, cwd, PLAIN_ENV), ANSI, name);
    assert.doesNotMatch(runInTerminal(args, cwd, { ...PLAIN_ENV, NO_COLOR: '1' }), ANSI, `${name} NO_COLOR=1`);
    assert.doesNotMatch(runInTerminal(args, cwd, { ...PLAIN_ENV, TERM: 'dumb' }), ANSI, `${name} TERM=dumb`);
    assert.match(runInTerminal([...args, '--color'], cwd, { ...PLAIN_ENV, TERM: 'dumb' }), ANSI, `${name} TERM=dumb --color`);
  }
});
