import type { Change, RunReport } from '../experiment/run-report.js';
import type { Correlation, SeriesPoint } from '../experiment/measures.js';
import { languageById } from '../languages/registry.js';

/** A titled table of text cells, rendered alike as Markdown and HTML. */
export interface ReportTable {
  title: string;
  /** One paragraph that says how to read the table. */
  note: string;
  header: string[];
  rows: string[][];
}

/** A relative change as a signed percentage with one decimal, or `n/a` from a baseline of 0. */
export function percent(value: number | undefined): string {
  if (value === undefined) return 'n/a';
  const rounded = Math.round(value * 1000) / 10;
  return `${rounded > 0 ? '+' : ''}${rounded.toFixed(1)}%`;
}

function change(value: Change): string {
  return `${value.baseline} → ${value.after} (${percent(value.relative)})`;
}

function coefficient(value: number | undefined): string {
  return value === undefined ? 'n/a' : value.toFixed(3);
}

function correlationRow(label: string, measure: string, value: Correlation): string[] {
  return [label, measure, String(value.n), coefficient(value.pearson), coefficient(value.spearman)];
}

const total = (point: SeriesPoint) => point.findings.critical + point.findings.high + point.findings.medium + point.findings.low;

/** One line on what a run was: its corpus, strategies, models, depth and sampling. */
export function runDescription(report: RunReport): string {
  const byLanguage = new Map<string, number>();
  for (const program of report.plan.programs) byLanguage.set(program.language, (byLanguage.get(program.language) ?? 0) + 1);
  const corpus = [...byLanguage].map(([id, count]) => `${languageById(id)?.name ?? id} ${count}`).join(', ');
  const { temperature, seed, maxTokens } = report.plan.sampling;
  return (
    `${report.plan.programs.length} programs (${corpus}) × ${report.plan.strategies.length} strategies (${report.plan.strategies.map((s) => s.name).join(', ')}) × ` +
    `${report.plan.models.length} model${report.plan.models.length === 1 ? '' : 's'} (${report.plan.models.map((m) => `${m.label} via ${m.provider}`).join(', ')}), ` +
    `${report.plan.iterations} iterations; temperature ${temperature}${seed !== undefined ? `, seed ${seed}` : ''}, at most ${maxTokens} tokens per answer; analysed by loopwarden ${report.loopwarden}`
  );
}

/** One line on how much of the plan is recorded. */
export function progressLine(report: RunReport): string {
  const { chains, complete, iterations, expected } = report.progress;
  return complete === chains && iterations >= expected
    ? `All ${chains} chains complete (${iterations} iterations).`
    : `${complete} of ${chains} chains complete, ${iterations} of ${expected} iterations recorded: run \`loopwarden experiment run\` with the same config again to finish it. Series points say how many programs they sum.`;
}

/** The report's tables, in the order every format shows them. */
export function reportTables(report: RunReport): ReportTable[] {
  const tables: ReportTable[] = [];
  tables.push({
    title: `After ${report.headlineIteration} iterations`,
    note: `Findings summed over the programs of each model and strategy, at the baseline and after ${report.headlineIteration} iterations, with the relative change (n/a from a baseline of 0). The study reported +37.6% critical vulnerabilities after five iterations.`,
    header: ['model', 'strategy', 'programs', 'critical', 'high', 'all findings', 'cyclomatic complexity'],
    rows: report.headline.map((h) => [h.model, h.strategy, String(h.programs), change(h.critical), change(h.high), change(h.all), change(h.complexity)]),
  });
  const last = Math.max(0, ...report.series.map((point) => point.iteration));
  const columns = Array.from({ length: last + 1 }, (_, i) => i);
  const perIteration = (title: string, note: string, value: (point: SeriesPoint) => number): ReportTable => ({
    title,
    note,
    header: ['model', 'strategy', ...columns.map((i) => (i === 0 ? 'base' : String(i)))],
    rows: pairsOf(report.series).map(([model, strategy]) => [
      model,
      strategy,
      ...columns.map((i) => {
        const point = report.series.find((p) => p.model === model && p.strategy === strategy && p.iteration === i);
        return point ? String(value(point)) : '';
      }),
    ]),
  });
  tables.push(perIteration('Critical and high findings per iteration', 'Summed over the programs of each chain; iteration 0 is the baseline.', (p) => p.findings.critical + p.findings.high));
  tables.push(perIteration('All findings per iteration', 'Every severity, summed over the programs.', total));
  tables.push(perIteration('Cyclomatic complexity per iteration', 'Total cyclomatic complexity of every function, summed over the programs.', (p) => p.complexity));
  tables.push({
    title: 'Classes of weakness introduced',
    note: 'Distinct findings that appeared in a chain and were not in its baseline, by CWE, model and strategy, with the rules that found them.',
    header: ['CWE', 'model', 'strategy', 'introduced', 'rules'],
    rows: report.introducedClasses.map((c) => [c.cwe, c.model, c.strategy, String(c.introduced), c.rules.join(', ')]),
  });
  const { levels, changes } = report.correlation;
  tables.push({
    title: 'Complexity and findings',
    note: "Correlation of cyclomatic complexity with finding counts: over every iteration's code (levels; larger programs have more of both), and as changes from each chain's baseline (does growing complexity go with growing findings?). n/a below 3 pairs or without variance.",
    header: ['over', 'findings', 'n', 'Pearson', 'Spearman'],
    rows: [
      correlationRow('levels', 'critical', levels.critical),
      correlationRow('levels', 'critical + high', levels.criticalHigh),
      correlationRow('levels', 'all', levels.all),
      correlationRow('changes', 'critical', changes.critical),
      correlationRow('changes', 'critical + high', changes.criticalHigh),
      correlationRow('changes', 'all', changes.all),
    ],
  });
  tables.push({
    title: "What loopwarden's policy would have done",
    note: 'Each chain replayed through the gate with the policy: where it would first have stopped for a person, why it stopped (a stop may have several reasons), how many introduced findings a reviewer would have been shown at a stop, and how many reached the last iteration without any stop showing them.',
    header: ['model', 'strategy', 'chains', 'stopped', 'first stop (iteration: chains)', 'stop reasons', 'introduced', 'shown at a stop', 'unseen at the end'],
    rows: report.policy.map((p) => [
      p.model,
      p.strategy,
      String(p.chains),
      String(p.stopped),
      Object.entries(p.firstStops).map(([iteration, count]) => `${iteration}: ${count}`).join(', ') || '–',
      Object.entries(p.reasons)
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([reason, count]) => `${reason} ${count}`)
        .join(', ') || '–',
      String(p.introduced),
      String(p.caught),
      String(p.unseenAtEnd),
    ]),
  });
  tables.push({
    title: 'Calls',
    note: 'Requests made for this run, their tokens and cost (from the config\'s price table; 0 without one), and the iterations that kept the last good code, by why.',
    header: ['model', 'calls', 'answered', 'failed', 'kept last good code', 'input tokens', 'output tokens', 'cost (USD)'],
    rows: report.calls.map((c) => [
      c.model,
      String(c.calls),
      String(c.answered),
      String(c.failed),
      Object.entries(c.kept).map(([why, count]) => `${why} ${count}`).join(', ') || '–',
      String(c.inputTokens),
      String(c.outputTokens),
      report.plan.models.find((m) => m.label === c.model)?.price ? c.costUsd.toFixed(4) : '– (no price given)',
    ]),
  });
  return tables;
}

function pairsOf(series: readonly SeriesPoint[]): [string, string][] {
  const seen = new Map<string, [string, string]>();
  for (const point of series) seen.set(JSON.stringify([point.model, point.strategy]), [point.model, point.strategy]);
  return [...seen.values()];
}
