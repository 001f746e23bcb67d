import type { IterationDiff } from '../diff/iteration-diff.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import type { DiffReport } from './schemas/diff.js';
import { DIFF_REPORT_VERSION } from './schemas/versions.js';

/** Builds the `diff --format json` document: the diff alone, under its own version (docs/schemas/diff.schema.json). */
export function diffJson(diff: IterationDiff): DiffReport {
  return { schemaVersion: DIFF_REPORT_VERSION, tool: { name: TOOL_NAME, version: TOOL_VERSION }, diff };
}

/** Renders `diff --format json`. */
export function renderDiffJson(diff: IterationDiff): string {
  return `${JSON.stringify(diffJson(diff), null, 2)}\n`;
}
