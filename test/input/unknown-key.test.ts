import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYamlText } from '../../src/input/yaml-file.js';
import { configFileSchema } from '../../src/config/config-file-schema.js';

function errorOf(text: string): string {
  try {
    parseYamlText('/p/.loopwarden.yml', text, configFileSchema);
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
}

test('a misspelt top-level key fails with its line and the key it was meant to be', () => {
  assert.equal(errorOf('scan:\n  failOn: high\npolcy:\n  chain: {}\n'), "/p/.loopwarden.yml:3: unknown key 'polcy' — did you mean 'policy'?");
});

test('a misspelt nested key names the section it is in', () => {
  assert.equal(
    errorOf('policy:\n  chain:\n    maxConsecutiveAIIterations: 5\n'),
    "/p/.loopwarden.yml:3: unknown key 'maxConsecutiveAIIterations' in 'policy.chain' — did you mean 'maxConsecutiveAiIterations'?",
  );
  assert.equal(errorOf('scan:\n  exlude: [gen/**]\n'), "/p/.loopwarden.yml:2: unknown key 'exlude' in 'scan' — did you mean 'exclude'?");
  assert.equal(errorOf('scan:\n  selct: [python-]\n'), "/p/.loopwarden.yml:2: unknown key 'selct' in 'scan' — did you mean 'select'?");
});

test('inside a list, the unknown key is named rather than the required key it left missing', () => {
  assert.equal(
    errorOf('policy:\n  overrides:\n    - pathz: ["tests/**"]\n      findings: { warn: [high] }\n'),
    "/p/.loopwarden.yml:3: unknown key 'pathz' in 'policy.overrides.0' — did you mean 'paths'?",
  );
});

test('an unknown key with nothing close lists the known keys', () => {
  assert.equal(errorOf('scan: {}\nfrobnicate: 1\n'), "/p/.loopwarden.yml:2: unknown key 'frobnicate' (known keys: scan, policy, ledger, scanners)");
});

test('valid files still get every default', () => {
  const config = parseYamlText('/p/.loopwarden.yml', 'scan:\n  exclude: [gen/**]\n', configFileSchema);
  assert.deepEqual(config.scan.exclude, ['gen/**']);
  assert.deepEqual(config.scan.include, []);
  assert.deepEqual(config.scan.select, []);
  assert.deepEqual(config.scan.ignore, []);
  assert.equal(config.policy.chain.maxConsecutiveAiIterations, 3);
  assert.equal(parseYamlText('/p/.loopwarden.yml', '', configFileSchema).scan.failOn, 'high');
});
