import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { makeProject, runCli } from '../../helpers.js';

const require = createRequire(import.meta.url);
const sarifSchema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
const Ajv = require('ajv-draft-04') as typeof import('ajv-draft-04').default;
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;
// The schema's language-tag pattern is not valid in Unicode mode, which the official schema predates.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validateSarif = ajv.compile(sarifSchema);

const banditMissing = spawnSync('bandit', ['--version'], { encoding: 'utf8' }).error !== undefined;
// CI installs bandit (Debian's, 1.6.2); here it may be absent.
const needsBandit = banditMissing ? 'bandit is not installed (apt-get install bandit): skipped' : false;

const APP = 'import subprocess\n\n\ndef run(command):\n    return subprocess.call(command, shell=True)\n';

function sarifOf(stdout: string): Sarif.Log {
  const log = JSON.parse(stdout) as Sarif.Log;
  assert.equal(validateSarif(log), true, JSON.stringify(validateSarif.errors?.slice(0, 3)));
  return log;
}

test('adapt bandit app.py prints valid SARIF: B602 (shell=True) is an error with CWE-78, the file relative to here', { skip: needsBandit }, () => {
  const root = makeProject({ 'app.py': APP });
  const { status, stdout, stderr } = runCli(['adapt', 'bandit', 'app.py'], root);
  assert.equal(status, 0, stderr);
  assert.equal(stderr, '');
  assert.match(stdout, /^\{\n  "\$schema"/);
  const run = sarifOf(stdout).runs[0]!;
  assert.equal(run.tool.driver.name, 'bandit');
  assert.match(run.tool.driver.version ?? '', /^\d+\.\d+/);
  const rule = run.tool.driver.rules!.find((candidate) => candidate.id === 'B602')!;
  assert.ok(rule.properties!.tags!.includes('external/cwe/cwe-78'));
  assert.deepEqual(rule.relationships!.map((relationship) => relationship.target), [{ id: '78', toolComponent: { name: 'CWE' } }]);
  const result = run.results!.find((candidate) => candidate.ruleId === 'B602')!;
  assert.equal(result.level, 'error');
  assert.deepEqual(result.locations![0]!.physicalLocation!.artifactLocation, { uri: 'app.py', uriBaseId: '%SRCROOT%' });
  assert.equal(result.locations![0]!.physicalLocation!.region!.startLine, 5);
  assert.equal(run.originalUriBaseIds!['%SRCROOT%']!.uri, `${pathToFileURL(realpathSync(root)).href}/`);
  assert.equal(run.invocations![0]!.executionSuccessful, true);
});

test('adapt bandit passes options through (-r DIR) and reports a file it could not parse', { skip: needsBandit }, () => {
  const root = makeProject({ 'src/app.py': APP, 'src/broken.py': 'def broken(:\n    return 1\n' });
  const { status, stdout, stderr } = runCli(['adapt', 'bandit', '-r', 'src'], root);
  assert.equal(status, 0, stderr);
  const run = sarifOf(stdout).runs[0]!;
  assert.ok(run.results!.some((result) => result.ruleId === 'B602' && result.locations![0]!.physicalLocation!.artifactLocation!.uri === 'src/app.py'));
  assert.equal(run.invocations![0]!.executionSuccessful, true, 'the other files were scanned: only broken.py is missed');
  assert.deepEqual(run.invocations![0]!.toolExecutionNotifications!.map((note) => [note.level, note.locations![0]!.physicalLocation!.artifactLocation!.uri]), [['error', 'src/broken.py']]);
  assert.equal(stderr, 'loopwarden: bandit: src/broken.py: syntax error while parsing AST from file\n');
});

test('adapt bandit on a file that does not exist: SARIF with an error notification naming it, not a silent pass', { skip: needsBandit }, () => {
  const root = makeProject({ 'app.py': APP });
  const { status, stdout, stderr } = runCli(['adapt', 'bandit', 'missing.py'], root);
  assert.equal(status, 0, stderr);
  const invocation = sarifOf(stdout).runs[0]!.invocations![0]!;
  assert.equal(invocation.toolExecutionNotifications![0]!.level, 'error');
  assert.equal(invocation.toolExecutionNotifications![0]!.locations![0]!.physicalLocation!.artifactLocation!.uri, 'missing.py');
  assert.equal(stderr, 'loopwarden: bandit: missing.py: No such file or directory\n');
});

test('adapt bandit with an option bandit refuses: one line naming bandit and its complaint, exit 2', { skip: needsBandit }, () => {
  const root = makeProject({ 'app.py': APP });
  const { status, stdout, stderr } = runCli(['adapt', 'bandit', '--no-such-option', 'app.py'], root);
  assert.equal(status, 2);
  assert.equal(stdout, '');
  assert.match(stderr, /^loopwarden: bandit exited with code 2: bandit: error: unrecognized arguments: --no-such-option\n$/);
});

test('adapt bandit without bandit on PATH: one line saying how to install it, exit 2, no stack trace', () => {
  const root = makeProject({ 'app.py': APP });
  const { status, stdout, stderr } = runCli(['adapt', 'bandit', 'app.py'], root, { env: { PATH: '' } });
  assert.equal(status, 2);
  assert.equal(stdout, '');
  assert.equal(stderr, 'loopwarden: bandit is not installed (apt-get install bandit)\n');
});

test('adapt bandit when "bandit" prints something else than its JSON report: one line naming bandit and the problem, exit 2', () => {
  const root = makeProject({ 'bin/bandit': '#!/bin/sh\necho "Run started"\nexit 1\n', 'other/bandit': '#!/bin/sh\necho \'{"results": 3, "errors": []}\'\n', 'crash/bandit': '#!/bin/sh\necho "Traceback: boom" >&2\nexit 3\n' });
  for (const dir of ['bin', 'other', 'crash']) chmodSync(join(root, dir, 'bandit'), 0o755);
  const run = (dir: string) => runCli(['adapt', 'bandit', 'app.py'], root, { env: { PATH: join(root, dir) } });
  const notJson = run('bin');
  assert.equal(notJson.status, 2);
  assert.equal(notJson.stdout, '');
  assert.match(notJson.stderr, /^loopwarden: bandit's output is not JSON \(.+\)\n$/);
  const notReport = run('other');
  assert.equal(notReport.status, 2);
  assert.equal(notReport.stderr, "loopwarden: bandit's JSON is not a bandit report: results: Invalid input: expected array, received number\n");
  const crashed = run('crash');
  assert.equal(crashed.status, 2);
  assert.equal(crashed.stderr, 'loopwarden: bandit exited with code 3: Traceback: boom\n');
});
