import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FromWorker, ToWorker } from './fuzz-worker.js';
import { generateInput, type GeneratorName } from './generators.js';

/** What to run: how many inputs, from which seed and generators, on how many processes, within what time. */
export interface FuzzOptions {
  count: number;
  seed: number;
  generators: readonly GeneratorName[];
  jobs: number;
  /** The whole run stops handing out inputs after this long. */
  timeLimitMs: number;
  /** An input slower than this is counted as slow. */
  slowMs: number;
  /** An input still running after this long is a hang: its process is killed and the input counted as a crash. */
  hangMs: number;
  /** Where inputs that crashed are saved; none are saved when undefined. */
  crashDirectory?: string;
  /** Called after every input with the figures so far. */
  onProgress?: (total: FuzzFigures, elapsedMs: number) => void;
}

/** Figures for one generator, or for the whole run. */
export interface FuzzFigures {
  inputs: number;
  crashes: number;
  stackTraces: number;
  slow: number;
  maxMs: number;
}

/** One crash: which input, what it was, and what was thrown (or how the process died). */
export interface FuzzCrash {
  generator: GeneratorName;
  index: number;
  label: string;
  message: string;
  savedAs?: string;
}

/** The result of a run. */
export interface FuzzReport {
  options: FuzzOptions;
  byGenerator: Map<GeneratorName, FuzzFigures>;
  total: FuzzFigures;
  crashes: FuzzCrash[];
  peakRssMiB: number;
  elapsedMs: number;
  /** True when the time limit stopped the run before `count` inputs. */
  stoppedByTime: boolean;
}

const WORKER = fileURLToPath(new URL('./fuzz-worker.js', import.meta.url));

const emptyFigures = (): FuzzFigures => ({ inputs: 0, crashes: 0, stackTraces: 0, slow: 0, maxMs: 0 });

/** Runs `options.count` inputs on `options.jobs` worker processes and returns the figures. */
export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const start = performance.now();
  const runDirectory = mkdtempSync(join(tmpdir(), 'loopwarden-fuzz-'));
  const report: FuzzReport = { options, byGenerator: new Map(options.generators.map((name) => [name, emptyFigures()])), total: emptyFigures(), crashes: [], peakRssMiB: 0, elapsedMs: 0, stoppedByTime: false };
  let next = 0;
  const takeIndex = (): number | undefined => {
    if (next >= options.count) return undefined;
    if (performance.now() - start > options.timeLimitMs) {
      report.stoppedByTime = true;
      return undefined;
    }
    return next++;
  };
  const record = (generator: GeneratorName, ms: number, crashed: boolean, stackTrace: boolean) => {
    for (const figures of [report.byGenerator.get(generator)!, report.total]) {
      figures.inputs++;
      if (crashed) figures.crashes++;
      if (stackTrace) figures.stackTraces++;
      if (ms > options.slowMs) figures.slow++;
      figures.maxMs = Math.max(figures.maxMs, ms);
    }
    options.onProgress?.(report.total, performance.now() - start);
  };
  const crashed = (index: number, message: string, label?: string) => {
    const { generator, input } = generateInput(options.seed, index, options.generators);
    const crash: FuzzCrash = { generator, index, label: label ?? input.label, message };
    if (options.crashDirectory) {
      mkdirSync(options.crashDirectory, { recursive: true });
      crash.savedAs = join(options.crashDirectory, `${generator}-${index}.bin`);
      writeFileSync(crash.savedAs, input.bytes);
    }
    report.crashes.push(crash);
  };

  const runWorker = (): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      let current: { index: number; started: number } | undefined;
      let hangTimer: NodeJS.Timeout | undefined;
      let finished = false;
      const child: ChildProcess = fork(WORKER, [], {
        env: { ...process.env, LOOPWARDEN_FUZZ_SEED: String(options.seed), LOOPWARDEN_FUZZ_GENERATORS: options.generators.join(','), LOOPWARDEN_FUZZ_WORKDIR: runDirectory },
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      });
      let stderrTail = '';
      child.stderr!.on('data', (chunk: Buffer) => (stderrTail = (stderrTail + chunk.toString()).slice(-2000)));
      const hand = () => {
        const index = takeIndex();
        if (index === undefined) {
          finished = true;
          child.send({ kind: 'stop' } satisfies ToWorker);
          return;
        }
        current = { index, started: performance.now() };
        hangTimer = setTimeout(() => child.kill('SIGKILL'), options.hangMs);
        child.send({ kind: 'input', index } satisfies ToWorker);
      };
      child.on('message', (message: FromWorker) => {
        if (message.kind === 'ready') hand();
        else if (message.kind === 'done') {
          clearTimeout(hangTimer);
          current = undefined;
          const { outcome } = message;
          report.peakRssMiB = Math.max(report.peakRssMiB, message.maxRssKiB / 1024);
          record(message.generator, message.ms, outcome.kind === 'crash', outcome.kind !== 'ok' && outcome.stackTrace);
          if (outcome.kind === 'crash') crashed(message.index, outcome.message, message.label);
          hand();
        }
      });
      child.on('exit', (code, signal) => {
        clearTimeout(hangTimer);
        const died = current !== undefined;
        if (current) {
          // The input killed its process (a native crash, running out of memory) or hung past the limit.
          const ms = performance.now() - current.started;
          const { generator } = generateInput(options.seed, current.index, options.generators);
          const how = ms >= options.hangMs ? `hung: killed after ${Math.round(ms / 1000)} s` : `process died (${signal ?? `exit code ${code}`}): ${lastLine(stderrTail)}`;
          record(generator, ms, true, true);
          crashed(current.index, how);
          current = undefined;
        }
        // A replacement carries on with the next inputs, unless this one had been told to stop.
        if (finished) resolve();
        else if (died) runWorker().then(resolve, reject);
        else reject(new Error(`a fuzz worker stopped before its first input: ${lastLine(stderrTail)}`));
      });
    });

  try {
    await Promise.all(Array.from({ length: Math.max(1, options.jobs) }, runWorker));
  } finally {
    rmSync(runDirectory, { recursive: true, force: true });
  }
  report.elapsedMs = performance.now() - start;
  return report;
}

const lastLine = (text: string) => text.trim().split('\n').filter((line) => line.trim()).slice(-1)[0]?.slice(0, 200) ?? 'no output';
