import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLI, cleanEnv, gitRepo, makeProject } from '../helpers.js';
import { CLAUDE, SAFE_DB, UNSAFE_DB, commit, git } from './commit-chain-helpers.js';

const SCRIPT = fileURLToPath(new URL('../../../scripts/ci-action.sh', import.meta.url));

/** Runs the action's script as the runner would: inputs as INPUT_*, GitHub's files and variables set. */
function runAction(root: string, inputs: Record<string, string>) {
  const runner = makeProject({});
  const files = { output: join(runner, 'output'), summary: join(runner, 'summary') };
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  const env = cleanEnv({
    ...inputs,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_BASE_REF: 'main',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'acme/shop',
    RUNNER_TEMP: runner,
    LOOPWARDEN_COMMAND: `${process.execPath} ${CLI}`,
  });
  const result = spawnSync('bash', [SCRIPT], { cwd: root, encoding: 'utf8', env });
  const outputs = Object.fromEntries(readFileSync(files.output, 'utf8').trim().split('\n').filter(Boolean).map((line) => line.split(/=(.*)/s).slice(0, 2) as [string, string]));
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, outputs, summary: readFileSync(files.summary, 'utf8') };
}

test('the action script on a pull request with an AI SQL injection: outputs, job summary, SARIF; it exits 0 and leaves failing to the last step', () => {
  const root = gitRepo({ 'app/db.py': SAFE_DB });
  git(root, 'branch', '-M', 'main');
  git(root, 'checkout', '-q', '-b', 'feature');
  const head = commit(root, `Add search${CLAUDE}`, { 'app/db.py': UNSAFE_DB });
  const run = runAction(root, { INPUT_FAIL_ON: 'review-required', INPUT_SARIF_UPLOAD: 'true', INPUT_WORKING_DIRECTORY: 'app' });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.outputs.verdict, 'block');
  assert.equal(run.outputs['exit-code'], '1');
  assert.match(run.stdout, /\nBLOCK  1 commit since [0-9a-f]{12} \(1 AI\)/);
  assert.match(run.summary, /^## loopwarden\n\n\*\*⛔ BLOCK\*\*/);
  assert.ok(run.summary.includes(`[\`app/db.py:2\`](https://github.com/acme/shop/blob/${head}/app/db.py#L2)`), run.summary);
  assert.equal(JSON.parse(readFileSync(run.outputs.sarif!, 'utf8')).runs[0].results[0].baselineState, 'new');
  assert.match(readFileSync(run.outputs.junit!, 'utf8'), /failures="1"/);
});

test('the action script: a clean pull request passes; without SARIF upload no SARIF; a missing base is one line, exit 2', () => {
  const root = gitRepo({ 'app/db.py': SAFE_DB });
  git(root, 'branch', '-M', 'main');
  git(root, 'checkout', '-q', '-b', 'feature');
  commit(root, 'Rename the table', { 'app/db.py': SAFE_DB.replace(' t ', ' users ') });
  const run = runAction(root, { INPUT_FAIL_ON: 'block', INPUT_SARIF_UPLOAD: 'false' });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual([run.outputs.verdict, run.outputs['exit-code'], run.outputs.sarif], ['pass', '0', undefined]);
  assert.match(run.summary, /### Open findings \(0\)/);
  const missing = runAction(root, { INPUT_BASE_REF: 'release/9' });
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /^loopwarden: --base release\/9: not a commit in /);
  assert.equal(existsSync(join(root, '.loopwarden')), false);
});
