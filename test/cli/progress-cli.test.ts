import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { gitRepo, makeProject, runCli, runCliInTerminal } from '../helpers.js';
import { SAFE_DB, UNSAFE_DB, commit, git } from './commit-chain-helpers.js';

const HAS_SCRIPT = spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;
const NO_SCRIPT = HAS_SCRIPT ? false : 'util-linux `script` is not installed: no pseudo-terminal to draw the bar on';

/** A project of `count` Python files, each with one weak hash: more than one batch of the scan's workers. */
function manyFiles(count: number): string {
  return makeProject(Object.fromEntries(Array.from({ length: count }, (_, i) => [`src/m${i}.py`, `import hashlib\n\ndef digest${i}(data):\n    return hashlib.md5(data)\n`])));
}

// What any bar would leave behind: its brackets and fill, a carriage movement, or its label.
const BAR_TRACES = /\[[=-]+\]|\x1b|\r|loopwarden scan/;

test('scan piped: no bar on standard error, and the report is byte for byte the one --quiet gives', () => {
  for (const count of [20, 80]) {
    const root = manyFiles(count);
    for (const format of ['text', 'json']) {
      const piped = runCli(['scan', '--format', format, '--fail-on', 'none'], root, { env: { CI: undefined }, timeoutMs: 60_000 });
      const quiet = runCli(['scan', '--format', format, '--fail-on', 'none', '--quiet'], root, { env: { CI: undefined }, timeoutMs: 60_000 });
      assert.ok(!piped.timedOut && !quiet.timedOut, 'a scan that does not end');
      assert.equal(piped.status, 0, piped.stderr);
      assert.equal(piped.stderr, '');
      assert.doesNotMatch(piped.stderr, BAR_TRACES);
      assert.equal(piped.stdout, quiet.stdout);
      assert.equal(quiet.stderr, '');
    }
    assert.match(runCli(['scan', '--fail-on', 'none'], root).stdout, new RegExp(`${count} findings \\(${count} medium\\); ${count} files`));
  }
});

test('scan at a terminal draws a bar with the count and ETA, then erases it before the report', { skip: NO_SCRIPT }, () => {
  const root = manyFiles(80);
  const run = runCliInTerminal(['scan', '--fail-on', 'none', '.'], root, { CI: undefined, TERM: 'xterm' });
  assert.equal(run.status, 0, run.output);
  assert.match(run.output, /loopwarden scan \[[=-]+\] 0\/80 files · 0% · ETA \?/);
  assert.match(run.output, /loopwarden scan \[=+\] 80\/80 files · 100% · ETA \d+s/);
  // The line is cleared before the report: the report's first line starts on a clean line.
  const afterBar = run.output.slice(run.output.lastIndexOf('\x1b[2K') + '\x1b[2K'.length);
  assert.match(afterBar, /^src\/m0\.py\r?\n/);
  assert.match(afterBar, /80 findings \(80 medium\); 80 files/);
  assert.doesNotMatch(afterBar, /loopwarden scan \[/);
});

test('at a terminal, --quiet or CI set: no bar', { skip: NO_SCRIPT }, () => {
  const root = manyFiles(20);
  const quiet = runCliInTerminal(['scan', '--fail-on', 'none', '--quiet', '.'], root, { CI: undefined, TERM: 'xterm' });
  const ci = runCliInTerminal(['scan', '--fail-on', 'none', '.'], root, { CI: 'true', TERM: 'xterm' });
  for (const run of [quiet, ci]) {
    assert.equal(run.status, 0, run.output);
    assert.doesNotMatch(run.output, /loopwarden scan|\x1b/);
    assert.match(run.output, /20 findings \(20 medium\); 20 files/);
  }
});

test('history and ci at a terminal count the commits replayed; piped they print only their report', { skip: NO_SCRIPT }, () => {
  const root = gitRepo({ 'app/db.py': SAFE_DB });
  const base = git(root, 'rev-parse', 'HEAD');
  assert.equal(runCli(['init'], root).status, 0);
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'set up loopwarden');
  const setUp = git(root, 'rev-parse', 'HEAD');
  git(root, 'branch', 'main-line');
  commit(root, 'Add search', { 'app/db.py': UNSAFE_DB });
  commit(root, 'Fix the query', { 'app/db.py': SAFE_DB });
  commit(root, 'Add a report', { 'app/report.py': 'LIMIT = 10\n' });

  const ci = runCliInTerminal(['ci', '--base', 'main-line', '--fail-on', 'never'], root, { CI: undefined, TERM: 'xterm' });
  assert.equal(ci.status, 0, ci.output);
  assert.match(ci.output, /loopwarden ci \[=+\] 3\/3 commits · 100% · ETA/);
  assert.match(ci.output, /3 commits since/);
  const ciPiped = runCli(['ci', '--base', 'main-line', '--fail-on', 'never'], root, { env: { CI: undefined } });
  assert.equal(ciPiped.stderr, '');

  const history = runCliInTerminal(['history', '--since', base], root, { CI: undefined, TERM: 'xterm' });
  assert.equal(history.status, 0, history.output);
  assert.match(history.output, /loopwarden history \[-+\] 0\/4 commits · 0% · ETA \?/);
  assert.match(history.output, /loopwarden history \[=+\] 4\/4 commits · 100% · ETA/);
  assert.match(history.output, /4 commits after [0-9a-f]{12} \(0 by AI\): 4 recorded/);
  const piped = runCli(['history', '--since', setUp], root, { env: { CI: undefined } });
  assert.equal(piped.status, 0, piped.stderr);
  assert.equal(piped.stderr, '');
  assert.match(piped.stdout, /^3 commits after /m);
});
