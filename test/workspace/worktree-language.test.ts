import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { worktreeLanguage } from '../../src/workspace/snapshot-builder.js';
import { readFileHead } from '../../src/io/first-line.js';

test('an extensionless file whose first line cannot be read is unreadable, not silently no source', () => {
  // Tests run as root, so a chmod 000 file would still be read: the reader is given instead.
  assert.deepEqual(worktreeLanguage('bin/db', () => ({ unreadable: 'EACCES' })), { unreadable: 'EACCES' });
});

test('an extensionless file deleted since it was listed is not there', () => {
  assert.equal(worktreeLanguage('bin/db', () => ({ unreadable: 'ENOENT' })), undefined);
});

test('an extensionless file is a script by its #! line, and nothing when it has none', () => {
  const python = worktreeLanguage('bin/db', () => ({ line: '#!/usr/bin/env python3' }));
  assert.equal(python && 'id' in python ? python.id : python, 'python');
  assert.equal(worktreeLanguage('LICENSE', () => ({ line: 'MIT License' })), undefined);
});

test('a file with an extension is never read to find its language', () => {
  const language = worktreeLanguage('app.py', () => assert.fail('read the head of a .py file'));
  assert.equal(language && 'id' in language ? language.id : language, 'python');
});

test('readFileHead says why a path cannot be read', () => {
  const top = mkdtempSync(join(tmpdir(), 'lw-head-'));
  mkdirSync(join(top, 'dir'));
  writeFileSync(join(top, 'script'), '#!/bin/sh\necho hi\n');
  assert.deepEqual(readFileHead(join(top, 'dir')), { unreadable: 'EISDIR' });
  assert.deepEqual(readFileHead(join(top, 'missing')), { unreadable: 'ENOENT' });
  assert.deepEqual(readFileHead(join(top, 'script')), { line: '#!/bin/sh' });
});
