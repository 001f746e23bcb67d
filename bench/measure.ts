import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Wall time and peak memory of one run of a command. */
export interface RunMeasure {
  seconds: number;
  peakMiB: number | undefined;
  status: number;
  stdout: string;
}

const GNU_TIME = '/usr/bin/time';

/** Runs a command once, timing it from process start to exit, with peak RSS when GNU time exists. */
export function measure(command: string, args: string[], cwd: string, input?: string): RunMeasure {
  const useTime = existsSync(GNU_TIME);
  const dir = mkdtempSync(join(tmpdir(), 'lw-bench-'));
  const timeFile = join(dir, 'time');
  const start = process.hrtime.bigint();
  const result = useTime
    ? spawnSync(GNU_TIME, ['-f', '%M', '-o', timeFile, command, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30, input })
    : spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 30, input });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  let peakMiB: number | undefined;
  if (useTime && existsSync(timeFile)) {
    const kib = Number(readFileSync(timeFile, 'utf8').trim().split('\n').pop());
    peakMiB = Number.isFinite(kib) ? kib / 1024 : undefined;
  }
  rmSync(dir, { recursive: true, force: true });
  if (result.error) throw result.error;
  return { seconds, peakMiB, status: result.status ?? -1, stdout: result.stdout };
}

/** Runs a command `runs` times and returns the median wall time in seconds. */
export function medianSeconds(command: string, args: string[], cwd: string, runs: number, input?: string): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(measure(command, args, cwd, input).seconds);
  times.sort((a, b) => a - b);
  const middle = Math.floor(times.length / 2);
  return times.length % 2 ? times[middle]! : (times[middle - 1]! + times[middle]!) / 2;
}

/** Returns true when `command` can be run. */
export function available(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).status === 0;
}
