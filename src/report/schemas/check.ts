import { z } from 'zod';
import {
  baselineRefSchema,
  chainSchema,
  functionChangeSchema,
  iterationDiffSchema,
  openFindingSchema,
  previousRefSchema,
  provenanceSchema,
  toolSchema,
  verdictReasonSchema,
} from './common.js';
import { CHECK_REPORT_VERSION } from './versions.js';

const count = z.number().int().nonnegative();
const complexityTotals = z.object({ cyclomatic: count, cognitive: count, functions: count });

/** The schema of `loopwarden check --format json`. */
export const checkReportSchema = z
  .object({
    schemaVersion: z.literal(CHECK_REPORT_VERSION),
    tool: toolSchema,
    recorded: z.boolean().meta({ description: 'false when the state was identical to the last iteration: nothing recorded or counted' }),
    headline: z.string().meta({ description: 'the one-line summary the text output starts with' }),
    iteration: z.object({
      seq: z.number().int().positive(),
      recordedAt: z.iso.datetime(),
      hash: z.string(),
      provenance: provenanceSchema,
      revision: z.object({ commit: z.string().nullable(), worktree: z.boolean() }),
      previous: previousRefSchema.nullable(),
      baseline: baselineRefSchema,
    }),
    baseline: z
      .discriminatedUnion('kind', [
        z.object({ kind: z.literal('iteration'), seq: z.number().int().positive(), snapshotId: z.string().optional(), why: z.string() }),
        z.object({ kind: z.literal('commit'), commit: z.string(), snapshotId: z.string().optional(), why: z.string() }),
        z.object({ kind: z.literal('empty'), why: z.string() }),
      ])
      .meta({ description: 'the accepted baseline: the last human or approved state, or the state before the first check' }),
    verdict: z.object({ level: z.enum(['pass', 'warn', 'review-required', 'block']), reasons: z.array(verdictReasonSchema) }),
    chain: chainSchema,
    next: z.array(z.object({ action: z.enum(['continue', 'fix', 'suppress', 'review']), text: z.string() })),
    counts: z.object({ open: count, introduced: count, stillOpen: count, fixed: count, persistingChanged: count }),
    open: z.array(openFindingSchema),
    unusedSuppressions: z
      .array(z.object({ path: z.string(), line: z.number().int().positive(), ruleId: z.string(), reason: z.string() }))
      .meta({ description: 'suppression comments in files changed since the accepted baseline that silence nothing' }),
    existing: z
      .object({ critical: count, high: count, medium: count, low: count, total: count })
      .optional()
      .meta({ description: 'first check only: findings already in the baseline, which do not gate' }),
    diff: iterationDiffSchema.meta({ description: 'what this iteration changed since the previous one' }),
    sinceBaseline: z.object({
      files: z.object({ added: z.array(z.string()), removed: z.array(z.string()), modified: z.array(z.string()) }),
      risk: z.object({ before: z.number(), after: z.number(), delta: z.number() }),
      complexity: z.object({ before: complexityTotals, after: complexityTotals, cyclomaticChangePercent: z.number() }),
      functions: z.array(functionChangeSchema),
    }),
  })
  .meta({ title: 'loopwarden check --format json', description: 'One iteration judged against the accepted baseline: verdict, reasons, next steps, open findings and diffs.' });

export type CheckReport = z.infer<typeof checkReportSchema>;
