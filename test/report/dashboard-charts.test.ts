import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderSvg } from '../../src/report/experiment-charts.js';
import { complexitySpec, degradationSpec, heatMapSpec, modelsSpec, trendsSpec } from '../../src/report/dashboard-charts.js';

const degradation = [
  { position: 1, aiIterations: 10, introduced: 5, introducedPerIteration: 0.5, criticalHighPerIteration: 0.2 },
  { position: 2, aiIterations: 8, introduced: 6, introducedPerIteration: 0.75, criticalHighPerIteration: 0.3 },
  { position: 4, aiIterations: 4, introduced: 5, introducedPerIteration: 1.25, criticalHighPerIteration: 0.5 },
];

/** The values of a chart's points, read back from the SVG's accessible labels. */
const points = (svg: string) => [...svg.matchAll(/aria-roledescription="point"[^>]*aria-label="([^"]+)"|aria-label="([^"]+)"[^>]*aria-roledescription="point"/g)].map((match) => match[1] ?? match[2]);

test('the degradation chart draws one point per chain position with its value, and the policy limit', async () => {
  const svg = await renderSvg(degradationSpec(degradation, 3));
  const labels = points(svg);
  assert.equal(labels.length, 3);
  assert.match(labels[0]!, /position: 1; per iteration: 0\.5; AI iterations: 10/);
  assert.match(labels[2]!, /position: 4; per iteration: 1\.25; AI iterations: 4/);
  assert.match(svg, /policy limit: 3/);
});

test('every dashboard chart is plain SVG: no script, no inline style (the CSP allows neither), nothing fetched', async () => {
  const models = [{ tool: 'codex', model: 'gpt-x', aiIterations: 10, introduced: 4, introducedPer100: 40, complexityGrowthPerIteration: 2.5 }, { tool: null, model: null, aiIterations: 3, introduced: 0, introducedPer100: 0, complexityGrowthPerIteration: -1 }];
  const cells = [{ model: 'gpt-x', cwe: 'CWE-89', introduced: 3, per100: 30 }, { model: 'gpt-x', cwe: 'CWE-79', introduced: 1, per100: 10 }];
  const trends = [{ day: '2026-03-01', openFindings: 3, risk: 4.5, unreviewedAiIterations: 2 }, { day: '2026-03-02', openFindings: 5, risk: 6, unreviewedAiIterations: 1 }];
  for (const spec of [degradationSpec(degradation, 3), modelsSpec(models), complexitySpec(models), heatMapSpec(cells), trendsSpec(trends)]) {
    const svg = await renderSvg(spec);
    assert.match(svg, /^<svg /);
    assert.doesNotMatch(svg, /<script|style=|href="http|xlink:href="http|<image/);
  }
  const heat = await renderSvg(heatMapSpec(cells));
  // Each cell prints its value: colour is not the only carrier.
  assert.match(heat, />30<\/text>/);
  assert.match(heat, />10<\/text>/);
  assert.match(await renderSvg(modelsSpec(models)), /codex · gpt-x/);
});

test('a model named to look like an attribute stays text: the chart guard reads markup, not escaped values (found by an attack)', async () => {
  const { markupCouldRun } = await import('../../src/server/dashboard/components/chart.js');
  const svg = await renderSvg(modelsSpec([{ tool: 'x', model: 'gpt-5 onload=1 javascript:alert(1) <script>', aiIterations: 1, introduced: 1, introducedPer100: 100, complexityGrowthPerIteration: 0 }]));
  assert.equal(markupCouldRun(svg), false);
  assert.equal(markupCouldRun('<svg><script>alert(1)</script></svg>'), true);
  assert.equal(markupCouldRun('<svg><rect onload="x"/></svg>'), true);
  assert.equal(markupCouldRun('<svg><foreignObject></foreignObject></svg>'), true);
});
