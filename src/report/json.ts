import type { ScanResult } from '../engine/scan.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { summarizeScan, type FailOn } from './scan-summary.js';
import type { ScanReport } from './schemas/scan.js';
import { SCAN_REPORT_VERSION } from './schemas/versions.js';

/** Builds the JSON report object for a scan. */
export function buildJsonReport(result: ScanResult, failOn: FailOn): ScanReport {
  return {
    schemaVersion: SCAN_REPORT_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    root: result.root,
    summary: summarizeScan(result, failOn),
    findings: result.findings,
    suppressed: result.suppressed,
    skipped: result.skipped,
    notes: result.notes,
    ...(result.functions ? { functions: result.functions.map(({ bodySignature: _signature, ...metrics }) => metrics) } : {}),
  };
}

/** Renders the JSON report. */
export function renderJson(result: ScanResult, failOn: FailOn): string {
  return `${JSON.stringify(buildJsonReport(result, failOn), null, 2)}\n`;
}
