import type { IterationDiff } from '../diff/iteration-diff.js';
import type { LedgerRecord } from '../ledger/record.js';
import type { Verdict } from '../policy/verdict.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import type { DiffReport } from './schemas/diff.js';
import { DIFF_REPORT_VERSION } from './schemas/versions.js';

/** Version of the `check` JSON output. */
export const ITERATION_JSON_VERSION = '1.0.0';

/** Renders `diff --format json`: the diff alone, under its own version (docs/schemas/diff.schema.json). */
export function renderDiffJson(diff: IterationDiff): string {
  const report: DiffReport = { schemaVersion: DIFF_REPORT_VERSION, tool: { name: TOOL_NAME, version: TOOL_VERSION }, diff };
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** Renders a `check`: its recorded iteration, verdict, chain and diff, as JSON. */
export function renderIterationJson(input: { diff: IterationDiff; verdict?: Verdict; record?: LedgerRecord & { kind: 'iteration' } }): string {
  const { diff, verdict, record } = input;
  const body = {
    schemaVersion: ITERATION_JSON_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    ...(record ? { iteration: { seq: record.seq, recordedAt: record.recordedAt, hash: record.hash, provenance: record.payload.provenance, revision: record.payload.revision, baseline: record.payload.baseline } } : {}),
    ...(verdict ? { verdict: { level: verdict.level, reasons: verdict.reasons }, chain: verdict.chain } : {}),
    diff: { ...diff, functions: diff.functions },
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}
