import type { IterationDiff } from '../diff/iteration-diff.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import type { DiffReport } from './schemas/diff.js';
import { DIFF_REPORT_VERSION } from './schemas/versions.js';

/** Renders `diff --format json`: the diff alone, under its own version (docs/schemas/diff.schema.json). */
export function renderDiffJson(diff: IterationDiff): string {
  const report: DiffReport = { schemaVersion: DIFF_REPORT_VERSION, tool: { name: TOOL_NAME, version: TOOL_VERSION }, diff };
  return `${JSON.stringify(report, null, 2)}\n`;
}
