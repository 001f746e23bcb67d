import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { experimentConfigSchema, modelLabel, strategiesOf } from '../../src/experiment/experiment-config.js';
import { readYamlFile } from '../../src/input/yaml-file.js';
import { UserError } from '../../src/errors.js';
import { makeProject } from '../helpers.js';

const ISSUE_EXAMPLE = `name: local-llama
corpus: builtin            # or a directory of baseline programs, one file each
strategies: [efficiency, feature, security, ambiguous]
iterations: 10
models:
  - provider: openai
    model: llama-3.1-8b-instruct
    baseUrl: http://127.0.0.1:8080/v1
    apiKeyEnv: LOCAL_KEY
temperature: 0.2
seed: 7
concurrency: 4
output: runs/local-llama
`;

test('the documented config shape reads, with defaults for what it leaves out', () => {
  const root = makeProject({ 'exp.yml': ISSUE_EXAMPLE });
  const config = readYamlFile(join(root, 'exp.yml'), experimentConfigSchema, 'experiment config');
  assert.equal(config.iterations, 10);
  assert.equal(config.retries, 5);
  assert.deepEqual(strategiesOf(config).map((s) => s.name), ['efficiency', 'feature', 'security', 'ambiguous']);
  assert.equal(modelLabel(config.models[0]!), 'llama-3.1-8b-instruct');
  const custom = readYamlFile(join(root, 'exp.yml'), experimentConfigSchema);
  assert.deepEqual(custom, config, 'reading twice gives the same config');
});

test('config errors name the file, the line and the field', () => {
  const root = makeProject({});
  const problem = (text: string) => {
    writeFileSync(join(root, 'bad.yml'), text);
    try {
      readYamlFile(join(root, 'bad.yml'), experimentConfigSchema, 'experiment config');
    } catch (error) {
      assert.ok(error instanceof UserError, String(error));
      return error.message.replace(join(root, 'bad.yml'), 'bad.yml');
    }
    return assert.fail('no error');
  };
  assert.match(problem(ISSUE_EXAMPLE.replace('iterations: 10', 'iterations: 0')), /^bad\.yml:4: field 'iterations': /);
  assert.match(problem(ISSUE_EXAMPLE.replace('provider: openai', 'provider: opena')), /^bad\.yml:6: field 'models\.0\.provider': /);
  assert.match(problem(ISSUE_EXAMPLE.replace('apiKeyEnv: LOCAL_KEY', 'apiKeyEnv: sk-live-123')), /^bad\.yml:9: field 'models\.0\.apiKeyEnv': must be the name of an environment variable/);
  assert.match(problem(ISSUE_EXAMPLE.replace('strategies: [efficiency, feature, security, ambiguous]', 'strategies:\n  - name: terse\n    prompt: Shorter please.')), /field 'strategies\.0(\.prompt)?': .*\{code\}/);
  assert.match(problem(ISSUE_EXAMPLE.replace('strategies: [efficiency, feature, security, ambiguous]', 'strategies: [security, security]')), /field 'strategies': strategy 'security' is listed twice/);
  assert.match(problem(`${ISSUE_EXAMPLE}temprature: 0.5\n`), /^bad\.yml:14: .*temprature/);
});
