import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { makeProject } from '../helpers.js';
import { loadBuiltinRules } from '../../src/rules/rule-pack.js';
import { loadCorpus } from '../../src/experiment/corpus.js';
import { RunStore } from '../../src/experiment/run-store.js';
import { runExperiment, type RunEvent, type RunPlan } from '../../src/experiment/runner.js';
import { OpenAiProvider } from '../../src/experiment/providers/openai-provider.js';
import { BUILTIN_STRATEGIES } from '../../src/experiment/strategies.js';
import { fakeModelServer, type FakeReply } from './fake-model-server.js';
import { GREET_C, USERS_PY, programAndRevision, scriptedAnswer } from './scripted-model.js';

async function planFor(baseUrl: string, root: string, iterations: number): Promise<RunPlan> {
  return {
    name: 'malformed',
    iterations,
    programs: loadCorpus('corpus', root),
    strategies: [{ name: 'ambiguous', prompt: BUILTIN_STRATEGIES.ambiguous }],
    models: [{ label: 'fake', provider: 'openai', model: 'fake', client: new OpenAiProvider({ baseUrl, timeoutSeconds: 5, retries: 1 }) }],
    sampling: { temperature: 0, maxTokens: 1024 },
    concurrency: 2,
    rules: await loadBuiltinRules(),
  };
}

test('answers without code, with code that does not parse, refused requests and broken responses: recorded, and the chain goes on from the last good code', async () => {
  const seen = new Map<string, number>();
  // Per program and revision, the first answers are bad in a different way each; then the script goes on.
  const server = await fakeModelServer('openai', (request): FakeReply => {
    const { program, revision } = programAndRevision(request.prompt);
    const key = `${program}#${revision}`;
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    if (program === 'users.py' && revision === 2 && count === 1) return { answer: 'This code is already as good as it gets.' };
    if (program === 'users.py' && revision === 2 && count === 2) return { answer: '```python\ndef find_email(db_path, name)\n    return None\n```' };
    if (program === 'greet.c' && revision === 2 && count === 1) return { status: 400 };
    if (program === 'greet.c' && revision === 3 && count === 1) return { raw: '{"choices": ' };
    return { answer: scriptedAnswer(request.prompt) };
  });
  try {
    const root = makeProject({ 'corpus/users.py': USERS_PY, 'corpus/greet.c': GREET_C });
    const store = RunStore.open(join(root, 'run/run.db'));
    const events: RunEvent[] = [];
    const first = await runExperiment(await planFor(server.baseUrl, root, 5), store, (event) => events.push(event));
    // After the refusal at 2, iteration 3 asks for revision 2 again and gets it; the broken response to the
    // request for revision 3 stops greet.c's chain at iteration 4, to be resumed; users.py's chain finishes.
    assert.deepEqual(first.unfinished.map((u) => [u.step.program, u.step.iteration]), [['greet.c', 4]]);
    assert.match(first.unfinished[0]!.error, /JSON|choices|Unexpected/i);
    assert.deepEqual(events.filter((e) => e.kind === 'chain-stopped').length, 1);
    const second = await runExperiment(await planFor(server.baseUrl, root, 5), store);
    assert.deepEqual(second.unfinished, []);
    assert.equal(second.calls, 2, 'only the stopped chain goes on: iterations 4 and 5 of greet.c');

    const table = (program: string) => store.iterations().filter((i) => i.program === program).map((i) => [i.iteration, i.source, i.problem ?? '', i.findings.critical]);
    assert.deepEqual(table('users.py'), [
      [0, 'baseline', '', 0],
      [1, 'answer', '', 0],
      [2, 'kept', 'no-code', 0],
      [3, 'kept', 'parse-error', 0],
      [4, 'answer', '', 0],
      [5, 'answer', '', 1],
    ]);
    assert.deepEqual(table('greet.c'), [
      [0, 'baseline', '', 0],
      [1, 'answer', '', 0],
      [2, 'kept', 'call-refused', 0],
      [3, 'answer', '', 0],
      [4, 'answer', '', 0],
      [5, 'answer', '', 1],
    ]);
    // A kept iteration carries the last good code, so the next prompt sends it again.
    const users = store.iterations().filter((i) => i.program === 'users.py');
    assert.equal(users[2]!.code, users[1]!.code);
    const refused = store.call({ model: 'fake', strategy: 'ambiguous', program: 'greet.c', iteration: 2 });
    assert.match(refused?.error ?? '', /400/);
    assert.equal(refused?.answer, undefined);
    store.close();
  } finally {
    await server.close();
  }
});

test('a resumed run refuses a changed prompt, program or sampling, and accepts more iterations', async () => {
  const server = await fakeModelServer('openai', (request) => ({ answer: scriptedAnswer(request.prompt) }));
  try {
    const root = makeProject({ 'corpus/users.py': USERS_PY });
    const store = RunStore.open(join(root, 'run/run.db'));
    const plan = await planFor(server.baseUrl, root, 2);
    await runExperiment(plan, store);
    await assert.rejects(runExperiment({ ...plan, strategies: [{ name: 'ambiguous', prompt: 'Rewrite: {code}' }] }, store), /another strategy:ambiguous; use a new output directory/);
    await assert.rejects(runExperiment({ ...plan, sampling: { temperature: 1, maxTokens: 1024 } }, store), /another sampling/);
    await assert.rejects(runExperiment({ ...plan, programs: plan.programs.map((p) => ({ ...p, code: `${p.code}\n# edited\n` })) }, store), /another program:users\.py/);
    const longer = await runExperiment({ ...plan, iterations: 4 }, store);
    assert.equal(longer.calls, 2);
    assert.deepEqual(store.iterations().map((i) => i.iteration), [0, 1, 2, 3, 4]);
    store.close();
  } finally {
    await server.close();
  }
});

test('a baseline program that does not parse stops the run before any call, naming the program', async () => {
  const server = await fakeModelServer('openai', (request) => ({ answer: scriptedAnswer(request.prompt) }));
  try {
    const root = makeProject({ 'corpus/users.py': USERS_PY, 'corpus/broken.py': 'def broken(:\n    pass\n' });
    const store = RunStore.open(join(root, 'run/run.db'));
    await assert.rejects(runExperiment(await planFor(server.baseUrl, root, 2), store), /broken\.py: syntax error near line 1/);
    assert.equal(server.requests.length, 0);
    store.close();
  } finally {
    await server.close();
  }
});
