import { availableParallelism } from 'node:os';

/** Below this many files a scan stays on the main thread: starting workers costs more than it saves. */
export const PARALLEL_THRESHOLD = 64;

/** One worker per core, at most eight. */
export function defaultWorkerCount(): number {
  return Math.max(1, Math.min(8, availableParallelism()));
}
