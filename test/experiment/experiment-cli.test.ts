import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeProject, runCli } from '../helpers.js';
import { RunStore } from '../../src/experiment/run-store.js';
import { assertRefusesDrift, validatorFor } from '../published-schema.js';
import { fakeModelServer, startCli, type FakeReply } from './fake-model-server.js';
import { GREET_C, USERS_PY, scriptedAnswer } from './scripted-model.js';

function configText(fields: Record<string, string>): string {
  return `${Object.entries(fields)
    .map(([key, value]) => `${key}: ${value}`)
    .join('\n')}\n`;
}

const until = async (condition: () => boolean, what: string, timeoutMs = 60_000) => {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

test('a scripted OpenAI-compatible model: killed half way, resumed without repeating a completed call; the report matches the script; replay reproduces it', async () => {
  // Request 3 is told to slow down, request 6 finds the server overloaded, request 9 never gets an answer:
  // the client retries each (the timeout is one second).
  const server = await fakeModelServer('openai', (_, index): FakeReply => {
    if (index === 3) return { status: 429, headers: { 'retry-after': '0' } };
    if (index === 6) return { status: 503, headers: { 'retry-after': '0' } };
    if (index === 9) return { hang: true };
    return { answer: scriptedAnswer(_.prompt) };
  });
  try {
    const root = makeProject({ 'corpus/users.py': USERS_PY, 'corpus/greet.c': GREET_C });
    writeFileSync(
      join(root, 'experiment.yml'),
      configText({
        name: 'scripted',
        corpus: 'corpus',
        strategies: '[efficiency, security]',
        iterations: '6',
        models: `\n  - provider: openai\n    model: llama-3.1-8b-instruct\n    label: fake-llama\n    baseUrl: ${server.baseUrl}\n    apiKeyEnv: FAKE_KEY`,
        temperature: '0.2',
        seed: '7',
        concurrency: '2',
        timeoutSeconds: '1',
        retries: '3',
        prices: '\n  fake-llama: { input: 0.5, output: 1.5 }',
        output: 'runs/scripted',
      }),
    );
    const env = { FAKE_KEY: 'secret-key-123' };

    const first = startCli(['experiment', 'run', 'experiment.yml'], root, env);
    await until(() => server.answered.length >= 10, 'ten answers');
    first.kill();
    const killed = await first.done;
    assert.equal(killed.status, -1, 'killed by the signal');
    const atKill = RunStore.openRecorded(join(root, 'runs/scripted'));
    const answeredAtKill = atKill.calls().filter((call) => call.answer);
    atKill.close();
    assert.ok(answeredAtKill.length >= 8 && answeredAtKill.length < 24, `recorded at the kill: ${answeredAtKill.length}`);
    assert.ok(server.requests.length > server.answered.length, 'the 429, the 503 and the timed-out request were retried');

    const before = server.answered.length;
    const resumed = await startCli(['experiment', 'run', 'experiment.yml'], root, env).done;
    assert.equal(resumed.status, 0, resumed.stderr + resumed.stdout);
    assert.match(resumed.stdout, /experiment scripted: 24 of 24 iterations recorded in runs\/scripted/);
    assert.match(resumed.stdout, /fake-llama \/ security, after 5 iterations of 2 programs: critical 0 → 2 \(n\/a\)/);

    const store = RunStore.openRecorded(join(root, 'runs/scripted'));
    const calls = store.calls();
    const iterations = store.iterations();
    store.close();
    assert.equal(calls.length, 24);
    assert.ok(calls.every((call) => call.answer && call.costUsd > 0));
    // No completed call was asked again: the resumed run asked exactly for the calls not recorded at the kill.
    const recordedBefore = new Set(answeredAtKill.map((call) => call.prompt));
    const askedAfter = server.answered.slice(before);
    assert.deepEqual(askedAfter.filter((prompt) => recordedBefore.has(prompt)), []);
    assert.deepEqual(new Set(askedAfter), new Set(calls.map((call) => call.prompt).filter((prompt) => !recordedBefore.has(prompt))));
    // The key went out in the header and was stored nowhere.
    assert.ok(server.requests.every((request) => request.headers.authorization === 'Bearer secret-key-123'));
    assert.equal(readFileSync(join(root, 'runs/scripted/run.db')).includes('secret-key-123'), false);
    assert.deepEqual(server.requests[0]!.body.seed, 7);
    assert.equal(iterations.length, 2 * 2 * 7);

    const report = runCli(['experiment', 'report', 'runs/scripted', '--format', 'json'], root);
    assert.equal(report.status, 0, report.stderr);
    const json = JSON.parse(report.stdout);
    // Valid against the published schema, which refuses what it does not describe.
    validatorFor('experiment-report')(json);
    assertRefusesDrift('experiment-report', json);
    const critical = (strategy: string) => json.series.filter((p: { strategy: string }) => p.strategy === strategy).map((p: { findings: { critical: number } }) => p.findings.critical);
    // users.py's injection at iteration 3, greet.c's overflow at 4, under both strategies.
    assert.deepEqual(critical('security'), [0, 0, 0, 1, 2, 2, 2]);
    assert.deepEqual(critical('efficiency'), [0, 0, 0, 1, 2, 2, 2]);
    assert.deepEqual(Object.keys(json.series[0]).sort(), ['complexity', 'findings', 'iteration', 'model', 'programs', 'strategy']);
    assert.deepEqual(json.series[0].findings, { critical: 0, high: 0, medium: 0, low: 0 });
    const security = json.headline.find((h: { strategy: string }) => h.strategy === 'security');
    assert.deepEqual(security.critical, { baseline: 0, after: 2 });
    assert.equal(security.iteration, 5);
    assert.deepEqual(
      json.introducedClasses.filter((c: { strategy: string }) => c.strategy === 'security').map((c: { cwe: string; introduced: number; rules: string[] }) => [c.cwe, c.introduced, c.rules.join()]),
      [['CWE-120', 1, 'c-unbounded-copy'], ['CWE-787', 1, 'c-unbounded-copy'], ['CWE-89', 1, 'python-sqli-built-query']],
    );
    // The gate stops users.py where the injection appears (3) and greet.c at 4 (the overflow, and a fourth AI iteration in a row).
    const policy = json.policy.find((p: { strategy: string }) => p.strategy === 'security');
    assert.deepEqual(policy, { model: 'fake-llama', strategy: 'security', chains: 2, stopped: 2, firstStops: { 3: 1, 4: 1 }, reasons: { 'finding-introduced': 2, 'chain-limit': 1 }, introduced: 2, caught: 2, unseenAtEnd: 0 });
    assert.deepEqual(
      json.chains.filter((c: { strategy: string }) => c.strategy === 'security').map((c: { program: string; stops: { iteration: number; reasons: string[] }[] }) => [c.program, c.stops.map((s) => `${s.iteration}:${s.reasons.join('+')}`)]),
      [['greet.c', ['4:finding-introduced+chain-limit']], ['users.py', ['3:finding-introduced']]],
    );
    assert.equal(json.calls[0].answered, 24);
    assert.equal(json.correlation.levels.all.n, 28);

    const csv = runCli(['experiment', 'report', 'runs/scripted', '--format', 'csv'], root).stdout.split('\n');
    assert.equal(csv[0], 'model,strategy,iteration,programs,critical,high,medium,low,all,complexity');
    assert.match(csv.find((line) => line.startsWith('fake-llama,security,4,'))!, /^fake-llama,security,4,2,2,0,0,0,2,\d+$/);
    const html = readFileSync(join(root, 'runs/scripted/report.html'), 'utf8');
    assert.equal((html.match(/<svg /g) ?? []).length, 5, 'five charts');
    assert.doesNotMatch(html, /<script|href="http|src="http/);
    assert.match(readFileSync(join(root, 'runs/scripted/report.md'), 'utf8'), /\| fake-llama \| security \| 2 \| 0 → 2 \(n\/a\) \|/);

    // Running the finished experiment again asks nothing and changes nothing.
    const requestsBefore = server.requests.length;
    const again = await startCli(['experiment', 'run', 'experiment.yml'], root, env).done;
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, /24 of 24 iterations recorded in runs\/scripted \(0 calls now\)/);
    assert.equal(server.requests.length, requestsBefore);

    // Replay: the recorded answers, no request to any server, the same iterations and figures.
    writeFileSync(
      join(root, 'replay.yml'),
      configText({ name: 'replayed', corpus: 'corpus', strategies: '[efficiency, security]', iterations: '6', models: '\n  - provider: replay\n    model: fake-llama\n    from: runs/scripted', seed: '7', output: 'runs/replayed' }),
    );
    const replayed = await startCli(['experiment', 'run', 'replay.yml'], root).done;
    assert.equal(replayed.status, 0, replayed.stderr + replayed.stdout);
    assert.equal(server.requests.length, requestsBefore);
    const replayStore = RunStore.openRecorded(join(root, 'runs/replayed'));
    const strip = (list: { code: string; source: string; findings: object; complexity: number; detail: string; model: string }[]) => list.map(({ model: _, ...rest }) => rest);
    assert.deepEqual(strip(replayStore.iterations()), strip(iterations));
    replayStore.close();
    const replayJson = JSON.parse(runCli(['experiment', 'report', 'runs/replayed', '--format', 'json'], root).stdout);
    assert.deepEqual(replayJson.series, json.series);
    assert.deepEqual(replayJson.policy, json.policy);
  } finally {
    await server.close();
  }
});

test('Anthropic: the Messages API with its key and version headers; tokens are recorded per call', async () => {
  const server = await fakeModelServer('anthropic', (request) => ({ answer: scriptedAnswer(request.prompt) }));
  try {
    const root = makeProject({ 'corpus/users.py': USERS_PY });
    writeFileSync(
      join(root, 'experiment.yml'),
      configText({ name: 'claude', corpus: 'corpus', strategies: '[security]', iterations: '4', models: `\n  - provider: anthropic\n    model: claude-test\n    baseUrl: ${server.baseUrl}\n    apiKeyEnv: FAKE_ANTHROPIC_KEY` }),
    );
    const run = await startCli(['experiment', 'run', 'experiment.yml'], root, { FAKE_ANTHROPIC_KEY: 'anthropic-key' }).done;
    assert.equal(run.status, 0, run.stderr + run.stdout);
    assert.equal(server.requests.length, 4);
    // The official client (1.x) sends the key as a bearer token, with the API version it speaks.
    assert.ok(server.requests.every((request) => request.headers.authorization === 'Bearer anthropic-key' && typeof request.headers['anthropic-version'] === 'string'));
    assert.deepEqual(Object.keys(server.requests[0]!.body).sort(), ['max_tokens', 'messages', 'model']);
    const json = JSON.parse(runCli(['experiment', 'report', 'runs/claude', '--format', 'json'], root).stdout);
    assert.deepEqual(json.series.map((p: { findings: { critical: number } }) => p.findings.critical), [0, 0, 0, 1, 1]);
    assert.equal(json.calls[0].calls, 4);
    assert.ok(json.calls[0].inputTokens > 0 && json.calls[0].outputTokens > 0);
  } finally {
    await server.close();
  }
});

test('experiment config and run errors name the file and the problem, never a stack trace', () => {
  const root = makeProject({
    'typo.yml': 'name: x\nmodels:\n  - provider: openai\n    model: m\niteratons: 3\n',
    'nokey.yml': 'name: x\ncorpus: corpus\nmodels:\n  - provider: openai\n    model: m\n    apiKeyEnv: NOT_SET_ANYWHERE\n',
    'nocorpus.yml': 'name: x\ncorpus: missing\nmodels:\n  - provider: openai\n    model: m\n',
    'corpus/a.py': 'x = 1\n',
  });
  const typo = runCli(['experiment', 'run', 'typo.yml'], root);
  assert.equal(typo.status, 2);
  assert.match(typo.stderr, /^loopwarden: typo\.yml:5: .*iteratons/m);
  const nokey = runCli(['experiment', 'run', 'nokey.yml'], root, { env: { NOT_SET_ANYWHERE: undefined } });
  assert.equal(nokey.stderr, 'loopwarden: models[0].apiKeyEnv: the environment variable NOT_SET_ANYWHERE is not set\n');
  const nocorpus = runCli(['experiment', 'run', 'nocorpus.yml'], root);
  assert.equal(nocorpus.stderr, 'loopwarden: missing: corpus directory not found\n');
  const noRun = runCli(['experiment', 'report', 'nowhere'], root);
  assert.equal(noRun.stderr, 'loopwarden: nowhere: no experiment run recorded there (no run.db)\n');
});
