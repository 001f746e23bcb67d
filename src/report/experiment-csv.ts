import { stringify } from 'csv-stringify/sync';
import type { RunReport } from '../experiment/run-report.js';

/** Renders an experiment run's series as CSV: one row per model, strategy and iteration (0 = baseline). */
export function renderExperimentCsv(report: RunReport): string {
  const rows = report.series.map((p) => [p.model, p.strategy, p.iteration, p.programs, p.findings.critical, p.findings.high, p.findings.medium, p.findings.low, p.findings.critical + p.findings.high + p.findings.medium + p.findings.low, p.complexity]);
  return stringify(rows, { header: true, columns: ['model', 'strategy', 'iteration', 'programs', 'critical', 'high', 'medium', 'low', 'all', 'complexity'] });
}
