import { z } from 'zod';
import { iterationDiffSchema, toolSchema } from './common.js';
import { DIFF_REPORT_VERSION } from './versions.js';

/** The schema of `loopwarden diff --format json`. */
export const diffReportSchema = z
  .object({
    schemaVersion: z.literal(DIFF_REPORT_VERSION),
    tool: toolSchema,
    diff: iterationDiffSchema,
  })
  .meta({ title: 'loopwarden diff --format json', description: 'What two versions differ in: findings introduced, fixed and persisting, risk and complexity.' });

export type DiffReport = z.infer<typeof diffReportSchema>;
