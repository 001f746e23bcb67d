import { z } from '@hono/zod-openapi';
import { TOKEN_ROLES, USER_ROLES } from './account-migrations.js';
import { JOB_KINDS, JOB_STATES, auditResultSchema, jobRequestSchema, rescanResultSchema } from '../worker/job-schemas.js';

// The bodies and answers of the team server's API. Every request body is validated by these before a
// handler sees it; the OpenAPI document (/api/openapi.json) is generated from them.

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const errorSchema = z.object({ error: z.string() }).openapi('Error');

export const loginSchema = z.object({ name: z.string().min(1).max(100), password: z.string().min(1).max(1024) }).strict().openapi('Login');

export const sessionSchema = z.object({ name: z.string(), role: z.enum(USER_ROLES), csrfToken: z.string() }).openapi('Session');

export const recordSchema = z
  .object({
    seq: z.number().int().positive(),
    kind: z.enum(['iteration', 'review']),
    recordedAt: z.string().max(64),
    payload: z.record(z.string(), z.unknown()),
    prevHash: hex64,
    hash: hex64,
  })
  .strict()
  .openapi('LedgerRecord');

export const headSchema = z.object({ seq: z.number().int().positive(), hash: hex64 }).nullable().openapi('ChainHead');

export const recordsAfterQuery = z.object({
  after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional().openapi({ param: { name: 'after', in: 'query' }, description: 'only the records after this sequence number (a copy catching up)' }),
});

export const chainSchema = z.object({ records: z.array(recordSchema), head: headSchema }).openapi('Chain');

export const meSchema = z
  .object({ kind: z.enum(['user', 'token']), name: z.string(), role: z.enum([...new Set([...USER_ROLES, ...TOKEN_ROLES])] as [string, ...string[]]), repositories: z.array(z.string()) })
  .openapi('Me');

export const snapshotParams = z.object({
  repo: z.string().min(1).max(200).openapi({ param: { name: 'repo', in: 'path' } }),
  id: hex64.openapi({ param: { name: 'id', in: 'path' }, description: 'the snapshot id: the SHA-256 of its body' }),
});

export const recordsSchema = z.object({ records: z.array(recordSchema).max(10_000) }).strict().openapi('Records');

export const continueResultSchema = z.object({ appended: z.number().int(), alreadyHeld: z.number().int(), serverAhead: z.number().int() }).openapi('ContinueResult');

export const reviewSchema = z
  .object({
    decision: z.enum(['approve', 'reject']),
    note: z.string().max(10_000).default(''),
    /** The hash of the last iteration the reviewer saw: a review is refused when another was recorded since. */
    head: hex64.nullable(),
  })
  .strict()
  .openapi('Review');

export const snapshotSchema = z
  .object({ id: hex64, body: z.string().max(64 * 1024 * 1024), analyses: z.array(z.object({ digest: hex64, analysis: z.string() }).strict()).default([]) })
  .strict()
  .openapi('Snapshot');

export const verifySchema = z.object({ ok: z.boolean(), records: z.number().int(), problems: z.array(z.string()) }).openapi('Verify');

export const newUserSchema = z
  .object({ name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$/), role: z.enum(USER_ROLES), password: z.string().min(12).max(1024), repositories: z.array(z.string().min(1).max(200)).default([]) })
  .strict()
  .openapi('NewUser');

export const newTokenSchema = z.object({ name: z.string().min(1).max(100), role: z.enum(TOKEN_ROLES), repository: z.string().min(1).max(200) }).strict().openapi('NewToken');

export const tokenSchema = z.object({ id: z.string(), token: z.string() }).openapi('Token');

export const repositoryParam = z.object({ repo: z.string().min(1).max(200).openapi({ param: { name: 'repo', in: 'path' }, description: 'the repository name, URL-encoded (acme%2Fapi)' }) });

export const newJobSchema = jobRequestSchema.openapi('NewJob', { description: 'audit-history: record the commits after `since` up to `ref`; rescan: re-analyse the last recorded state with the rules installed now' });

export const jobParams = z.object({
  repo: z.string().min(1).max(200).openapi({ param: { name: 'repo', in: 'path' } }),
  id: z.string().max(64).openapi({ param: { name: 'id', in: 'path' }, description: 'the job id (a UUID)' }),
});

export const jobSchema = z
  .object({
    id: z.string(),
    repository: z.string(),
    kind: z.enum(JOB_KINDS),
    state: z.enum(JOB_STATES),
    request: jobRequestSchema,
    requestedBy: z.string(),
    attempt: z.number().int().openapi({ description: '0 while queued; above 1 when another worker took it up again' }),
    commitsDone: z.number().int().nullable(),
    commitsTotal: z.number().int().nullable(),
    lastError: z.string().nullable(),
    result: z.union([auditResultSchema, rescanResultSchema]).nullable(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    updatedAt: z.string(),
  })
  .openapi('Job');

export const jobsSchema = z.object({ jobs: z.array(jobSchema) }).openapi('Jobs');

/** A day (`2026-03-01`, midnight UTC) or a moment (`2026-03-01T12:00:00Z`). */
const moment = z
  .string()
  .max(40)
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/, 'a date (YYYY-MM-DD) or an ISO 8601 time with its zone')
  .transform((text, context) => {
    const time = new Date(text.length === 10 ? `${text}T00:00:00Z` : text);
    // Date rolls 2026-02-31 over into March: the calendar day must exist as written.
    const [year, month, day] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
    const calendar = new Date(Date.UTC(year, month - 1, day));
    if (Number.isNaN(time.getTime()) || calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) {
      context.addIssue({ code: 'custom', message: 'not a real date' });
      return z.NEVER;
    }
    return time;
  });

const filterText = (what: string) => z.string().min(1).max(200).optional().openapi({ description: what });

export const insightQuery = z
  .object({
    repo: filterText('only this repository (one you may read)'),
    team: filterText('only the repositories of this team that you may read'),
    tool: filterText('only iterations made with this tool'),
    model: filterText('only iterations made by this model'),
    strategy: filterText('only iterations of this prompt strategy'),
    from: moment.optional().openapi({ type: 'string', description: 'from this day or time (inclusive)' }),
    to: moment.optional().openapi({ type: 'string', description: 'until this day or time (exclusive)' }),
    format: z.enum(['json', 'csv']).optional().openapi({ description: 'csv: the rows as CSV with a header row' }),
  })
  .strict();

export const insightAnswer = z
  .object({ view: z.string(), repositories: z.number().int().describe('how many repositories the figures cover'), rows: z.array(z.record(z.string(), z.unknown())) })
  .openapi('Insights');
