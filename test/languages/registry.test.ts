import { test } from 'node:test';
import assert from 'node:assert/strict';
import { languageForFile, languageForShebang, mayBeScript } from '../../src/languages/registry.js';

test('a #! line names the language of a script: through env, its options and settings, and versioned names', () => {
  const id = (line: string) => languageForShebang(line)?.id;
  assert.equal(id('#!/usr/bin/env python3'), 'python');
  assert.equal(id('#!/usr/bin/python3.11 -u'), 'python');
  assert.equal(id('#! /usr/local/bin/pypy3'), 'python');
  assert.equal(id('#!/usr/bin/env -S node --no-warnings'), 'javascript');
  assert.equal(id('#!/usr/bin/env NODE_ENV=production node'), 'javascript');
  assert.equal(id('#!/usr/bin/env ts-node'), 'typescript');
  assert.equal(id('#!/usr/bin/env ruby'), 'ruby');
  assert.equal(id('#!/usr/bin/php8.2'), 'php');
  for (const line of ['#!/bin/bash', '#!/usr/bin/env perl', '#!/usr/bin/env', 'import os', '', '# python3']) assert.equal(id(line), undefined, line);
});

test('only a name without an extension is judged by its first line, and the line is read only then', () => {
  const unread = () => assert.fail('the first line was read');
  assert.equal(languageForFile('src/app.py', unread)?.id, 'python');
  assert.equal(languageForFile('README.md', unread), undefined);
  assert.equal(languageForFile('run.sh', unread), undefined);
  assert.equal(languageForFile('bin/deploy', () => '#!/usr/bin/env python3')?.id, 'python');
  assert.equal(languageForFile('Makefile', () => 'all:'), undefined);
  assert.equal(languageForFile('bin/deploy', () => undefined), undefined, 'an unreadable file is no script');
  assert.ok(mayBeScript('bin/manage') && !mayBeScript('bin/manage.py') && !mayBeScript('.bashrc'));
});
