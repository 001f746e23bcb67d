import type { Writable } from 'node:stream';
import { SingleBar } from 'cli-progress';

/** Where a bar may be drawn: standard error, or in tests any stream that says whether it is a terminal. */
export type ProgressStream = Writable & { isTTY?: boolean; columns?: number };

/** What a long command shows while it works. */
export interface ProgressOptions {
  /** The command, shown first: `loopwarden <label> [====----] 12/80 files · 15% · ETA 4s`. */
  label: string;
  /** What is counted, plural: files, commits, records. */
  unit: string;
  /** `--quiet`: nothing at all. */
  quiet?: boolean;
  stream?: ProgressStream;
  env?: NodeJS.ProcessEnv;
  /** Where no bar is drawn, a line at every tenth of the work instead of nothing (an experiment runs for hours, unattended). */
  linesWithoutBar?: boolean;
}

/** A progress display; `report` has the shape of the core's `onProgress(done, total)` callbacks. */
export interface Progress {
  /** Reports `done` of `total`; the first report starts the bar. Reports after `stop` are ignored. */
  readonly report: (done: number, total: number) => void;
  /** Whether a bar is on the screen now: a message written meanwhile would be drawn over. */
  readonly drawing: boolean;
  /** Clears the bar from the screen; safe to call more than once. */
  stop(): void;
}

/** Whether the environment says this is a CI job (`CI` set, to anything but empty, `0` or `false`). */
export function inCi(env: NodeJS.ProcessEnv): boolean {
  const ci = env.CI?.trim().toLowerCase();
  return ci !== undefined && ci !== '' && ci !== '0' && ci !== 'false';
}

/** Whether a bar is drawn: only on a terminal that can redraw a line, never with --quiet, never in CI (its logs keep every redraw). */
export function drawsBar(options: Pick<ProgressOptions, 'quiet' | 'stream' | 'env'>): boolean {
  const stream = options.stream ?? process.stderr;
  const env = options.env ?? process.env;
  return !options.quiet && stream.isTTY === true && !inCi(env) && env.TERM !== 'dumb';
}

/** The widest the bar may be for the whole line to fit the terminal (the terminal cuts what does not fit), between 10 and 40. */
function barSize(format: string, total: number, columns: number | undefined): number {
  const widest = format.replace('{bar}', '').replace('{value}', String(total)).replace('{total}', String(total)).replace('{percentage}', '100').replace('{eta_formatted}', '59m59s');
  return Math.max(10, Math.min(40, (columns || 80) - widest.length - 1));
}

/** Seconds as `42s`, `3m07s` or `2h05m`. */
export function formatEta(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  const two = (n: number) => String(n).padStart(2, '0');
  if (whole < 60) return `${whole}s`;
  if (whole < 3600) return `${Math.floor(whole / 60)}m${two(whole % 60)}s`;
  return `${Math.floor(whole / 3600)}h${two(Math.floor((whole % 3600) / 60))}m`;
}

/** Returns a progress display for one long piece of work: a bar with count and ETA on a terminal, otherwise nothing (or a line per tenth). */
export function startProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  const draw = drawsBar(options);
  const lines = !draw && !options.quiet && options.linesWithoutBar === true;
  let bar: SingleBar | undefined;
  let stopped = false;
  let lastTenth = -1;
  const report = (done: number, total: number) => {
    if (stopped) return;
    if (draw) {
      if (!bar) {
        if (total === 0) return; // nothing to wait for
        const format = `loopwarden ${options.label} [{bar}] {value}/{total} ${options.unit} · {percentage}% · ETA {eta_formatted}`;
        bar = new SingleBar({
          format,
          stream,
          barsize: barSize(format, total, stream.columns),
          // Before the first step, and while nothing moves, there is no estimate (cli-progress then holds a word, not seconds).
          formatTime: (seconds) => (typeof seconds === 'number' ? formatEta(seconds) : '?'),
          etaBuffer: 50,
          // The bar is erased when it stops, so the command's report starts on a clean line.
          clearOnComplete: true,
          // Nothing that would outlive an interrupted run: no hidden cursor, no terminal modes (the bar is cut to the width instead).
          hideCursor: false,
          linewrap: true,
          gracefulExit: false,
        });
        bar.start(total, done);
      } else {
        if (bar.getTotal() !== total) bar.setTotal(total);
        bar.update(done);
      }
    } else if (lines) {
      const tenth = Math.floor((done * 10) / Math.max(1, total));
      // The first report says where the work starts (a resumed run), without a line of its own.
      if (lastTenth !== -1 && tenth !== lastTenth) stream.write(`loopwarden: ${done}/${total} ${options.unit}\n`);
      lastTenth = tenth;
    }
  };
  return {
    report,
    get drawing() {
      return bar !== undefined && !stopped;
    },
    stop() {
      if (stopped) return;
      stopped = true;
      bar?.stop();
    },
  };
}

/** Runs `work` with a progress display it reports to, and clears the display however the work ends. */
export async function withProgress<T>(options: ProgressOptions, work: (report: (done: number, total: number) => void) => Promise<T>): Promise<T> {
  const progress = startProgress(options);
  try {
    return await work(progress.report);
  } finally {
    progress.stop();
  }
}

/** The `--quiet` flag's help, the same for every long command. */
export const QUIET_HELP = 'no progress bar (one is drawn on standard error only at a terminal, never when CI is set)';
