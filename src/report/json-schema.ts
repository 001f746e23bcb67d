import { z } from 'zod';
import { CONFIDENCES, SEVERITIES } from '../findings/finding.js';
import { TOOL_NAME } from '../version.js';
import { JSON_REPORT_VERSION } from './json-version.js';

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
  trace: z.array(z.object({ kind: z.enum(['source', 'step', 'sink']), line: z.number().int(), column: z.number().int(), text: z.string() })).optional(),
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
