import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeProject, runCli, runCliInTerminal } from '../helpers.js';
import { GREET_C, USERS_PY } from './scripted-model.js';

const DRIFTING_MODEL = fileURLToPath(new URL('../../../examples/experiment/drifting-model.mjs', import.meta.url));
const EXAMPLE_CONFIG = fileURLToPath(new URL('../../../examples/experiment/drifting.yml', import.meta.url));

/** Starts the example's scripted stand-in in its own process (the CLI below runs synchronously, on a terminal). */
async function startDriftingModel(port: number): Promise<() => void> {
  const child = spawn(process.execPath, [DRIFTING_MODEL, String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    child.stderr.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`drifting-model exited with ${code}`)));
  });
  return () => child.kill();
}

test('the example config and stand-in run end to end; on a terminal a progress bar shows the ETA', async () => {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const stop = await startDriftingModel(port);
  try {
    const root = makeProject({ 'corpus/users.py': USERS_PY, 'corpus/greet.c': GREET_C });
    // The example's config, with this test's corpus, port and output.
    const config = readFileSync(EXAMPLE_CONFIG, 'utf8').replace('corpus: builtin', 'corpus: corpus').replace('8089', String(port)).replace(/output: .*/, 'output: runs/drifting');
    writeFileSync(join(root, 'drifting.yml'), config);
    // CI unset: in a CI job the bar gives way to a line per tenth.
    const run = runCliInTerminal(['experiment', 'run', 'drifting.yml'], root, { CI: undefined });
    assert.equal(run.status, 0, run.output);
    assert.match(run.output, /loopwarden experiment \[[^\]]+\] \d+\/80 iterations · \d+% · ETA /);
    assert.match(run.output, /experiment drifting: 80 of 80 iterations recorded in runs\/drifting \(80 calls now\)/);
    const json = JSON.parse(runCli(['experiment', 'report', 'runs/drifting', '--format', 'json'], root).stdout);
    assert.equal(json.series.length, 4 * 11);
    assert.equal(json.progress.complete, 8);
  } finally {
    stop();
  }
});
