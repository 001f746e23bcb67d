import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log } from 'sarif';
import { gitRepo, runCli } from '../helpers.js';

const require = createRequire(import.meta.url);
const sarifSchema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
const Ajv = require('ajv-draft-04') as typeof import('ajv-draft-04').default;
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;
// The schema's language-tag pattern is not valid in Unicode mode, which the official schema predates.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validateSarif = ajv.compile(sarifSchema);

const SAFE_DB = 'def find(cursor, name):\n    return cursor.execute("SELECT * FROM t WHERE n = ?", (name,))\n';
const UNSAFE_DB = 'def find(cursor, name):\n    return cursor.execute("SELECT * FROM t WHERE n = \'" + name + "\'")\n';
const WEAK_HASH = 'import hashlib\n\ndef digest(data):\n    return hashlib.md5(data)\n';

function sarifOf(args: string[], cwd: string): Log {
  const { status, stdout, stderr } = runCli(args, cwd);
  assert.ok(status === 0 || status === 1, `${args.join(' ')} exited ${status}: ${stderr}`);
  const log = JSON.parse(stdout) as Log;
  assert.equal(validateSarif(log), true, JSON.stringify(validateSarif.errors?.slice(0, 3)));
  return log;
}

const uriOf = (result: NonNullable<Log['runs'][number]['results']>[number]) => result.locations![0]!.physicalLocation!.artifactLocation!.uri;

test('diff SARIF from a subdirectory: repository-relative URIs, new and unchanged results, fixed ones only counted', () => {
  // app/db.py gains an injection, app/hash.py keeps its weak hash through an edit, app/legacy.py loses one.
  const root = gitRepo({ 'app/db.py': SAFE_DB, 'app/hash.py': WEAK_HASH, 'app/legacy.py': WEAK_HASH });
  writeFileSync(join(root, 'app/db.py'), UNSAFE_DB);
  writeFileSync(join(root, 'app/hash.py'), `# checksums for the cache\n${WEAK_HASH}`);
  writeFileSync(join(root, 'app/legacy.py'), 'def digest(data):\n    return data\n');
  const run = sarifOf(['diff', 'HEAD', 'WORKTREE', '--format', 'sarif'], join(root, 'app')).runs[0]!;
  assert.deepEqual(
    run.results!.map((r) => [r.baselineState, r.ruleId, uriOf(r)]),
    [
      ['new', 'python-sqli-built-query', 'app/db.py'],
      ['unchanged', 'python-weak-hash', 'app/hash.py'],
    ],
  );
  assert.deepEqual(run.properties, { introduced: 1, persisting: 1, changed: 0, fixed: 1 });
  assert.equal(run.originalUriBaseIds!.SRCROOT!.uri, `${pathToFileURL(realpathSync(root)).href}/`);
  assert.equal(run.automationDetails!.id, 'loopwarden/diff/');
});

test('diff SARIF of two files in a subdirectory names the file from the repository top', () => {
  const root = gitRepo({ 'app/db.py': UNSAFE_DB, 'app/db_old.py': SAFE_DB });
  const run = sarifOf(['diff', 'db_old.py', 'db.py', '-f', 'sarif'], join(root, 'app')).runs[0]!;
  assert.deepEqual(run.results!.map(uriOf), ['app/db.py']);
});

test('scan SARIF from a subdirectory: repository-relative URIs and the scan category', () => {
  const root = gitRepo({ 'app/db.py': UNSAFE_DB });
  const run = sarifOf(['scan', '-f', 'sarif'], join(root, 'app')).runs[0]!;
  assert.deepEqual(run.results!.map(uriOf), ['app/db.py']);
  assert.equal(run.originalUriBaseIds!.SRCROOT!.uri, `${pathToFileURL(realpathSync(root)).href}/`);
  assert.equal(run.automationDetails!.id, 'loopwarden/scan/');
});

test('--sarif-category sets the category; an empty one is a usage error', () => {
  const root = gitRepo({ 'app/db.py': UNSAFE_DB });
  assert.equal(sarifOf(['scan', '-f', 'sarif', '--sarif-category', 'backend/python/'], root).runs[0]!.automationDetails!.id, 'backend/python/');
  assert.equal(sarifOf(['diff', 'HEAD', 'WORKTREE', '-f', 'sarif', '--sarif-category', 'pr-diff'], root).runs[0]!.automationDetails!.id, 'pr-diff/');
  const bad = runCli(['scan', '-f', 'sarif', '--sarif-category', '/'], root);
  assert.equal(bad.status, 2);
  assert.equal(bad.stdout, '');
  assert.equal(bad.stderr.trim().split('\n').length, 1);
  assert.match(bad.stderr, /--sarif-category <category>' argument '\/' is invalid\. a category needs at least one character besides slashes/);
});
