import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadBuiltinRules } from '../src/rules/rule-pack.js';
import { evaluateInput, type Outcome } from './evaluate.js';
import { generateInput, type GeneratorName } from './generators.js';

// One fuzzing process: asks the runner for input numbers, rebuilds each input from (seed, number), runs it,
// and answers with the outcome. The runner kills and replaces it when an input hangs or the process dies.

/** The runner's messages to a worker. */
export type ToWorker = { kind: 'input'; index: number } | { kind: 'stop' };

/** A worker's messages to the runner. */
export type FromWorker =
  | { kind: 'ready' }
  | { kind: 'started'; index: number }
  | { kind: 'done'; index: number; generator: GeneratorName; label: string; ms: number; outcome: Outcome; maxRssKiB: number };

const seed = Number(process.env.LOOPWARDEN_FUZZ_SEED);
const generators = (process.env.LOOPWARDEN_FUZZ_GENERATORS ?? '').split(',') as GeneratorName[];
// Inside the runner's directory, which the runner removes even when it had to kill this process.
const workDirectory = mkdtempSync(join(process.env.LOOPWARDEN_FUZZ_WORKDIR!, 'worker-'));
const rules = await loadBuiltinRules();
const send = (message: FromWorker) => process.send!(message);

process.on('message', async (message: ToWorker) => {
  if (message.kind === 'stop') {
    rmSync(workDirectory, { recursive: true, force: true });
    process.disconnect();
    return;
  }
  const { index } = message;
  send({ kind: 'started', index });
  const { generator, input } = generateInput(seed, index, generators);
  const start = performance.now();
  const outcome = await evaluateInput(input, rules, workDirectory);
  const ms = performance.now() - start;
  send({ kind: 'done', index, generator, label: input.label, ms, outcome, maxRssKiB: process.resourceUsage().maxRSS });
});
process.on('exit', () => rmSync(workDirectory, { recursive: true, force: true }));
send({ kind: 'ready' });
