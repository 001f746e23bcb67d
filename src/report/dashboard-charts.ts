import type { TopLevelSpec } from 'vega-lite';
import type { DegradationRow } from '../ledger/insights/degradation.js';
import type { ModelCweRow, ModelRow } from '../ledger/insights/models.js';
import type { TrendRow } from '../ledger/insights/trends.js';

// The dashboard's charts as Vega-Lite specs with their data inlined: rendered to SVG on the server
// (experiment-charts.ts renderSvg), so a page shows them without script and without fetching anything.

const WIDTH = 560;
const HEIGHT = 260;
// Colours that keep 4.5:1 against white for marks and text (WCAG AA).
const INK = '#1f4e79';
const ALERT = '#a4262c';
const MUTED = '#555555';
const AXIS = { labelColor: '#333333', titleColor: '#333333' };
const CONFIG = { axis: AXIS, legend: { labelColor: '#333333', titleColor: '#333333' }, view: { stroke: null } };

/** The model's label in charts: tool and model, or what is known of them. */
export const modelLabel = (row: { tool?: string | null; model: string | null }): string => [row.tool, row.model].filter(Boolean).join(' · ') || 'unknown';

/**
 * Introduced findings per AI iteration at each chain position, with the policy limit drawn where the chain
 * must stop for review: the study's curve measured on the organisation's own chains.
 */
export function degradationSpec(rows: readonly DegradationRow[], limit: number): TopLevelSpec {
  const data = rows.map((row) => ({ position: row.position, perIteration: Math.round(row.introducedPerIteration * 1000) / 1000, aiIterations: row.aiIterations }));
  return {
    width: WIDTH,
    height: HEIGHT,
    config: CONFIG,
    layer: [
      {
        data: { values: data },
        mark: { type: 'line', point: { filled: true, size: 60, color: INK }, color: INK, strokeWidth: 2 },
        encoding: {
          x: { field: 'position', type: 'quantitative', title: 'position in the AI chain since the last approval', axis: { tickMinStep: 1 }, scale: { domainMin: 1 } },
          y: { field: 'perIteration', type: 'quantitative', title: 'findings introduced per AI iteration' },
          tooltip: [{ field: 'position', title: 'position' }, { field: 'perIteration', title: 'per iteration' }, { field: 'aiIterations', title: 'AI iterations' }],
        },
      },
      {
        data: { values: [{ limit, label: `policy limit: ${limit}` }] },
        mark: { type: 'rule', color: ALERT, strokeDash: [6, 4], strokeWidth: 2 },
        encoding: { x: { field: 'limit', type: 'quantitative' } },
      },
      {
        data: { values: [{ limit, label: `policy limit: ${limit}` }] },
        mark: { type: 'text', color: ALERT, align: 'left', dx: 6, dy: -HEIGHT / 2 + 8, fontWeight: 'bold' },
        encoding: { x: { field: 'limit', type: 'quantitative' }, text: { field: 'label' } },
      },
    ],
  } as TopLevelSpec;
}

/** Introduced findings per 100 AI iterations, one bar per tool and model. */
export function modelsSpec(rows: readonly ModelRow[]): TopLevelSpec {
  return {
    width: WIDTH,
    config: CONFIG,
    data: { values: rows.map((row) => ({ model: modelLabel(row), per100: Math.round(row.introducedPer100 * 10) / 10 })) },
    mark: { type: 'bar', color: INK },
    encoding: {
      y: { field: 'model', type: 'nominal', title: 'tool · model', sort: '-x' },
      x: { field: 'per100', type: 'quantitative', title: 'findings introduced per 100 AI iterations' },
      tooltip: [{ field: 'model' }, { field: 'per100', title: 'per 100' }],
    },
  } as TopLevelSpec;
}

/** Mean change of total cyclomatic complexity per AI iteration, one bar per tool and model. */
export function complexitySpec(rows: readonly ModelRow[]): TopLevelSpec {
  return {
    width: WIDTH,
    config: CONFIG,
    data: { values: rows.map((row) => ({ model: modelLabel(row), growth: Math.round(row.complexityGrowthPerIteration * 100) / 100 })) },
    mark: { type: 'bar', color: MUTED },
    encoding: {
      y: { field: 'model', type: 'nominal', title: 'tool · model', sort: '-x' },
      x: { field: 'growth', type: 'quantitative', title: 'complexity added per AI iteration (cyclomatic)' },
    },
  } as TopLevelSpec;
}

/** The model × CWE heat map; each cell prints its value, so colour is never the only carrier. */
export function heatMapSpec(rows: readonly ModelCweRow[]): TopLevelSpec {
  const data = rows.map((row) => ({ model: row.model ?? 'unknown', cwe: row.cwe, per100: Math.round(row.per100 * 10) / 10 }));
  const max = Math.max(0, ...data.map((row) => row.per100));
  return {
    config: CONFIG,
    data: { values: data },
    encoding: {
      x: { field: 'cwe', type: 'nominal', title: 'CWE', axis: { labelAngle: -40 } },
      y: { field: 'model', type: 'nominal', title: 'model' },
    },
    layer: [
      { mark: { type: 'rect' }, encoding: { color: { field: 'per100', type: 'quantitative', title: 'per 100 AI iterations', scale: { scheme: 'blues' } } } },
      {
        mark: { type: 'text', fontSize: 11 },
        encoding: {
          text: { field: 'per100', type: 'quantitative' },
          // Dark cells get white text, light cells dark text: contrast holds on every cell.
          color: { condition: { test: `datum.per100 > ${max * 0.55}`, value: 'white' }, value: '#111111' },
        },
      },
    ],
  } as TopLevelSpec;
}

/** Open findings and unreviewed AI iterations over time (one line each), and the risk score on its own scale. */
export function trendsSpec(rows: readonly TrendRow[]): TopLevelSpec {
  const data = rows.flatMap((row) => [
    { day: row.day, series: 'open findings', value: row.openFindings },
    { day: row.day, series: 'unreviewed AI iterations', value: row.unreviewedAiIterations },
    { day: row.day, series: 'risk score', value: row.risk },
  ]);
  return {
    config: CONFIG,
    data: { values: data },
    facet: { row: { field: 'series', type: 'nominal', title: null, sort: ['open findings', 'unreviewed AI iterations', 'risk score'] } },
    resolve: { scale: { y: 'independent' } },
    spec: {
      width: WIDTH,
      height: 120,
      mark: { type: 'line', color: INK, interpolate: 'step-after' },
      encoding: {
        x: { field: 'day', type: 'temporal', title: 'day' },
        y: { field: 'value', type: 'quantitative', title: null },
      },
    },
  } as TopLevelSpec;
}
