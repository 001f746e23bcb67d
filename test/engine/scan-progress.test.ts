import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanPaths } from '../../src/engine/scan.js';
import { PARALLEL_THRESHOLD } from '../../src/engine/worker-count.js';
import { BUILTIN_RULES_DIR, loadRules } from '../../src/rules/load.js';
import { makeProject } from '../helpers.js';

const rules = loadRules([BUILTIN_RULES_DIR]).filter((rule) => rule.id === 'python-weak-hash');

function project(count: number): string {
  return makeProject(Object.fromEntries(Array.from({ length: count }, (_, i) => [`m${i}.py`, `import hashlib\n\ndef h${i}(x):\n    return hashlib.md5(x)\n`])));
}

async function reportsOf(root: string, workers: number): Promise<{ reports: [number, number][]; findings: number }> {
  const reports: [number, number][] = [];
  const result = await scanPaths({ paths: ['.'], cwd: root, rules, include: [], exclude: [], maxFileSize: 1024 * 1024, complexity: false, workers, onProgress: (done, total) => reports.push([done, total]) });
  return { reports, findings: result.findings.length };
}

test('a scan on the main thread reports every file analysed, from 0 to all', async () => {
  const { reports, findings } = await reportsOf(project(5), 1);
  assert.equal(findings, 5);
  assert.deepEqual(reports, [[0, 5], [1, 5], [2, 5], [3, 5], [4, 5], [5, 5]]);
});

test('a scan on worker threads reports after each batch of files, whatever order the batches end in', async () => {
  const count = PARALLEL_THRESHOLD + 6;
  const { reports, findings } = await reportsOf(project(count), 2);
  assert.equal(findings, count);
  assert.ok(reports.every(([, total]) => total === count));
  const done = reports.map(([d]) => d);
  assert.equal(done[0], 0);
  assert.equal(done.at(-1), count);
  // One report to start, then one per batch of 16.
  assert.equal(done.length, 1 + Math.ceil(count / 16));
  for (let i = 1; i < done.length; i++) assert.ok(done[i]! > done[i - 1]!, done.join(' '));
});
