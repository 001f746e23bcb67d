import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { discoverFiles } from '../../src/engine/discover.js';
import { scanPaths } from '../../src/engine/scan.js';
import { BUILTIN_RULES_DIR, loadRules } from '../../src/rules/load.js';
import { UserError } from '../../src/errors.js';
import { gitRepo, makeProject } from '../helpers.js';

const options = { include: [], exclude: [], maxFileSize: 1024 * 1024 };

test('gitignored, vendored, excluded and unsupported files are skipped with reasons', async () => {
  const root = makeProject({
    '.gitignore': 'build/\n*.gen.py\n',
    'app.py': 'print(1)\n',
    'gen/x.gen.py': 'print(2)\n',
    'build/out.js': 'x()\n',
    'node_modules/lib/index.js': 'x()\n',
    'vendor/lib.go': 'package lib\n',
    'tests/test_app.py': 'print(3)\n',
    'README.md': '# hi\n',
  });
  const discovery = discoverFiles(['.'], root, { ...options, exclude: ['tests/**'] });
  assert.deepEqual(discovery.files.map((f) => f.path), ['app.py']);
  const reasons = Object.fromEntries(discovery.skipped.map((s) => [s.path, s.reason]));
  assert.deepEqual(reasons, { 'build': 'gitignored', 'gen/x.gen.py': 'gitignored', 'vendor': 'vendored', 'tests': 'excluded' });
});

test('a file without an extension is scanned when its #! line names a language, in a walk, in git and when named', async () => {
  const files = {
    'bin/deploy': '#!/usr/bin/env python3\nimport os\nos.system("rm -rf " + input())\n',
    'bin/serve': '#!/usr/bin/env node\nrequire("child_process").exec(process.argv[2]);\n',
    'bin/build': '#!/bin/bash\nmake\n',
    'Makefile': 'all:\n\techo hi\n',
    'LICENSE': 'MIT\n',
  };
  for (const root of [makeProject(files), gitRepo(files)]) {
    const discovery = discoverFiles(['.'], root, options);
    assert.deepEqual(discovery.files.map((f) => [f.path, f.language.id]), [['bin/deploy', 'python'], ['bin/serve', 'javascript']]);
    assert.deepEqual(discovery.skipped, [], 'other files without an extension are passed over in silence');
    const result = await scanPaths({ paths: ['.'], cwd: root, rules: loadRules([BUILTIN_RULES_DIR]), ...options, complexity: false });
    assert.ok(result.findings.some((f) => f.path === 'bin/deploy' && f.cwe.includes('CWE-78')), 'the script is analysed as Python');
  }
  const root = makeProject(files);
  assert.deepEqual(discoverFiles(['bin/deploy'], root, options).files.map((f) => f.language.id), ['python']);
  assert.deepEqual(discoverFiles(['bin/build'], root, options).skipped, [{ path: 'bin/build', reason: 'unsupported' }], 'a named file of no language says so');
});

test('--include keeps only matching files', () => {
  const root = makeProject({ 'a/x.py': 'x=1\n', 'b/y.py': 'y=1\n' });
  assert.deepEqual(discoverFiles(['.'], root, { ...options, include: ['b/**'] }).files.map((f) => f.path), ['b/y.py']);
});

test('large, binary and minified files are skipped and counted', async () => {
  const root = makeProject({
    'big.py': `x = "${'a'.repeat(25000)}"\n`,
    'blob.js': Buffer.from([0x76, 0x61, 0x72, 0x00, 0x01, 0x02]),
    'app.min.js': 'var a=1;',
    'bundle.js': `${'var a=1;'.repeat(2000)}\n`,
    'ok.py': 'x = 1\n',
  });
  const result = await scanPaths({ paths: ['.'], cwd: root, rules: [], include: [], exclude: [], maxFileSize: 20000, complexity: false });
  const reasons = Object.fromEntries(result.skipped.map((s) => [s.path, s.reason]));
  assert.deepEqual(reasons, { 'big.py': 'too-large', 'blob.js': 'binary', 'app.min.js': 'minified', 'bundle.js': 'minified' });
  assert.equal(result.filesScanned, 1);
});

test('a symbolic link back to an ancestor directory is a directory-loop error naming the path', async () => {
  const root = makeProject({ 'src/app.py': 'x = 1\n' });
  symlinkSync(root, join(root, 'src', 'loop'));
  assert.throws(() => discoverFiles(['.'], root, options), (error: unknown) => error instanceof UserError && /src\/loop: directory loop/.test(error.message));
});

test('a missing path is an error naming it', () => {
  const root = makeProject({});
  assert.throws(() => discoverFiles(['nope'], root, options), /nope: no such file or directory/);
});

test('a file that does not parse is still scanned and gets a note', async () => {
  const root = makeProject({ 'broken.py': 'import hashlib\nx = = = 1\nhashlib.md5(b"x")\n' });
  mkdirSync(join(root, 'empty'));
  const result = await scanPaths({ paths: ['.'], cwd: root, rules: loadRules([BUILTIN_RULES_DIR]), ...options, complexity: false });
  assert.equal(result.notes[0]?.kind, 'parse-error');
  assert.deepEqual(result.findings.map((f) => f.ruleId), ['python-weak-hash']);
});

test('a directory named explicitly is scanned even when an enclosing .gitignore ignores it', () => {
  const root = makeProject({ '.git/HEAD': 'ref: refs/heads/main\n', '.gitignore': 'deps/\n*.tmp.py\n', 'deps/lib/a.py': 'x = 1\n', 'deps/lib/b.tmp.py': 'x = 2\n' });
  assert.deepEqual(discoverFiles(['.'], root, options).files.map((f) => f.path), []);
  assert.deepEqual(discoverFiles(['deps/lib'], root, options).files.map((f) => f.path), ['deps/lib/a.py']);
});

test('inside a git work tree git lists the files: .git/info/exclude counts, deleted tracked files do not', () => {
  const root = gitRepo({ '.gitignore': 'build/\n', 'app.py': 'x = 1\n', 'gone.py': 'x = 2\n', 'src/lib.py': 'x = 3\n' });
  rmSync(join(root, 'gone.py'));
  writeFileSync(join(root, 'new.py'), 'x = 4\n');
  writeFileSync(join(root, 'local.py'), 'x = 5\n');
  appendFileSync(join(root, '.git/info/exclude'), 'local.py\n');
  mkdirSync(join(root, 'build'));
  writeFileSync(join(root, 'build/out.py'), 'x = 6\n');
  const discovery = discoverFiles(['.'], root, options);
  assert.deepEqual(discovery.files.map((f) => f.path), ['app.py', 'new.py', 'src/lib.py']);
  assert.deepEqual(discovery.skipped.sort((a, b) => a.path.localeCompare(b.path)), [{ path: 'build', reason: 'gitignored' }, { path: 'local.py', reason: 'gitignored' }]);
  // A named subdirectory: paths stay relative to the scan root.
  assert.deepEqual(discoverFiles(['src'], root, options).files.map((f) => f.path), ['src/lib.py']);
});

test('inside a git work tree a named directory git ignores is still walked, and excludes apply below it', () => {
  const root = gitRepo({ '.gitignore': 'deps/\n', 'app.py': 'x = 1\n' });
  mkdirSync(join(root, 'deps/lib/gen'), { recursive: true });
  writeFileSync(join(root, 'deps/lib/a.py'), 'x = 1\n');
  writeFileSync(join(root, 'deps/lib/gen/b.py'), 'x = 2\n');
  const discovery = discoverFiles(['deps/lib'], root, { ...options, exclude: ['**/gen'] });
  assert.deepEqual(discovery.files.map((f) => f.path), ['deps/lib/a.py']);
  assert.deepEqual(discovery.skipped, [{ path: 'deps/lib/gen', reason: 'excluded' }]);
});
