import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FileSet } from '../../src/engine/file-set.js';

const fileSet = new FileSet({ include: [], exclude: ['generated/**', '**/*.pb.go', 'docs/'], maxFileSize: 100 });

test('a supported file under no skipped directory is in the file set', () => {
  assert.equal(fileSet.exclusionOf('src/app.py', 10), undefined);
  assert.equal(fileSet.exclusionOf('src/app.py', undefined), undefined);
});

test('directories leave out what is under them, reported once at the directory', () => {
  assert.deepEqual(fileSet.exclusionOf('lib/vendor/x/y.go', 10), { reason: 'vendored', at: 'lib/vendor', silent: false });
  assert.deepEqual(fileSet.exclusionOf('web/node_modules/a/index.js', 10), { reason: 'vendored', at: 'web/node_modules', silent: true });
  assert.deepEqual(fileSet.exclusionOf('generated/deep/a.py', 10), { reason: 'excluded', at: 'generated', pattern: 'generated/**', silent: false });
  // A pattern ending in a slash names a directory.
  assert.deepEqual(fileSet.exclusionOf('docs/conf.py', 10), { reason: 'excluded', at: 'docs', pattern: 'docs/', silent: false });
});

test('files: unsupported and outside include in silence; excluded with the pattern; minified by name; too large by size', () => {
  assert.deepEqual(fileSet.exclusionOf('README.md', 10), { reason: 'unsupported', at: 'README.md', silent: true });
  assert.deepEqual(fileSet.exclusionOf('api/x.pb.go', 10), { reason: 'excluded', at: 'api/x.pb.go', pattern: '**/*.pb.go', silent: false });
  assert.deepEqual(fileSet.exclusionOf('web/app.min.js', 10), { reason: 'minified', at: 'web/app.min.js', silent: false });
  assert.deepEqual(fileSet.exclusionOf('big.py', 101), { reason: 'too-large', at: 'big.py', silent: false });
  assert.equal(fileSet.exclusionOf('big.py', undefined), undefined);
  const onlySrc = new FileSet({ include: ['src/**'], exclude: [], maxFileSize: 100 });
  assert.deepEqual(onlySrc.exclusionOf('test/a.py', 1), { reason: 'excluded', at: 'test/a.py', silent: true });
  assert.equal(onlySrc.fileExclusion('test/a.py', 1, true), undefined);
});

test('directories are judged only below the base the user named', () => {
  assert.equal(fileSet.exclusionOf('vendor/lib/a.go', 10, 'vendor'), undefined);
  assert.deepEqual(fileSet.exclusionOf('vendor/lib/vendor/a.go', 10, 'vendor'), { reason: 'vendored', at: 'vendor/lib/vendor', silent: false });
});

test('a named path is excluded when it, or a directory above it, matches an exclude pattern', () => {
  assert.equal(fileSet.namedPathExclusion('generated', true), 'generated/**');
  assert.equal(fileSet.namedPathExclusion('generated/a.py', false), 'generated/**');
  assert.equal(fileSet.namedPathExclusion('docs', true), 'docs/');
  assert.equal(fileSet.namedPathExclusion('docs', false), undefined);
  assert.equal(fileSet.namedPathExclusion('src/a.py', false), undefined);
  assert.equal(fileSet.namedPathExclusion('.', true), undefined);
});
