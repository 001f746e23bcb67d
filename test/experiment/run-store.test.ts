import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { RunStore, type StoredIteration } from '../../src/experiment/run-store.js';
import { UserError } from '../../src/errors.js';
import { makeProject } from '../helpers.js';

const at = { model: 'llama', strategy: 'security', program: 'c/auth.c', iteration: 3 };

test('calls and iterations survive the process that wrote them; an answer is never replaced, a failure may be', () => {
  const path = join(makeProject({}), 'runs', 'x', 'run.db');
  // Another process writes and exits without closing, as a killed run would.
  const script = `
    import { RunStore } from ${JSON.stringify(new URL('../../src/experiment/run-store.js', import.meta.url).href)};
    const store = RunStore.open(${JSON.stringify(path)});
    store.recordCall({ model: 'llama', strategy: 'security', program: 'c/auth.c', iteration: 3, prompt: 'p', error: 'HTTP 503', costUsd: 0 });
    store.recordCall({ model: 'llama', strategy: 'security', program: 'c/auth.c', iteration: 2, prompt: 'p2', answer: { text: 'first', inputTokens: 5, outputTokens: 9, stopReason: 'stop' }, costUsd: 0.25 });
    process.exit(0);
  `;
  execFileSync(process.execPath, ['--input-type=module', '-e', script]);
  const store = RunStore.open(path);
  assert.equal(store.call(at)?.error, 'HTTP 503');
  store.recordCall({ ...at, prompt: 'p', answer: { text: 'retried', inputTokens: 1, outputTokens: 2, stopReason: 'stop' }, costUsd: 0.01 });
  assert.deepEqual(store.call(at), { ...at, prompt: 'p', answer: { text: 'retried', inputTokens: 1, outputTokens: 2, stopReason: 'stop' }, costUsd: 0.01 });
  store.recordCall({ ...at, iteration: 2, prompt: 'p2', answer: { text: 'second', inputTokens: 1, outputTokens: 1, stopReason: 'stop' }, costUsd: 0 });
  assert.equal(store.call({ ...at, iteration: 2 })?.answer?.text, 'first', 'a completed call is not asked again nor overwritten');
  const iteration: StoredIteration = { ...at, code: 'int main(void){}\n', source: 'answer', findings: { critical: 1, high: 0, medium: 2, low: 0 }, complexity: 4, detail: '[]' };
  store.recordIteration(iteration);
  store.recordIteration({ ...iteration, code: 'changed' });
  assert.deepEqual(store.iterations(), [iteration]);
  assert.deepEqual(store.calls().map((c) => c.iteration), [2, 3]);
  store.close();
});

test('a run keeps its settings: opening it with another config is refused, not mixed in', () => {
  const path = join(makeProject({}), 'run.db');
  const store = RunStore.open(path);
  store.keepSetting('config', '{"iterations":10}');
  store.keepSetting('config', '{"iterations":10}');
  assert.throws(() => store.keepSetting('config', '{"iterations":20}'), (error: unknown) => error instanceof UserError && /another config; use a new output directory/.test(error.message));
  store.close();
});

test('a file that is no SQLite database is a clear error naming it', () => {
  const root = makeProject({ 'run.db': 'not a database at all, just text\n'.repeat(20) });
  assert.throws(() => RunStore.open(join(root, 'run.db')), (error: unknown) => error instanceof UserError && error.message.startsWith(`${join(root, 'run.db')}: cannot open the run store`));
});
