import { test } from 'node:test';
import assert from 'node:assert/strict';
import { complexityCorrelation, relativeChange, seriesOf, type IterationPoint } from '../../src/experiment/measures.js';

const point = (program: string, iteration: number, critical: number, complexity: number, strategy = 'security'): IterationPoint => ({
  model: 'm',
  strategy,
  program,
  iteration,
  findings: { critical, high: 1, medium: 0, low: 0 },
  complexity,
});

test('series sum the programs per iteration, and the change after N iterations is relative to the baseline', () => {
  const points = [point('a', 0, 2, 3), point('b', 0, 3, 4), point('a', 5, 4, 9), point('b', 5, 3, 6), point('a', 1, 0, 3, 'feature')];
  const series = seriesOf(points);
  assert.deepEqual(series.map((s) => [s.strategy, s.iteration, s.programs, s.findings.critical, s.findings.high, s.complexity]), [
    ['feature', 1, 1, 0, 1, 3],
    ['security', 0, 2, 5, 2, 7],
    ['security', 5, 2, 7, 2, 15],
  ]);
  const critical = (s: { findings: { critical: number } }) => s.findings.critical;
  assert.equal(relativeChange(series, 'm', 'security', critical, 5), 0.4);
  assert.equal(relativeChange(series, 'm', 'security', critical, 6), undefined, 'not reached');
  assert.equal(relativeChange(series, 'm', 'feature', critical, 1), undefined, 'no baseline');
  assert.equal(relativeChange(seriesOf([point('a', 0, 0, 1), point('a', 5, 2, 1)]), 'm', 'security', critical, 5), undefined, 'from zero there is no finite change');
});

test('complexity correlation gives Pearson and Spearman with n, and nothing where it is undefined', () => {
  const points = [point('a', 0, 1, 2), point('a', 1, 2, 4), point('a', 2, 3, 5), point('a', 3, 8, 7)];
  const critical = (f: { critical: number }) => f.critical;
  const correlation = complexityCorrelation(points, critical);
  assert.equal(correlation.n, 4);
  assert.ok(Math.abs(correlation.spearman! - 1) < 1e-12, 'monotone: rank correlation 1');
  assert.ok(correlation.pearson! > 0.9 && correlation.pearson! < 1, String(correlation.pearson));
  assert.deepEqual(complexityCorrelation(points.slice(0, 2), critical), { n: 2, pearson: undefined, spearman: undefined });
  assert.deepEqual(complexityCorrelation([point('a', 0, 1, 2), point('a', 1, 2, 2), point('a', 2, 3, 2)], critical), { n: 3, pearson: undefined, spearman: undefined });
});
