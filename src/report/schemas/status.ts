import { z } from 'zod';
import { chainSchema, findingSchema, openFindingSchema, provenanceSchema, toolSchema } from './common.js';
import { STATUS_REPORT_VERSION } from './versions.js';

const verdictLevel = z.enum(['pass', 'warn', 'review-required', 'block']);

/** The schema of `loopwarden status --format json`. */
export const statusReportSchema = z
  .object({
    schemaVersion: z.literal(STATUS_REPORT_VERSION),
    tool: toolSchema,
    chain: chainSchema,
    iterations: z.number().int().nonnegative(),
    baseline: z
      .object({ kind: z.enum(['iteration', 'commit', 'empty']), seq: z.number().int().positive().optional(), commit: z.string().optional(), snapshotId: z.string().optional(), why: z.string() })
      .nullable()
      .meta({ description: 'the accepted baseline; null before the first check' }),
    verdict: z.object({ seq: z.number().int().positive(), level: verdictLevel }).nullable().meta({ description: "the last iteration's verdict" }),
    open: z.array(openFindingSchema).meta({ description: 'findings introduced since the accepted baseline and still open at the last iteration' }),
    unreviewed: z.array(z.object({ seq: z.number().int().positive(), recordedAt: z.iso.datetime(), provenance: provenanceSchema, verdict: verdictLevel, introduced: z.array(findingSchema) })),
    lastReview: z
      .object({
        seq: z.number().int().positive(),
        recordedAt: z.iso.datetime(),
        decision: z.enum(['approve', 'reject']),
        reviewer: z.string(),
        note: z.string(),
        covers: z.array(z.number().int().positive()),
        attestation: z.enum(['terminal', 'demo', 'ssh-signature', 'server']).nullable(),
      })
      .nullable(),
  })
  .meta({ title: 'loopwarden status --format json', description: 'Where the loop stands: chain, accepted baseline, open findings, iterations awaiting review, last review.' });

export type StatusReport = z.infer<typeof statusReportSchema>;
