import { Worker } from 'node:worker_threads';
import { UserError } from '../errors.js';
import type { Rule } from '../rules/rule.js';
import type { SourceFile } from './discover.js';
import type { FileOutcome } from './scan.js';

const BATCH_SIZE = 16;
const YOUNG_GENERATION_MB = 8;

/** A message from a scan worker. */
export type WorkerReply =
  | { kind: 'done'; batch: number; outcomes: FileOutcome[] }
  | { kind: 'user-error'; message: string }
  | { kind: 'crash'; message: string };

/**
 * Analyses files on worker threads, handing out small batches so both cores stay busy; keeps input order.
 * `onProgress` is told how many of the files are analysed: none at the start, then after each batch.
 */
export function analyzeInWorkers(
  files: SourceFile[],
  rules: Rule[],
  options: { complexity: boolean },
  workerCount: number,
  onProgress?: (done: number, total: number) => void,
): Promise<FileOutcome[]> {
  const batches: SourceFile[][] = [];
  for (let i = 0; i < files.length; i += BATCH_SIZE) batches.push(files.slice(i, i + BATCH_SIZE));
  const results: FileOutcome[][] = new Array(batches.length);
  let next = 0;
  let finished = 0;
  let filesDone = 0;
  onProgress?.(0, files.length);
  const workers: Worker[] = [];
  return new Promise((resolve, reject) => {
    const stop = (error?: Error) => {
      for (const worker of workers) void worker.terminate();
      if (error) reject(error);
      else resolve(results.flat());
    };
    const feed = (worker: Worker) => {
      if (next < batches.length) {
        // Language specs hold functions, which do not cross threads: send the id and look it up there.
        const files = batches[next]!.map((file) => ({ absolutePath: file.absolutePath, path: file.path, languageId: file.language.id }));
        worker.postMessage({ batch: next, files });
        next++;
      }
    };
    const count = Math.min(workerCount, batches.length);
    for (let i = 0; i < count && next < batches.length; i++) {
      // ast-grep's trees are native memory V8 does not count: only collecting the small wrappers that hold them
      // frees them. A smaller young generation collects them every few files instead of every few hundred
      // (OWASP BenchmarkPython: peak 312 MB → 198 MB, same time).
      const worker = new Worker(new URL('./scan-worker.js', import.meta.url), { workerData: { rules, options }, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
      workers.push(worker);
      worker.on('message', (reply: WorkerReply) => {
        if (reply.kind === 'user-error') return stop(new UserError(reply.message));
        if (reply.kind === 'crash') return stop(new Error(reply.message));
        results[reply.batch] = reply.outcomes;
        finished++;
        filesDone += reply.outcomes.length;
        onProgress?.(filesDone, files.length);
        if (finished === batches.length) return stop();
        feed(worker);
      });
      worker.on('error', (error) => stop(error));
      try {
        feed(worker);
      } catch (error) {
        return stop(error as Error);
      }
    }
  });
}
