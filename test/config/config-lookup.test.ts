import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findConfigFile, repositoryTopFor } from '../../src/config/config-lookup.js';
import { TOOL_VERSION } from '../../src/version.js';
import { gitRepo, makeProject, runCli } from '../helpers.js';

const WEAK_HASH = 'import hashlib\nhashlib.md5(b"x")\n';

test('the nearest config file from the start directory up to the top wins', () => {
  const root = makeProject({ '.loopwarden.yml': 'scan: {}\n', 'a/.loopwarden.yaml': 'scan: {}\n', 'a/b/c/x.py': '' });
  assert.equal(findConfigFile(join(root, 'a/b/c'), root), join(root, 'a/.loopwarden.yaml'));
  assert.equal(findConfigFile(join(root, 'a'), root), join(root, 'a/.loopwarden.yaml'));
  assert.equal(findConfigFile(root, root), join(root, '.loopwarden.yml'));
});

test('the search stops at the top, and searches only the start directory when it is outside the top', () => {
  const root = makeProject({ '.loopwarden.yml': 'scan: {}\n', 'repo/src/x.py': '', 'elsewhere/x.py': '' });
  assert.equal(findConfigFile(join(root, 'repo/src'), join(root, 'repo')), undefined);
  assert.equal(findConfigFile(join(root, 'elsewhere'), join(root, 'repo')), undefined);
});

test('.loopwarden.yml and .loopwarden.yaml in one directory is an error naming both', () => {
  const root = makeProject({ '.loopwarden.yml': '', '.loopwarden.yaml': '', 'sub/x.py': '' });
  assert.throws(() => findConfigFile(join(root, 'sub'), root), {
    name: 'UserError',
    message: `${join(root, '.loopwarden.yml')} and ${join(root, '.loopwarden.yaml')}: both exist; keep one of them`,
  });
});

test('the repository top is the nearest directory holding .git, a directory or a file', () => {
  const root = makeProject({ 'repo/.git/HEAD': '', 'repo/sub/x.py': '', 'repo/worktree/.git': 'gitdir: ../.git\n', 'repo/worktree/y/z.py': '' });
  assert.equal(repositoryTopFor(join(root, 'repo/sub')), join(root, 'repo'));
  assert.equal(repositoryTopFor(join(root, 'repo/worktree/y')), join(root, 'repo/worktree'));
});

test('scan in a subdirectory of a repository reads the config at the repository top', () => {
  const root = gitRepo({ '.loopwarden.yml': 'scan:\n  failOn: medium\n', 'app/h.py': WEAK_HASH });
  const result = runCli(['scan'], join(root, 'app'));
  assert.equal(result.status, 1, result.stderr);
  assert.match(result.stdout, /fails --fail-on medium/);
});

test('a config above the repository, or above the directory outside any repository, is not read', () => {
  const root = makeProject({ '.loopwarden.yml': 'polcy: {}\n', 'plain/h.py': WEAK_HASH, 'repo/h.py': WEAK_HASH });
  assert.equal(runCli(['scan'], join(root, 'plain')).status, 0);
  execFileSync('git', ['init', '-q'], { cwd: join(root, 'repo') });
  assert.equal(runCli(['scan'], join(root, 'repo')).status, 0);
  // The same misspelt config one level down, inside the scanned directory, is read and refused.
  writeFileSync(join(root, 'plain', '.loopwarden.yml'), 'polcy: {}\n');
  assert.match(runCli(['scan'], join(root, 'plain')).stderr, /unknown key 'polcy' — did you mean 'policy'\?/);
});

test('.loopwarden.yaml is read; --config wins over the file found', () => {
  const root = gitRepo({ '.loopwarden.yaml': 'scan:\n  failOn: medium\n', 'other.yml': 'scan:\n  failOn: none\n', 'h.py': WEAK_HASH });
  assert.equal(runCli(['scan'], root).status, 1);
  assert.equal(runCli(['scan', '--config', 'other.yml'], root).status, 0);
  writeFileSync(join(root, '.loopwarden.yml'), '');
  const both = runCli(['scan'], root);
  assert.equal(both.status, 2);
  assert.match(both.stderr, /^loopwarden: .*\.loopwarden\.yml and .*\.loopwarden\.yaml: both exist; keep one of them\n$/);
});

test('diff and check in a subdirectory read the nearest config up to the repository top', () => {
  // A size limit below the changed file's size: the config is read when nothing is introduced.
  const root = gitRepo({ '.loopwarden.yml': 'policy:\n  chain:\n    maxConsecutiveAiIterations: 1\nscan:\n  maxFileSize: 10\n', 'app/h.py': 'x = 1\n' });
  writeFileSync(join(root, 'app/h.py'), WEAK_HASH);
  const diff = JSON.parse(runCli(['diff', 'HEAD', 'WORKTREE', '--format', 'json'], join(root, 'app')).stdout);
  assert.deepEqual(diff.diff.introduced, []);
  const check = runCli(['check', '--actor', 'ai', '--format', 'json'], join(root, 'app'));
  assert.equal(check.status, 0, check.stderr);
  assert.deepEqual(JSON.parse(check.stdout).chain, { aiIterationsSinceReview: 1, limit: 1 });
});

test('the config cache at the repository top is keyed by the file found: each directory gets its own config', () => {
  const root = gitRepo({
    '.loopwarden.yml': 'policy:\n  chain:\n    maxConsecutiveAiIterations: 1\n',
    'pkg/.loopwarden.yaml': 'policy:\n  chain:\n    maxConsecutiveAiIterations: 5\n',
  });
  assert.equal(runCli(['init'], root).status, 0);
  const limit = (cwd: string) => JSON.parse(runCli(['status', '--format', 'json'], cwd).stdout).chain.limit;
  assert.equal(limit(root), 1);
  assert.equal(JSON.parse(readFileSync(join(root, '.loopwarden', 'config.cache.json'), 'utf8')).source, join(root, '.loopwarden.yml'));
  assert.equal(limit(join(root, 'pkg')), 5);
  assert.equal(limit(root), 1);
});

test('a cached config written by another build of the schema is validated again', () => {
  const root = gitRepo({ '.loopwarden.yml': 'polcy:\n  chain: {}\n', 'a.py': 'x = 1\n', '.loopwarden/ledger-placeholder': '' });
  const source = join(root, '.loopwarden.yml');
  // What an older build, whose schema let unknown top-level keys through, cached for this very file.
  const stale = {
    version: TOOL_VERSION,
    schema: 'an older build',
    source,
    sourceHash: createHash('sha256').update(readFileSync(source)).digest('hex'),
    config: { scan: { rules: [], include: [], exclude: [], maxFileSize: 1048576, failOn: 'high', select: [], ignore: [] }, policy: { chain: { maxConsecutiveAiIterations: 3, humanIterationEndsChain: true }, findings: { block: [], reviewRequired: [], warn: [] }, complexity: { functionCyclomaticIncrease: 5, totalIncreasePercent: 20, reviewWhenChainAtLeast: 2 }, overrides: [] } },
  };
  writeFileSync(join(root, '.loopwarden', 'config.cache.json'), JSON.stringify(stale));
  const result = runCli(['scan'], root);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /\.loopwarden\.yml:1: unknown key 'polcy' — did you mean 'policy'\?/);
});

test('init keeps an existing .loopwarden.yaml instead of writing a second config beside it', () => {
  const root = gitRepo({ '.loopwarden.yaml': 'scan: {}\n' });
  const result = runCli(['init'], root);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /kept \.loopwarden\.yaml \(already there\)/);
  assert.equal(existsSync(join(root, '.loopwarden.yml')), false);
  assert.equal(runCli(['status'], root).status, 0);
});
