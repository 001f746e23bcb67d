import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GENERATOR_NAMES } from '../../fuzz/generators.js';
import { runFuzz } from '../../fuzz/run-fuzz.js';

// A small fixed-seed share of `npm run fuzz`, every generator included (deep nesting too, since the engine's
// walks are iterative or held to its budget).
const GENERATORS = GENERATOR_NAMES;

test('200 hostile inputs (fixed seed, every generator) crash nothing and show no stack trace', async () => {
  const report = await runFuzz({ count: 200, seed: 20260101, generators: GENERATORS, jobs: 2, timeLimitMs: 600_000, slowMs: 10_000, hangMs: 60_000 });
  const crashes = report.crashes.map((crash) => `${crash.generator} #${crash.index} (${crash.label}): ${crash.message}`);
  assert.equal(report.total.inputs, 200, 'every input ran');
  assert.deepEqual(crashes, []);
  assert.equal(report.total.stackTraces, 0);
  assert.deepEqual([...report.byGenerator.keys()].filter((name) => report.byGenerator.get(name)!.inputs === 0), [], 'every generator had inputs');
});
