import { z } from 'zod';
import { CONFIDENCES, SEVERITIES } from '../findings/finding.js';
import type { ScanResult } from '../engine/scan.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { summarizeScan, type FailOn } from './scan-summary.js';

/** Version of the JSON report; bumped on any incompatible change, documented in docs/json-report.md. */
export const JSON_REPORT_VERSION = '1.0.0';

const findingSchema = z.object({
  ruleId: z.string(),
  cwe: z.array(z.string().regex(/^CWE-\d+$/)),
  severity: z.enum(SEVERITIES),
  securitySeverity: z.number(),
  confidence: z.enum(CONFIDENCES),
  path: z.string(),
  startLine: z.number().int().positive(),
  startColumn: z.number().int().positive(),
  endLine: z.number().int().positive(),
  endColumn: z.number().int().positive(),
  message: z.string(),
  fix: z.string(),
  snippet: z.string(),
  function: z.string().nullable(),
  fingerprint: z.string().regex(/^[0-9a-f]{32}$/),
  references: z.array(z.string()),
});

const severityCounts = z.object(Object.fromEntries(SEVERITIES.map((s) => [s, z.number().int()])) as Record<(typeof SEVERITIES)[number], z.ZodNumber>);

/** The schema of `loopwarden scan --format json`. */
export const scanReportSchema = z.object({
  schemaVersion: z.literal(JSON_REPORT_VERSION),
  tool: z.object({ name: z.literal(TOOL_NAME), version: z.string() }),
  root: z.string(),
  summary: z.object({
    filesScanned: z.number().int(),
    linesScanned: z.number().int(),
    findings: z.number().int(),
    bySeverity: severityCounts,
    suppressed: z.number().int(),
    skipped: z.record(z.string(), z.number().int()),
    notes: z.number().int(),
    failOn: z.enum([...SEVERITIES, 'none']),
    failed: z.boolean(),
  }),
  findings: z.array(findingSchema),
  suppressed: z.array(findingSchema.extend({ suppression: z.object({ reason: z.string(), line: z.number().int() }) })),
  skipped: z.array(z.object({ path: z.string(), reason: z.string() })),
  notes: z.array(z.object({ path: z.string(), kind: z.string(), message: z.string() })),
  functions: z
    .array(
      z.object({
        path: z.string(),
        name: z.string(),
        startLine: z.number().int(),
        endLine: z.number().int(),
        lines: z.number().int(),
        parameters: z.number().int(),
        cyclomatic: z.number().int(),
        cognitive: z.number().int(),
        maxNesting: z.number().int(),
      }),
    )
    .optional(),
});

export type ScanReport = z.infer<typeof scanReportSchema>;

/** Builds the JSON report object for a scan. */
export function buildJsonReport(result: ScanResult, failOn: FailOn): ScanReport {
  return {
    schemaVersion: JSON_REPORT_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    root: result.root,
    summary: summarizeScan(result, failOn),
    findings: result.findings,
    suppressed: result.suppressed,
    skipped: result.skipped,
    notes: result.notes,
    ...(result.functions ? { functions: result.functions } : {}),
  };
}

/** Renders the JSON report. */
export function renderJson(result: ScanResult, failOn: FailOn): string {
  return `${JSON.stringify(buildJsonReport(result, failOn), null, 2)}\n`;
}
