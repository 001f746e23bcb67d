import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSource } from '../../src/engine/scan-file.js';
import { languageById } from '../../src/languages/registry.js';
import { BUILTIN_RULES_DIR, loadRules } from '../../src/rules/load.js';

const rules = loadRules([BUILTIN_RULES_DIR]);
const python = languageById('python')!;

function fingerprints(text: string, path = 'app.py'): string[] {
  return analyzeSource(path, text, python, rules, { complexity: false }).findings.map((f) => f.fingerprint);
}

const original = `import hashlib

def digest(data):
    return hashlib.md5(data).hexdigest()

def other(data):
    return hashlib.md5(data).hexdigest()
`;

test('identical findings in two functions get different fingerprints', () => {
  const [a, b] = fingerprints(original);
  assert.ok(a && b);
  assert.notEqual(a, b);
});

test('fingerprints survive lines inserted above, re-indentation, reformatting and moving files', () => {
  const before = fingerprints(original);
  const shifted = fingerprints(`"""Module docs."""\n\n\n${original}`);
  const reformatted = fingerprints(original.replace('hashlib.md5(data).hexdigest()', 'hashlib.md5( data ).hexdigest( )'));
  const moved = fingerprints(original, 'lib/crypto_helpers.py');
  assert.deepEqual(shifted, before);
  assert.deepEqual(reformatted, before);
  assert.deepEqual(moved, before);
});

test('a function moved within the file keeps its finding fingerprints', () => {
  const swapped = `import hashlib

def other(data):
    return hashlib.md5(data).hexdigest()

def digest(data):
    return hashlib.md5(data).hexdigest()
`;
  assert.deepEqual(new Set(fingerprints(swapped)), new Set(fingerprints(original)));
});

test('two identical findings in one function are told apart by occurrence', () => {
  const twice = fingerprints('import hashlib\n\ndef f(a):\n    x = hashlib.md5(a)\n    y = hashlib.md5(a)\n');
  assert.equal(new Set(twice).size, 2);
});
