import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { GENERATOR_NAMES, type GeneratorName } from './generators.js';
import { runFuzz, type FuzzFigures, type FuzzReport } from './run-fuzz.js';

// `npm run fuzz`: hostile inputs (random bytes, cut-up examples, token soup, deep nesting, huge lines, odd
// file names, hostile YAML) through the engine and the config and rule loaders, in-process. Prints a table;
// exits 1 when any input crashed (an exception that is not a UserError, a dead process, a hang).

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '10000' },
    seed: { type: 'string' },
    jobs: { type: 'string', default: String(Math.min(2, availableParallelism())) },
    'time-limit': { type: 'string', default: '3600' },
    exclude: { type: 'string', default: '' },
  },
});

const names = (list: string) => list.split(',').filter(Boolean);
const unknown = names(values.exclude!).filter((name) => !(GENERATOR_NAMES as string[]).includes(name));
if (unknown.length) {
  process.stderr.write(`loopwarden fuzz: unknown generator ${unknown.join(', ')} (known: ${GENERATOR_NAMES.join(', ')})\n`);
  process.exit(2);
}
const generators = GENERATOR_NAMES.filter((name) => !names(values.exclude!).includes(name));
const seed = values.seed !== undefined ? Number(values.seed) : Math.floor(Math.random() * 2 ** 31);

const report = await runFuzz({
  count: Number(values.count),
  seed,
  generators,
  jobs: Number(values.jobs),
  timeLimitMs: Number(values['time-limit']) * 1000,
  slowMs: 10_000,
  hangMs: 20_000,
  crashDirectory: join(tmpdir(), `loopwarden-fuzz-crashes-${seed}`),
  // A line on stderr every 500 inputs: a run takes minutes, and the table comes at the end.
  onProgress: (total, elapsedMs) => {
    if (total.inputs % 500 === 0) process.stderr.write(`  ${total.inputs} inputs, ${total.crashes} crashes, ${(elapsedMs / 1000).toFixed(0)} s\n`);
  },
});
process.stdout.write(renderReport(report));
process.exitCode = report.total.crashes > 0 ? 1 : 0;

/** Returns the report as a table, then one line per kind of crash. */
function renderReport(report: FuzzReport): string {
  const { options } = report;
  const lines = [
    `loopwarden fuzz: seed ${options.seed}, ${report.total.inputs} inputs on ${options.jobs} processes in ${(report.elapsedMs / 1000).toFixed(1)} s${report.stoppedByTime ? ` (stopped by the ${options.timeLimitMs / 1000} s time limit)` : ''}`,
    '',
    row('generator', 'inputs', 'crashes', 'stack traces', 'over 10 s', 'max ms/input'),
  ];
  for (const [name, figures] of report.byGenerator) lines.push(figuresRow(name, figures));
  lines.push(figuresRow('total', report.total), '', `peak memory (RSS of one fuzzing process): ${Math.round(report.peakRssMiB)} MiB`);
  const kinds = new Map<string, { count: number; first: (typeof report.crashes)[number] }>();
  for (const crash of report.crashes) {
    const key = `${crash.generator}: ${crash.message}`;
    const kind = kinds.get(key);
    if (kind) kind.count++;
    else kinds.set(key, { count: 1, first: crash });
  }
  if (kinds.size) {
    lines.push('', `crashes, by kind (first input of each; inputs saved in ${options.crashDirectory}):`);
    for (const [key, { count, first }] of kinds) lines.push(`  ${count} × ${key}`, `      e.g. #${first.index}: ${first.label}`);
  }
  lines.push('', report.total.crashes ? `${report.total.crashes} crashes — repeat with --seed ${options.seed}` : `no crashes — repeat with --seed ${options.seed}`);
  return `${lines.join('\n')}\n`;
}

function figuresRow(name: string, figures: FuzzFigures): string {
  return row(name, figures.inputs, figures.crashes, figures.stackTraces, figures.slow, Math.round(figures.maxMs));
}

function row(...cells: (string | number)[]): string {
  const [name, ...rest] = cells.map(String);
  return `${name!.padEnd(18)}${rest.map((cell, i) => cell.padStart(i === 0 ? 7 : 14)).join('')}`;
}
