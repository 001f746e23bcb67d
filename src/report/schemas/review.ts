import { z } from 'zod';
import { toolSchema } from './common.js';
import { REVIEW_REPORT_VERSION } from './versions.js';

/** The schema of `loopwarden review --format json`. */
export const reviewReportSchema = z
  .object({
    schemaVersion: z.literal(REVIEW_REPORT_VERSION),
    tool: toolSchema,
    recorded: z.boolean().meta({ description: 'false when the same decision already stood for this state' }),
    seq: z.number().int().positive().meta({ description: 'the review record (or, when nothing was recorded, the review that stands)' }),
    decision: z.enum(['approve', 'reject']),
    reviewer: z.string(),
    note: z.string(),
    covers: z.array(z.number().int().positive()),
    head: z.number().int().positive().meta({ description: 'the iteration whose state the review is about' }),
    attestation: z.enum(['terminal', 'demo', 'ssh-signature', 'server']),
  })
  .meta({ title: 'loopwarden review --format json', description: 'A review a person recorded: decision, reviewer, the iterations it covers and how the reviewer was known.' });

export type ReviewReport = z.infer<typeof reviewReportSchema>;
