import { z } from 'zod';
import { baselineRefSchema, changedFindingSchema, findingSchema, functionChangeSchema, openFindingSchema, openSuppressionSchema, previousRefSchema, provenanceSchema, toolSchema, verdictSchema } from './common.js';
import { LEDGER_EXPORT_VERSION } from './versions.js';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const seq = z.number().int().positive();

const iterationPayloadSchema = z.object({
  provenance: provenanceSchema,
  revision: z.object({ commit: z.string().nullable(), worktree: z.boolean() }),
  snapshotId: z.string(),
  baseline: baselineRefSchema.meta({ description: 'the accepted baseline the verdict compared with' }),
  previous: previousRefSchema.optional(),
  introduced: z.array(findingSchema).meta({ description: 'since the previous iteration' }),
  fixed: z.array(findingSchema).meta({ description: 'since the previous iteration' }),
  changed: z.array(changedFindingSchema).optional(),
  persistingCount: z.number().int().nonnegative(),
  open: z.array(openFindingSchema).optional().meta({ description: 'introduced since the accepted baseline and still present' }),
  aiSuppressions: z.array(openSuppressionSchema).optional(),
  guards: z.record(z.string(), z.object({ digest: z.string(), what: z.string() })).optional().meta({ description: 'digests of the policy, scan settings, rules and guarded files' }),
  risk: z.object({ before: z.number(), after: z.number(), delta: z.number() }),
  functions: z.array(functionChangeSchema),
  complexity: z.object({ before: z.number(), after: z.number(), changePercent: z.number() }),
  files: z.object({ added: z.array(z.string()), removed: z.array(z.string()), modified: z.array(z.string()) }),
  scanners: z
    .array(z.object({ scanner: z.string().max(100), files: z.array(z.string()).max(100_000), message: z.string().max(100_000) }))
    .max(50)
    .optional()
    .meta({ description: 'scanners (scanners: in .loopwarden.yml) that failed on some files: their findings there were not re-checked' }),
  verdict: verdictSchema,
});

const reviewPayloadSchema = z.object({
  decision: z.enum(['approve', 'reject']),
  reviewer: z.string(),
  note: z.string(),
  covers: z.array(seq).meta({ description: 'sequence numbers of the iterations the review covers' }),
  attestation: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('terminal') }),
      z.object({ kind: z.literal('demo') }),
      z.object({ kind: z.literal('ssh-signature'), principal: z.string(), namespace: z.string(), signature: z.string(), signedText: z.string() }),
      z.object({ kind: z.literal('server'), account: z.string() }).meta({ description: 'recorded on the team server by this account, with the reviewer role' }),
    ])
    .optional()
    .meta({ description: 'how the reviewer was known to be a person' }),
});

const recordFields = {
  seq,
  recordedAt: z.iso.datetime(),
  prevHash: sha256.meta({ description: "the previous record's hash (64 zeros for the first)" }),
  hash: sha256.meta({ description: 'SHA-256 over seq, kind, recordedAt, the canonical payload and prevHash' }),
};

/** One ledger record as exported, and as the team server accepts it: iteration or review. */
export const ledgerRecordSchema = z.discriminatedUnion('kind', [
  z.object({ ...recordFields, kind: z.literal('iteration'), payload: iterationPayloadSchema }),
  z.object({ ...recordFields, kind: z.literal('review'), payload: reviewPayloadSchema }),
]);

/** The schema of `loopwarden ledger export --format json`. */
export const ledgerExportSchema = z
  .object({
    schemaVersion: z.literal(LEDGER_EXPORT_VERSION),
    tool: toolSchema,
    records: z.array(ledgerRecordSchema),
  })
  .meta({ title: 'loopwarden ledger export --format json', description: 'Every ledger record, oldest first: iterations with their analysis and verdict, and reviews.' });

export type LedgerExport = z.infer<typeof ledgerExportSchema>;
