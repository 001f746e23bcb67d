import { z } from '@hono/zod-openapi';

// What a history job is asked to do, as the API and `server admin audit|rescan` accept it and as it travels
// in the queue; every worker parses a job's data with these before acting on it (data in the queue is input too).

/** The kinds of history job. */
export const JOB_KINDS = ['audit-history', 'rescan'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/** A job's states in its progress row: waiting, being worked on, waiting for another attempt, done, given up. */
export const JOB_STATES = ['queued', 'active', 'retry', 'completed', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

const notAnOption = (value: string) => !value.startsWith('-');

/** A local path or a git URL the worker can reach; never something git would read as an option. */
export const sourceSchema = z
  .string()
  .min(1)
  .max(2000)
  .regex(/^[^\u0000-\u001f\u007f]*$/, 'control characters are not accepted')
  .refine(notAnOption, 'a source may not begin with "-" (git would read it as an option)')
  .openapi({ description: 'a local path or a git URL reachable from the workers' });

/** A revision (commit id, branch, tag): one word, never an option. */
export const revisionSchema = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[^\s\u0000-\u001f\u007f]+$/, 'a revision has no spaces or control characters')
  .refine(notAnOption, 'a revision may not begin with "-"');

export const auditRequestSchema = z
  .object({
    kind: z.literal('audit-history'),
    source: sourceSchema,
    since: revisionSchema.openapi({ description: 'the last commit not to record' }),
    ref: revisionSchema.optional().openapi({ description: 'the last commit to record (default: the source\'s HEAD)' }),
  })
  .strict()
  .openapi('AuditHistoryJob');

export const rescanRequestSchema = z.object({ kind: z.literal('rescan'), source: sourceSchema }).strict().openapi('RescanJob');

/** A job as requested: record a history, or re-analyse the last recorded state with the rules installed now. */
export const jobRequestSchema = z.discriminatedUnion('kind', [auditRequestSchema, rescanRequestSchema]);
export type JobRequest = z.infer<typeof jobRequestSchema>;
export type AuditRequest = z.infer<typeof auditRequestSchema>;

/** What a job carries in the queue: the repository (by name) and the request. */
export const jobDataSchema = z.object({ repository: z.string().min(1).max(200), request: jobRequestSchema }).strict();
export type JobData = z.infer<typeof jobDataSchema>;

/** A finding as a rescan reports it: enough to find it and tell it apart. */
export const reportedFindingSchema = z.object({
  ruleId: z.string(),
  cwe: z.array(z.string()),
  severity: z.string(),
  path: z.string(),
  startLine: z.number().int(),
  message: z.string(),
  fingerprint: z.string(),
});
export type ReportedFinding = z.infer<typeof reportedFindingSchema>;

/** What an audit came to: the commits it went through and what became of them. */
export const auditResultSchema = z
  .object({
    kind: z.literal('audit-history'),
    commits: z.number().int(),
    recorded: z.number().int(),
    unchanged: z.number().int(),
    skipped: z.number().int(),
    ai: z.number().int(),
    head: z.object({ seq: z.number().int(), hash: z.string() }).nullable(),
  })
  .openapi('AuditHistoryResult');
export type AuditResult = z.infer<typeof auditResultSchema>;

/** What a rescan found: the findings the rules installed now hold open at the last recorded state, against the record's. */
export const rescanResultSchema = z
  .object({
    kind: z.literal('rescan'),
    /** The rules (and engine) the state was analysed with. */
    rulesDigest: z.string(),
    /** The commit of the last recorded iteration, and its sequence number. */
    commit: z.string(),
    seq: z.number().int(),
    /** Open now but not in the record: what the rules update finds. */
    newFindings: z.array(reportedFindingSchema),
    /** Open in the record but not found now: what the rules update no longer reports. */
    goneFindings: z.array(reportedFindingSchema),
    /** Open both in the record and now. */
    stillOpen: z.number().int(),
    otherTools: z.number().int().optional().openapi({ description: "open findings of other tools (scanners, imported SARIF): a rescan runs loopwarden's rules only, so these are not re-checked" }),
  })
  .openapi('RescanResult');
export type RescanResult = z.infer<typeof rescanResultSchema>;
