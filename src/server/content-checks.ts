import { z } from 'zod';
import { findingSchema, suppressedFindingSchema } from '../report/schemas/common.js';
import { canonicalJson } from '../ledger/canonical-json.js';
import { ledgerRecordSchema } from '../report/schemas/ledger-export.js';

// What the server stores is read later by every client of the repository: a record, snapshot or analysis
// that a client cannot read would stop the repository for everyone, and one that says more than the core
// writes is room to hide things in. Each is checked against the shape the core writes, field by field.

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

/** A record's payload may be at most this large (its canonical JSON). */
export const MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;

const snapshotBodySchema = z.object({
  files: z.array(
    z.looseObject({
      path: z.string().min(1).max(4096),
      hash: z.string().max(128),
      analysisKey: z.string().min(1).max(256),
      digest: hex64,
      summary: z.looseObject({ language: z.string(), lines: z.number().int().nonnegative() }),
    }),
  ),
});

const analysisSchema = z
  .object({
    path: z.string(),
    language: z.string(),
    lines: z.number().int().nonnegative(),
    findings: z.array(findingSchema),
    suppressed: z.array(suppressedFindingSchema),
    notes: z.array(z.looseObject({ path: z.string() })),
    unusedSuppressions: z.array(z.unknown()),
    functions: z.array(z.looseObject({ name: z.string() })).optional(),
    // Other tools' part of the analysis (src/scanners): which tools covered this content, which failed on it.
    scannedBy: z.array(z.string().max(100)).max(50).optional(),
    missedBy: z.array(z.string().max(100)).max(50).optional(),
  })
  .strict();

const NOT_JSON = Symbol('not JSON');

function parsedJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return NOT_JSON;
  }
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0]!;
  return `${issue.path.join('.') || 'the value'}: ${issue.message}`;
}

/** Why a snapshot body cannot be stored, or undefined; returns the analysis digests it names through `named`. */
export function snapshotProblem(body: string, named: Set<string>): string | undefined {
  const parsed = parsedJson(body);
  if (parsed === NOT_JSON) return 'the snapshot body is not JSON';
  const result = snapshotBodySchema.safeParse(parsed);
  if (!result.success) return `the snapshot body is not a snapshot (${firstIssue(result.error)})`;
  for (const file of result.data.files) named.add(file.digest);
  return undefined;
}

/** Why an analysis text cannot be stored, or undefined. */
export function analysisProblem(text: string): string | undefined {
  const parsed = parsedJson(text);
  if (parsed === NOT_JSON) return 'not JSON';
  const result = analysisSchema.safeParse(parsed);
  return result.success ? undefined : `not a file analysis (${firstIssue(result.error)})`;
}

/** Why a pushed record cannot be appended, or undefined: the ledger's shape exactly (no field more), a snapshot id, a size within bounds. */
export function recordProblem(record: { payload: unknown }): string | undefined {
  const parsed = ledgerRecordSchema.safeParse(record);
  if (!parsed.success) return firstIssue(parsed.error);
  const sent = canonicalJson(record.payload);
  if (sent.length > MAX_PAYLOAD_BYTES) return `payload: ${sent.length} bytes, more than the ${MAX_PAYLOAD_BYTES} a record may hold`;
  // The schema keeps only the fields it knows: whatever it dropped was not the core's.
  if (canonicalJson(parsed.data.payload) !== sent) return 'payload: fields the ledger does not have';
  if (parsed.data.kind === 'iteration' && !hex64.safeParse(parsed.data.payload.snapshotId).success) return 'payload.snapshotId: not a snapshot id (64 hexadecimal digits)';
  return undefined;
}
