import { sampleCorrelation, sampleRankCorrelation } from 'simple-statistics';

/** Findings of one iteration's code, by severity. */
export interface SeverityCounts {
  critical: number;
  high: number;
  medium: number;
  low: number;
}

/** One point of a run: a model's chain under one strategy for one program, at one iteration (0 = baseline). */
export interface IterationPoint {
  model: string;
  strategy: string;
  program: string;
  iteration: number;
  findings: SeverityCounts;
  /** Total cyclomatic complexity of the iteration's code. */
  complexity: number;
}

/** The sum of every program's counts at each iteration, for one model and strategy. */
export interface SeriesPoint {
  model: string;
  strategy: string;
  iteration: number;
  /** How many programs have code at this iteration (a chain whose answers failed keeps its last good code). */
  programs: number;
  findings: SeverityCounts;
  complexity: number;
}

const ZERO: SeverityCounts = { critical: 0, high: 0, medium: 0, low: 0 };

/** Sums the points per model, strategy and iteration, in that order. */
export function seriesOf(points: IterationPoint[]): SeriesPoint[] {
  const byKey = new Map<string, SeriesPoint>();
  for (const point of points) {
    const key = JSON.stringify([point.model, point.strategy, point.iteration]);
    const sum = byKey.get(key) ?? { model: point.model, strategy: point.strategy, iteration: point.iteration, programs: 0, findings: { ...ZERO }, complexity: 0 };
    sum.programs += 1;
    for (const severity of Object.keys(ZERO) as (keyof SeverityCounts)[]) sum.findings[severity] += point.findings[severity];
    sum.complexity += point.complexity;
    byKey.set(key, sum);
  }
  return [...byKey.values()].sort((a, b) => a.model.localeCompare(b.model) || a.strategy.localeCompare(b.strategy) || a.iteration - b.iteration);
}

/**
 * The study's headline figure: the relative change of a count from the baseline (iteration 0) to iteration
 * `after` (the paper: +37.6% critical after five). Undefined when the baseline is 0 (no finite change) or
 * the iteration was not reached.
 */
export function relativeChange(series: SeriesPoint[], model: string, strategy: string, count: (point: SeriesPoint) => number, after: number): number | undefined {
  const at = (iteration: number) => series.find((point) => point.model === model && point.strategy === strategy && point.iteration === iteration);
  const base = at(0);
  const later = at(after);
  if (!base || !later || count(base) === 0) return undefined;
  return (count(later) - count(base)) / count(base);
}

/** A correlation with the number of pairs it was computed from; undefined coefficients when it is not defined (n < 3 or no variance). */
export interface Correlation {
  n: number;
  pearson: number | undefined;
  spearman: number | undefined;
}

/** Pearson's and Spearman's correlation of complexity with the finding count, over every point. */
export function complexityCorrelation(points: IterationPoint[], count: (findings: SeverityCounts) => number): Correlation {
  const x = points.map((point) => point.complexity);
  const y = points.map((point) => count(point.findings));
  const n = points.length;
  const varies = (values: number[]) => values.some((value) => value !== values[0]);
  if (n < 3 || !varies(x) || !varies(y)) return { n, pearson: undefined, spearman: undefined };
  return { n, pearson: sampleCorrelation(x, y), spearman: sampleRankCorrelation(x, y) };
}
