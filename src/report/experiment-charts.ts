import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { RunReport } from '../experiment/run-report.js';

/** One chart of a report: its title, and the SVG that draws it (no script, no font or data to fetch). */
export interface RenderedChart {
  title: string;
  svg: string;
}

const WIDTH = 520;
const HEIGHT = 240;

type Row = Record<string, string | number>;

/** A line per strategy over the iterations, one panel per model when there are several. */
function perIteration(rows: Row[], field: string, axis: string, models: number): TopLevelSpec {
  return {
    data: { values: rows },
    mark: { type: 'line', point: true },
    width: models > 1 ? Math.max(220, Math.floor(WIDTH / models)) : WIDTH,
    height: HEIGHT,
    encoding: {
      x: { field: 'iteration', type: 'quantitative', title: 'iteration (0 = baseline)', axis: { tickMinStep: 1 } },
      y: { field, type: 'quantitative', title: axis },
      color: { field: 'strategy', type: 'nominal', title: 'strategy' },
      ...(models > 1 ? { column: { field: 'model', type: 'nominal', title: 'model' } } : {}),
    },
  } as TopLevelSpec;
}

/** The Vega-Lite specs of a report's charts, with their data inlined. */
export function chartSpecs(report: RunReport): { title: string; spec: TopLevelSpec }[] {
  const models = new Set(report.series.map((point) => point.model)).size;
  const rows = report.series.map((p) => ({
    model: p.model,
    strategy: p.strategy,
    iteration: p.iteration,
    criticalHigh: p.findings.critical + p.findings.high,
    critical: p.findings.critical,
    all: p.findings.critical + p.findings.high + p.findings.medium + p.findings.low,
    complexity: p.complexity,
  }));
  const charts: { title: string; spec: TopLevelSpec }[] = [];
  if (rows.length === 0) return charts;
  charts.push({ title: 'Critical and high findings per iteration', spec: perIteration(rows, 'criticalHigh', 'critical + high findings', models) });
  charts.push({ title: 'All findings per iteration', spec: perIteration(rows, 'all', 'findings', models) });
  charts.push({ title: 'Cyclomatic complexity per iteration', spec: perIteration(rows, 'complexity', 'total cyclomatic complexity', models) });
  if (report.introducedClasses.length > 0) {
    charts.push({
      title: 'Classes of weakness introduced, by strategy',
      spec: {
        data: { values: report.introducedClasses.map((c) => ({ cwe: c.cwe, strategy: c.strategy, model: c.model, introduced: c.introduced })) },
        mark: 'bar',
        width: WIDTH,
        encoding: {
          y: { field: 'cwe', type: 'nominal', title: 'CWE', sort: '-x' },
          x: { aggregate: 'sum', field: 'introduced', type: 'quantitative', title: 'distinct findings introduced' },
          color: { field: 'strategy', type: 'nominal', title: 'strategy' },
          ...(models > 1 ? { row: { field: 'model', type: 'nominal', title: 'model' } } : {}),
        },
      } as TopLevelSpec,
    });
  }
  const stops = report.policy.flatMap((p) => Object.entries(p.firstStops).map(([iteration, chains]) => ({ model: p.model, strategy: p.strategy, iteration: Number(iteration), chains })));
  if (stops.length > 0) {
    charts.push({
      title: "Where loopwarden's policy would first have stopped each chain for review",
      spec: {
        data: { values: stops },
        mark: 'bar',
        width: WIDTH,
        height: HEIGHT,
        encoding: {
          x: { field: 'iteration', type: 'ordinal', title: 'iteration of the first stop' },
          y: { aggregate: 'sum', field: 'chains', type: 'quantitative', title: 'chains' },
          color: { field: 'strategy', type: 'nominal', title: 'strategy' },
          ...(models > 1 ? { column: { field: 'model', type: 'nominal', title: 'model' } } : {}),
        },
      } as TopLevelSpec,
    });
  }
  return charts;
}

/** Renders one Vega-Lite spec to SVG, offline, through Vega's headless renderer (no script, font or data to fetch). */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile({ ...spec, config: { font: 'sans-serif', background: 'white', ...(spec as { config?: object }).config } } as TopLevelSpec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Renders a report's charts to SVG. */
export async function renderCharts(report: RunReport): Promise<RenderedChart[]> {
  const rendered: RenderedChart[] = [];
  for (const { title, spec } of chartSpecs(report)) rendered.push({ title, svg: await renderSvg(spec) });
  return rendered;
}
