import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '@ast-grep/napi';
import { asciiRegex, asciiRegexesIn } from '../../src/rules/ascii-regex.js';
import { registerParsers } from '../../src/languages/registry.js';

test('Unicode classes outside brackets become their ASCII forms', () => {
  assert.equal(asciiRegex('^\\w+\\.(get|post)$'), '^[[:word:]]+\\.(get|post)$');
  assert.equal(asciiRegex('\\bexec\\b\\s*\\('), '(?-u:\\b)exec(?-u:\\b)[[:space:]]*\\(');
  assert.equal(asciiRegex('\\d\\D\\W\\S\\B'), '[0-9][^0-9][^[:word:]][^[:space:]](?-u:\\B)');
});

test('inside brackets the classes become POSIX members, and escapes that are not classes stay', () => {
  assert.equal(asciiRegex('^([\\w.]*\\.)?session\\['), '^([[:word:].]*\\.)?session\\[');
  assert.equal(asciiRegex('[^\\s\\W]'), '[^[:space:][:^word:]]');
  assert.equal(asciiRegex('[]\\w]'), '[][:word:]]');
  assert.equal(asciiRegex('[[:alpha:]\\d]x\\w'), '[[:alpha:][:digit:]]x[[:word:]]');
  // An escaped backslash followed by `w` is a backslash and a letter, not a class.
  assert.equal(asciiRegex('a\\\\w'), 'a\\\\w');
  assert.equal(asciiRegex('\\p{L}\\.\\['), '\\p{L}\\.\\[');
});

test('every regex of a rule object is rewritten, at any depth, and nothing else', () => {
  const rule = { kind: 'call', regex: '^\\w+$', has: { field: 'regex', any: [{ regex: '\\d' }, { pattern: '\\w' }] } };
  assert.deepEqual(asciiRegexesIn(rule), { kind: 'call', regex: '^[[:word:]]+$', has: { field: 'regex', any: [{ regex: '[0-9]' }, { pattern: '\\w' }] } });
});

test('rewritten regexes are accepted by ast-grep and match ASCII identifiers as before', () => {
  registerParsers();
  const root = parse('python' as never, 'request.args.get("a")\nself.request.session["k"] = v\n').root();
  const count = (regex: string) => root.findAll({ rule: { kind: 'attribute', regex } } as never).length;
  for (const regex of ['^\\w+\\.args$', '^([\\w.]*\\.)?session$', '\\brequest\\b', '^[^\\s\\W]+\\.\\w+$']) {
    assert.equal(count(asciiRegex(regex)), count(regex), regex);
  }
  assert.ok(count(asciiRegex('^\\w+\\.args$')) > 0);
});
