import type { RunReport } from '../experiment/run-report.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { EXPERIMENT_REPORT_VERSION } from './schemas/versions.js';

/** Renders an experiment run's report as JSON (docs/schemas/experiment-report.schema.json). */
export function renderExperimentJson(report: RunReport): string {
  return `${JSON.stringify({ schemaVersion: EXPERIMENT_REPORT_VERSION, tool: { name: TOOL_NAME, version: TOOL_VERSION }, ...report }, null, 2)}\n`;
}
