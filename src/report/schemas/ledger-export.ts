import { z } from 'zod';
import { VERDICT_LEVELS } from '../../policy/policy.js';
import { findingSchema, functionChangeSchema, toolSchema } from './common.js';
import { LEDGER_EXPORT_VERSION } from './versions.js';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const seq = z.number().int().positive();

const provenanceSchema = z.object({
  actor: z.enum(['ai', 'human']),
  tool: z.string().optional(),
  model: z.string().optional(),
  strategy: z.string().optional().meta({ description: 'efficiency, feature, security, ambiguous, or free text' }),
  author: z.string().optional(),
});

const verdictSchema = z.object({
  level: z.enum(VERDICT_LEVELS),
  reasons: z.array(
    z.object({
      level: z.enum(VERDICT_LEVELS),
      code: z.enum(['finding-introduced', 'chain-limit', 'function-complexity', 'total-complexity']),
      message: z.string(),
      subject: z.string().optional().meta({ description: 'the finding fingerprint or function the reason is about' }),
    }),
  ),
  chain: z.object({ aiIterationsSinceReview: z.number().int().nonnegative(), limit: z.number().int().nonnegative() }),
});

const iterationPayloadSchema = z.object({
  provenance: provenanceSchema,
  revision: z.object({ commit: z.string().nullable(), worktree: z.boolean() }),
  snapshotId: z.string(),
  baseline: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('iteration'), seq }),
    z.object({ kind: z.literal('commit'), commit: z.string() }),
    z.object({ kind: z.literal('empty') }),
  ]),
  introduced: z.array(findingSchema),
  fixed: z.array(findingSchema),
  persistingCount: z.number().int().nonnegative(),
  risk: z.object({ before: z.number(), after: z.number(), delta: z.number() }),
  functions: z.array(functionChangeSchema),
  complexity: z.object({ before: z.number(), after: z.number(), changePercent: z.number() }),
  files: z.object({ added: z.array(z.string()), removed: z.array(z.string()), modified: z.array(z.string()) }),
  verdict: verdictSchema,
});

const reviewPayloadSchema = z.object({
  decision: z.enum(['approve', 'reject']),
  reviewer: z.string(),
  note: z.string(),
  covers: z.array(seq).meta({ description: 'sequence numbers of the iterations the review covers' }),
});

const recordFields = {
  seq,
  recordedAt: z.iso.datetime(),
  prevHash: sha256.meta({ description: "the previous record's hash (64 zeros for the first)" }),
  hash: sha256.meta({ description: 'SHA-256 over seq, kind, recordedAt, the canonical payload and prevHash' }),
};

/** The schema of `loopwarden ledger export --format json`. */
export const ledgerExportSchema = z
  .object({
    schemaVersion: z.literal(LEDGER_EXPORT_VERSION),
    tool: toolSchema,
    records: z.array(
      z.discriminatedUnion('kind', [
        z.object({ ...recordFields, kind: z.literal('iteration'), payload: iterationPayloadSchema }),
        z.object({ ...recordFields, kind: z.literal('review'), payload: reviewPayloadSchema }),
      ]),
    ),
  })
  .meta({ title: 'loopwarden ledger export --format json', description: 'Every ledger record, oldest first: iterations with their analysis and verdict, and reviews.' });

export type LedgerExport = z.infer<typeof ledgerExportSchema>;
