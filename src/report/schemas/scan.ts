import { z } from 'zod';
import { SEVERITIES } from '../../findings/finding.js';
import { findingSchema, suppressedFindingSchema, toolSchema } from './common.js';
import { SCAN_REPORT_VERSION } from './versions.js';

const count = z.number().int().nonnegative();

/** The schema of `loopwarden scan --format json`. */
export const scanReportSchema = z
  .object({
    schemaVersion: z.literal(SCAN_REPORT_VERSION),
    tool: toolSchema,
    root: z.string().meta({ description: 'absolute directory every path is relative to' }),
    summary: z.object({
      filesScanned: count,
      linesScanned: count,
      findings: count,
      bySeverity: z.object(Object.fromEntries(SEVERITIES.map((s) => [s, count])) as Record<(typeof SEVERITIES)[number], typeof count>),
      suppressed: count,
      skipped: z.record(z.string(), count).meta({ description: 'skipped files per reason' }),
      notes: count,
      failOn: z.enum([...SEVERITIES, 'none']),
      failed: z.boolean(),
    }),
    findings: z.array(findingSchema),
    suppressed: z
      .array(suppressedFindingSchema)
      .meta({ description: 'findings silenced by loopwarden-ignore comments' }),
    skipped: z.array(z.object({ path: z.string(), reason: z.string() })),
    notes: z.array(z.object({ path: z.string(), kind: z.string(), message: z.string() })),
    functions: z
      .array(
        z.object({
          path: z.string(),
          name: z.string(),
          startLine: z.number().int().positive(),
          endLine: z.number().int().positive(),
          lines: count,
          parameters: count,
          cyclomatic: count,
          cognitive: count,
          maxNesting: count,
        }),
      )
      .optional()
      .meta({ description: 'only with --complexity' }),
  })
  .meta({ title: 'loopwarden scan --format json', description: 'Security weaknesses found by a scan, with what was suppressed, skipped and noted.' });

export type ScanReport = z.infer<typeof scanReportSchema>;
