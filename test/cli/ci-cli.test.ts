import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Log } from 'sarif';
import { gitRepo, makeProject, runCli } from '../helpers.js';
import { junitSchemaErrors } from '../report/junit-schema.js';
import { CLAUDE, SAFE_DB, UNSAFE_DB, commit, git } from './commit-chain-helpers.js';

const require = createRequire(import.meta.url);
const sarifSchema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
const Ajv = require('ajv-draft-04') as typeof import('ajv-draft-04').default;
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validateSarif = ajv.compile(sarifSchema);

const WEAK_HASH = 'import hashlib\n\ndef digest(data):\n    return hashlib.md5(data)\n';

/** A repository whose `main` holds a safe query and a weak hash, and a branch `feature` checked out from it. */
function pullRequestRepo(): string {
  const root = gitRepo({ 'app/db.py': SAFE_DB, 'app/hash.py': WEAK_HASH });
  git(root, 'branch', '-M', 'main');
  git(root, 'checkout', '-q', '-b', 'feature');
  return root;
}

test('an AI commit with SQL injection: BLOCK, CWE-89 in the PR Markdown linked to its line, a JUnit failure valid against the XSD, SARIF new against the base', async () => {
  const root = pullRequestRepo();
  const head = commit(root, `Add search${CLAUDE}`, { 'app/db.py': UNSAFE_DB });
  const out = makeProject({});
  const env = { GITHUB_SERVER_URL: 'https://github.example', GITHUB_REPOSITORY: 'acme/shop' };
  const result = runCli(['ci', '--base', 'main', '--markdown', join(out, 'pr.md'), '--junit', join(out, 'junit.xml'), '--sarif', join(out, 'ci.sarif')], root, { env });
  assert.equal(result.status, 1, result.stderr);
  const lines = result.stdout.trim().split('\n');
  assert.match(lines[0]!, new RegExp(`^${head.slice(0, 12)}  ai/claude-code +BLOCK +introduced 1 \\(CWE-89\\)  #1  Add search$`));
  assert.match(lines.at(-1)!, /^BLOCK  1 commit since [0-9a-f]{12} \(1 AI\)  chain 1\/3  open 1  new since base 1  fixed 0 — fails --fail-on review-required$/);

  const markdown = readFileSync(join(out, 'pr.md'), 'utf8');
  assert.match(markdown, /\*\*⛔ BLOCK\*\* — 1 commit \(1 AI\)/);
  assert.ok(markdown.includes(`| critical | \`python-sqli-built-query\` | CWE-89 | [\`app/db.py:2\`](https://github.example/acme/shop/blob/${head}/app/db.py#L2) | [\`${head.slice(0, 12)}\`](https://github.example/acme/shop/commit/${head}) |`), markdown);
  assert.match(markdown, /### Unreviewed AI iterations \(1\)/);

  const junit = readFileSync(join(out, 'junit.xml'), 'utf8');
  assert.deepEqual(await junitSchemaErrors(junit), []);
  assert.match(junit, /<testcase name="python-sqli-built-query at app\/db.py:2"[^>]*>\n    <failure message="critical CWE-89 python-sqli-built-query: /);
  assert.match(junit, /tests="1" failures="1"/);

  const sarif = JSON.parse(readFileSync(join(out, 'ci.sarif'), 'utf8')) as Log;
  assert.equal(validateSarif(sarif), true, JSON.stringify(validateSarif.errors?.slice(0, 3)));
  const run = sarif.runs[0]!;
  assert.deepEqual(run.automationDetails, { id: 'loopwarden/ci/' });
  const states = run.results!.map((r) => [r.ruleId, r.baselineState, r.locations![0]!.physicalLocation!.artifactLocation!.uri]).sort();
  assert.deepEqual(states, [['python-sqli-built-query', 'new', 'app/db.py'], ['python-weak-hash', 'unchanged', 'app/hash.py']]);
  // CI keeps no ledger in the repository.
  assert.equal(existsSync(join(root, '.loopwarden')), false);
});

test('four AI commits in a row, each harmless: REVIEW-REQUIRED by the chain; --fail-on decides the exit code', () => {
  const root = pullRequestRepo();
  for (let i = 1; i <= 4; i++) commit(root, `Step ${i}${CLAUDE}`, { [`app/step${i}.py`]: `STEP = ${i}\n` });
  const result = runCli(['ci', '--base', 'main'], root);
  assert.equal(result.status, 1, result.stderr);
  const lines = result.stdout.trim().split('\n');
  assert.deepEqual(lines.slice(0, 4).map((line) => line.split(/ {2,}/)[2]), ['PASS', 'PASS', 'PASS', 'REVIEW-REQUIRED']);
  assert.match(result.stdout, /! 4 consecutive AI iterations without a human review \(limit 3\)/);
  assert.match(lines.at(-1)!, /^REVIEW-REQUIRED  4 commits since [0-9a-f]{12} \(4 AI\)  chain 4\/3 .* fails --fail-on review-required$/);
  assert.equal(runCli(['ci', '--base', 'main', '--fail-on', 'block'], root).status, 0);
  assert.equal(runCli(['ci', '--base', 'main', '--fail-on', 'never'], root).status, 0);
});

test('a human fix after an AI commit: PASS, the fixed weak hash listed with a plain path, a passing JUnit case; GitHub merge commits are unwrapped', async () => {
  const root = pullRequestRepo();
  commit(root, `Add search${CLAUDE}`, { 'app/db.py': UNSAFE_DB });
  const head = commit(root, 'Parameterise the query, drop md5', { 'app/db.py': SAFE_DB, 'app/hash.py': 'import hashlib\n\ndef digest(data):\n    return hashlib.sha256(data)\n' });
  // As GitHub checks out a pull request: a merge of its head into the base.
  git(root, 'checkout', '-q', '--detach', 'main');
  git(root, 'merge', '-q', '--no-ff', '-m', 'Merge feature into main', 'feature');
  const out = makeProject({});
  const result = runCli(['ci', '--base', 'main', '--markdown', join(out, 'pr.md'), '--junit', join(out, 'junit.xml')], root);
  assert.equal(result.status, 0, result.stdout + result.stderr);
  assert.match(result.stdout, new RegExp(`^HEAD [0-9a-f]{12} merges the pull request into its base: replaying its head ${head.slice(0, 12)}\n`));
  assert.match(result.stdout, /\nPASS  2 commits since/);
  const markdown = readFileSync(join(out, 'pr.md'), 'utf8');
  assert.match(markdown, /### Open findings \(0\)\n\nNone\./);
  assert.match(markdown, /### Fixed since the base \(1\)\n\n.*\n.*\n\| medium \| `python-weak-hash` \| CWE-328 \| `app\/hash.py:4` \|/);
  const junit = readFileSync(join(out, 'junit.xml'), 'utf8');
  assert.deepEqual(await junitSchemaErrors(junit), []);
  assert.match(junit, /<testcase name="no findings introduced" classname="loopwarden" time="0"\/>/);
});

test('bad input: an unknown base is one line naming it, exit 2; a pull request without commits passes', () => {
  const root = pullRequestRepo();
  const empty = runCli(['ci', '--base', 'main'], root);
  assert.equal(empty.status, 0, empty.stderr);
  assert.match(empty.stdout, /^PASS  0 commits since [0-9a-f]{12} \(0 AI\)  chain 0\/3  open 0  new since base 0  fixed 0 — passes --fail-on review-required\n$/);
  const result = runCli(['ci', '--base', 'origin/nope'], root);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /^loopwarden: --base origin\/nope: not a commit in \S+\n$/);
  const junit = runCli(['ci', '--base', 'main', '--junit', join(root, 'app/db.py', 'x.xml')], root);
  assert.equal(junit.status, 2);
  assert.match(junit.stderr, /^loopwarden: \S*app\/db.py\/x.xml: cannot write \(ENOTDIR[^\n]*\n$/);
});
