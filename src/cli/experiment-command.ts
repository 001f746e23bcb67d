import { Command, Option } from 'commander';
import { setMaxListeners } from 'node:events';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { readYamlFile } from '../input/yaml-file.js';
import { writeFileAtomically } from '../io/atomic-write.js';
import { loadBuiltinRules } from '../rules/rule-pack.js';
import { loadProjectConfig } from '../config/config-file.js';
import { DEFAULT_POLICY, type Policy } from '../policy/policy.js';
import { experimentConfigSchema, strategiesOf } from '../experiment/experiment-config.js';
import { loadCorpus } from '../experiment/corpus.js';
import { RUN_STORE_FILE, RunStore } from '../experiment/run-store.js';
import { runExperiment, type RunEvent } from '../experiment/runner.js';
import { plannedModels } from '../experiment/providers/provider-for.js';
import { stepLabel } from '../experiment/chain-step.js';
import { reportOfRun, type RunReport } from '../experiment/run-report.js';
import { renderExperimentMarkdown } from '../report/experiment-markdown.js';
import { renderExperimentCsv } from '../report/experiment-csv.js';
import { renderExperimentJson } from '../report/experiment-json.js';
import { renderExperimentHtml } from '../report/experiment-html.js';
import { renderCharts } from '../report/experiment-charts.js';
import { percent } from '../report/experiment-tables.js';
import { EXIT } from './program.js';
import { startProgress } from './progress.js';

const FORMATS = ['markdown', 'csv', 'json', 'html'] as const;
type Format = (typeof FORMATS)[number];

/** The files `experiment run` writes into the run directory when it ends, by format. */
const REPORT_FILES: Record<Format, string> = { markdown: 'report.md', csv: 'series.csv', json: 'report.json', html: 'report.html' };

/** Defines `loopwarden experiment` and its subcommands. */
export function experimentCommand(): Command {
  const experiment = new Command('experiment').description('reproduce the iterative-degradation study against any model: run chains of LLM "improvements" and report what happened to security');
  experiment
    .command('run')
    .description('run (or resume) the experiment a config file describes; writes the run directory and its reports')
    .argument('<config>', 'experiment config (YAML)')
    .option('--policy <file>', "judge the policy simulation by this config file's policy (default: loopwarden's defaults)")
    .action(async (configPath: string, flags: { policy?: string }) => {
      process.exitCode = await runCommand(configPath, flags);
    });
  experiment
    .command('report')
    .description("print a recorded run's report: the study's measures, classes introduced, complexity, what the policy would have done")
    .argument('<run>', 'the run directory (or its run.db)')
    .addOption(new Option('--format <format>', 'output format').choices([...FORMATS]).default('markdown'))
    .option('--output <file>', 'write the report to this file instead of standard output')
    .option('--policy <file>', "judge the policy simulation by this config file's policy (default: loopwarden's defaults)")
    .action(async (runPath: string, flags: { format: Format; output?: string; policy?: string }) => {
      process.exitCode = await reportCommand(runPath, flags);
    });
  return experiment;
}

async function policyFrom(path: string | undefined): Promise<Policy> {
  return path ? (await loadProjectConfig({ start: process.cwd(), explicitPath: path, fresh: true })).policy : DEFAULT_POLICY;
}

/** Runs or resumes an experiment, then writes its reports; returns the exit code. */
export async function runCommand(configPath: string, flags: { policy?: string }): Promise<number> {
  const config = readYamlFile(configPath, experimentConfigSchema, 'experiment config');
  const configDir = dirname(resolve(configPath));
  const output = resolve(configDir, config.output ?? join('runs', config.name));
  const policy = await policyFrom(flags.policy);
  const programs = loadCorpus(config.corpus, configDir);
  const rules = await loadBuiltinRules();
  const { models, close } = plannedModels(config, configDir, process.env);
  const store = RunStore.open(join(output, RUN_STORE_FILE));
  const abort = new AbortController();
  // Every call in flight listens on the one signal.
  setMaxListeners(0, abort.signal);
  const stop = () => {
    process.stderr.write('\nloopwarden: stopping; every completed call is recorded: run the same command again to resume\n');
    abort.abort();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const progress = progressReporter();
  try {
    const outcome = await runExperiment(
      { name: config.name, iterations: config.iterations, programs, strategies: strategiesOf(config), models, sampling: { temperature: config.temperature, ...(config.seed !== undefined ? { seed: config.seed } : {}), maxTokens: config.maxTokens }, concurrency: config.concurrency, rules },
      store,
      progress.event,
      abort.signal,
    );
    progress.end();
    const report = reportOfRun(store, policy);
    await writeReports(report, output);
    const where = displayPath(output);
    const lines = [
      `loopwarden: experiment ${config.name}: ${report.progress.iterations} of ${report.progress.expected} iterations recorded in ${where} (${outcome.calls} calls now${outcome.costUsd > 0 ? `, $${outcome.costUsd.toFixed(4)}` : ''})`,
      ...headlineLines(report),
      `reports: ${Object.values(REPORT_FILES).map((file) => join(where, file)).join(', ')}`,
    ];
    if (abort.signal.aborted) lines.push('stopped before the end: run the same command again to resume');
    if (outcome.unfinished.length > 0) {
      const errors = [...new Set(outcome.unfinished.map((u) => u.error))];
      lines.push(`${outcome.unfinished.length} chain${outcome.unfinished.length === 1 ? '' : 's'} stopped on a failed call (run the same command again to resume them), e.g. ${stepLabel(outcome.unfinished[0]!.step)}:`, ...errors.slice(0, 3).map((error) => `  ${error}`));
    }
    process.stdout.write(`${lines.join('\n')}\n`);
    return outcome.unfinished.length > 0 || abort.signal.aborted ? EXIT.error : EXIT.ok;
  } finally {
    progress.end();
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    store.close();
    close();
  }
}

/** A path as the user would type it from here: relative inside the working directory, else absolute. */
function displayPath(path: string): string {
  const fromHere = relative(process.cwd(), path);
  return fromHere === '' ? '.' : fromHere.startsWith('..') || isAbsolute(fromHere) ? path : fromHere;
}

/** One line per model and strategy: the headline change. */
function headlineLines(report: RunReport): string[] {
  return report.headline.map(
    (h) =>
      `  ${h.model} / ${h.strategy}, after ${h.iteration} iterations of ${h.programs} programs: critical ${h.critical.baseline} → ${h.critical.after} (${percent(h.critical.relative)}), high ${h.high.baseline} → ${h.high.after}, all ${h.all.baseline} → ${h.all.after} (${percent(h.all.relative)})`,
  );
}

async function writeReports(report: RunReport, output: string): Promise<void> {
  for (const format of FORMATS) writeFileAtomically(join(output, REPORT_FILES[format]), await render(report, format));
}

async function render(report: RunReport, format: Format): Promise<string> {
  switch (format) {
    case 'markdown':
      return renderExperimentMarkdown(report);
    case 'csv':
      return renderExperimentCsv(report);
    case 'json':
      return renderExperimentJson(report);
    case 'html':
      return renderExperimentHtml(report, await renderCharts(report));
  }
}

/** Prints a recorded run's report; returns the exit code. */
export async function reportCommand(runPath: string, flags: { format: Format; output?: string; policy?: string }): Promise<number> {
  const policy = await policyFrom(flags.policy);
  const store = RunStore.openRecorded(runPath);
  try {
    const text = await render(reportOfRun(store, policy), flags.format);
    if (flags.output) writeFileAtomically(flags.output, text);
    else process.stdout.write(text);
    return EXIT.ok;
  } finally {
    store.close();
  }
}

/** A progress bar with ETA on a terminal; elsewhere a line at every tenth of the run, and a line for each chain that stops. */
function progressReporter(): { event: (event: RunEvent) => void; end: () => void } {
  const progress = startProgress({ label: 'experiment', unit: 'iterations', linesWithoutBar: true });
  let total = 0;
  let done = 0;
  const event = (event: RunEvent) => {
    if (event.kind === 'planned') {
      total = event.total;
      done = event.done;
      progress.report(done, total);
    } else if (event.kind === 'step') progress.report(++done, total);
    else if (!progress.drawing) process.stderr.write(`loopwarden: chain stopped at ${stepLabel(event.step)}: ${event.error}\n`);
  };
  return { event, end: () => progress.stop() };
}
