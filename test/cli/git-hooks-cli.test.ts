import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, gitRepo, makeProject, runCli } from '../helpers.js';
import { CLAUDE, SAFE_DB, UNSAFE_DB, commit, git } from './commit-chain-helpers.js';

/** Reads every file under `directory` (relative path → content), to compare two states byte for byte. */
function filesUnder(directory: string, prefix = ''): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(join(directory, prefix), { withFileTypes: true })) {
    const path = join(prefix, entry.name);
    if (entry.isDirectory()) Object.assign(files, filesUnder(directory, path));
    else files[path] = readFileSync(join(directory, path), 'latin1');
  }
  return files;
}

function iterations(root: string): { commit: string; actor: string; verdict: string }[] {
  const records = JSON.parse(runCli(['ledger', 'export', '--format', 'json'], root).stdout).records;
  return records.map((r: { payload: { revision: { commit: string }; provenance: { actor: string }; verdict: { level: string } } }) => ({ commit: r.payload.revision.commit, actor: r.payload.provenance.actor, verdict: r.payload.verdict.level }));
}

/** Runs a git command the way a person would, hooks and all; returns its status and output. */
function gitRun(root: string, ...args: string[]) {
  const result = spawnSync('git', args, { cwd: root, encoding: 'utf8', env: cleanEnv() });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('init --git-hooks twice: the second run changes no byte; an existing hook keeps its content and still runs', () => {
  const root = gitRepo({ 'app/db.py': SAFE_DB });
  const hook = join(root, '.git/hooks/post-commit');
  writeFileSync(hook, '#!/bin/sh\necho "notified" >> "$(git rev-parse --git-dir)/notified"\n');
  chmodSync(hook, 0o755);
  const first = runCli(['init', '--git-hooks', '--pre-push'], root);
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stdout, /^added the loopwarden block at the end of the existing .git\/hooks\/post-commit: records each commit as an iteration$/m);
  assert.match(first.stdout, /^installed .git\/hooks\/pre-push: refuses a push whose verdict is block or review-required$/m);
  const after = readFileSync(hook, 'utf8');
  assert.ok(after.startsWith('#!/bin/sh\necho "notified" >> "$(git rev-parse --git-dir)/notified"\n\n# >>> loopwarden post-commit >>>\n'), after);
  const before = { git: filesUnder(join(root, '.git/hooks')), top: { config: readFileSync(join(root, '.loopwarden.yml'), 'latin1'), ignore: readFileSync(join(root, '.gitignore'), 'latin1') } };
  const second = runCli(['init', '--git-hooks', '--pre-push'], root);
  assert.equal(second.status, 0, second.stderr);
  assert.match(second.stdout, /^kept .git\/hooks\/post-commit \(loopwarden block already there\)/m);
  assert.deepEqual({ git: filesUnder(join(root, '.git/hooks')), top: { config: readFileSync(join(root, '.loopwarden.yml'), 'latin1'), ignore: readFileSync(join(root, '.gitignore'), 'latin1') } }, before);

  // The post-commit hook records the commit (provenance from its trailers) and the user's hook still runs.
  const made = gitRun(root, 'commit', '-q', '--allow-empty', '-m', `Tidy${CLAUDE}`);
  assert.equal(made.status, 0, made.stderr);
  const head = git(root, 'rev-parse', 'HEAD');
  // git shows a hook's output on standard error.
  assert.match(made.stderr, new RegExp(`^loopwarden: ${head.slice(0, 12)}  ai/claude-code +PASS +introduced 0  #1  Tidy\n$`));
  assert.equal(readFileSync(join(root, '.git/notified'), 'utf8'), 'notified\n');
  assert.deepEqual(iterations(root), [{ commit: head, actor: 'ai', verdict: 'pass' }]);
  assert.equal(runCli(['init', '--git-hooks', '--pre-push'], root).stdout.includes('installed'), false);
});

test('post-commit never blocks a commit: with a broken ledger the commit is made, one line says why', () => {
  const root = gitRepo({ 'app/db.py': SAFE_DB });
  assert.equal(runCli(['init', '--git-hooks'], root).status, 0);
  writeFileSync(join(root, '.loopwarden/ledger.db'), 'this is not a database');
  const made = gitRun(root, 'commit', '-q', '--allow-empty', '-m', 'after the damage');
  assert.equal(made.status, 0);
  assert.equal(git(root, 'log', '-1', '--format=%s'), 'after the damage');
  const lines = made.stderr.trim().split('\n');
  assert.equal(lines.length, 1, made.stderr);
  assert.match(lines[0]!, /^loopwarden: post-commit hook: .*ledger.db: cannot open the ledger \(file is not a database\); the commit stands, not recorded/);
  // Even without loopwarden at all (the CLI path gone, npx finds nothing), the commit is made.
  const hook = join(root, '.git/hooks/post-commit');
  writeFileSync(hook, readFileSync(hook, 'utf8').replaceAll(process.execPath, '/nonexistent/node'));
  assert.equal(gitRun(root, 'commit', '-q', '--allow-empty', '-m', 'no node').status, 0);
});

test('pre-push refuses a push whose verdict blocks (one line: why, how to go on) and hands the refs on to the hook already there', () => {
  const root = gitRepo({ 'app/db.py': SAFE_DB });
  const remote = makeProject({});
  git(remote, 'init', '-q', '--bare');
  git(root, 'remote', 'add', 'origin', remote);
  const existing = join(root, '.git/hooks/pre-push');
  writeFileSync(existing, '#!/bin/sh\ncat >> "$(git rev-parse --git-dir)/pushed-refs"\n');
  chmodSync(existing, 0o755);
  assert.equal(runCli(['init', '--git-hooks', '--pre-push'], root).status, 0);
  commit(root, 'Add config', { '.loopwarden.yml': readFileSync(join(root, '.loopwarden.yml'), 'utf8') });
  const good = gitRun(root, 'push', '-q', 'origin', 'HEAD:refs/heads/main');
  assert.equal(good.status, 0, good.stderr);
  assert.match(good.stdout + good.stderr, /^loopwarden: [0-9a-f]{12} PASS$/m, JSON.stringify(good));
  assert.match(readFileSync(join(root, '.git/pushed-refs'), 'utf8'), /^HEAD [0-9a-f]{40} refs\/heads\/main 0{40}\n$/);

  const bad = commit(root, `Add search${CLAUDE}`, { 'app/db.py': UNSAFE_DB });
  const refused = gitRun(root, 'push', '-q', 'origin', 'HEAD:refs/heads/main');
  assert.notEqual(refused.status, 0);
  const line = refused.stderr.split('\n').find((l) => l.startsWith('loopwarden:'))!;
  assert.match(line, new RegExp(`^loopwarden: push refused: ${bad.slice(0, 12)} is BLOCK: (new|still open since iteration #\\d+:) critical CWE-89 python-sqli-built-query at app/db.py:2: .* — fix it and commit, or have a person run \`loopwarden review --approve\`; \`git push --no-verify\` pushes anyway$`));
  assert.notEqual(git(remote, 'rev-parse', 'main'), bad);
});

test('husky (core.hooksPath .husky/_): hooks go to .husky/<hook> without a shebang, husky files stay, and a commit is recorded through husky', () => {
  const root = gitRepo({ 'app/db.py': SAFE_DB });
  // What `husky` (v9) sets up: core.hooksPath .husky/_, a runner `h` and one wrapper per hook.
  mkdirSync(join(root, '.husky/_'), { recursive: true });
  writeFileSync(join(root, '.husky/_/h'), '#!/usr/bin/env sh\nn=$(basename "$0")\ns=$(dirname "$(dirname "$0")")/$n\n[ ! -f "$s" ] && exit 0\nsh -e "$s" "$@"\n');
  for (const name of ['post-commit', 'pre-push', 'pre-commit']) writeFileSync(join(root, `.husky/_/${name}`), '#!/usr/bin/env sh\n. "$(dirname "$0")/h"\n', { mode: 0o755 });
  writeFileSync(join(root, '.husky/pre-commit'), 'npm test\n');
  git(root, 'config', 'core.hooksPath', '.husky/_');
  const wrappers = filesUnder(join(root, '.husky/_'));
  const result = runCli(['init', '--git-hooks'], root);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /^installed .husky\/post-commit \(husky\): records each commit as an iteration$/m);
  assert.match(readFileSync(join(root, '.husky/post-commit'), 'utf8'), /^# >>> loopwarden post-commit >>>\n/);
  assert.equal(readFileSync(join(root, '.husky/pre-commit'), 'utf8'), 'npm test\n');
  assert.deepEqual(filesUnder(join(root, '.husky/_')), wrappers);
  assert.equal(existsSync(join(root, '.git/hooks/post-commit')), false);
  const made = gitRun(root, 'commit', '-q', '--allow-empty', '--no-verify', '-m', 'through husky');
  assert.equal(made.status, 0, made.stderr);
  assert.match(made.stderr, /^loopwarden: [0-9a-f]{12}  human +PASS/);
  assert.equal(iterations(root).length, 1);
});

test('the pre-commit framework: its generated hook ends by exec; the block goes before, and both run', () => {
  const root = gitRepo({ 'app/db.py': SAFE_DB });
  const hook = join(root, '.git/hooks/post-commit');
  // The shape of pre-commit's hook template: everything ends in `exec`, so an appended block would never run.
  const generated = '#!/usr/bin/env bash\n# File generated by pre-commit: https://pre-commit.com\nARGS=(hook-impl --hook-type=post-commit)\nif true; then\n    exec sh -c \'echo framework >> "$(git rev-parse --git-dir)/framework-ran"\'\nfi\n';
  writeFileSync(hook, generated, { mode: 0o755 });
  const result = runCli(['init', '--git-hooks'], root);
  assert.match(result.stdout, /^added the loopwarden block after the first line of the existing .git\/hooks\/post-commit/m);
  assert.ok(readFileSync(hook, 'utf8').endsWith(generated.slice('#!/usr/bin/env bash\n'.length)));
  assert.equal(gitRun(root, 'commit', '-q', '--allow-empty', '-m', 'both').status, 0);
  assert.equal(readFileSync(join(root, '.git/framework-ran'), 'utf8'), 'framework\n');
  assert.equal(iterations(root).length, 1);
});

test('the pre-commit framework hook entry: records HEAD after a commit, judges PRE_COMMIT_TO_REF before a push', () => {
  const root = gitRepo({ 'app/db.py': SAFE_DB });
  const recorded = runCli(['git-hook', 'pre-commit-framework'], root);
  assert.equal(recorded.status, 0, recorded.stderr);
  assert.match(recorded.stdout, /^loopwarden: [0-9a-f]{12}  human +PASS +introduced 0  #1  baseline\n$/);
  const bad = commit(root, `Add search${CLAUDE}`, { 'app/db.py': UNSAFE_DB });
  const pushed = runCli(['git-hook', 'pre-commit-framework'], root, { env: { PRE_COMMIT_TO_REF: bad, PRE_COMMIT_FROM_REF: '0'.repeat(40) } });
  assert.equal(pushed.status, 1);
  assert.match(pushed.stderr, new RegExp(`^loopwarden: push refused: ${bad.slice(0, 12)} is BLOCK: new critical CWE-89`));
});

test('init: --pre-push without --git-hooks is one line, exit 2', () => {
  const root = gitRepo({ 'app/db.py': SAFE_DB });
  const result = runCli(['init', '--pre-push'], root);
  assert.equal(result.status, 2);
  assert.equal(result.stderr, 'loopwarden: --pre-push installs a git hook: use it with --git-hooks\n');
});
