import { z } from 'zod';
import { CONFIDENCES, SEVERITIES } from '../../findings/finding.js';
import { TOOL_NAME } from '../../version.js';

/** The `tool` block every JSON output starts with. */
export const toolSchema = z.object({ name: z.literal(TOOL_NAME), version: z.string() });

const line = z.number().int().positive();
const count = z.number().int().nonnegative();

/** One weakness at one place, as every output shows it; published once, as `$defs/Finding`. */
export const findingSchema = z
  .object({
    ruleId: z.string(),
    cwe: z.array(z.string().regex(/^CWE-\d+$/)),
    severity: z.enum(SEVERITIES),
    securitySeverity: z.number().min(0).max(10).meta({ description: 'CVSS-like score, as GitHub code scanning reads it' }),
    confidence: z.enum(CONFIDENCES).meta({ description: 'how often a match of the rule is a real weakness' }),
    path: z.string().meta({ description: 'relative to the scan root (scan) or the compared root (diff), forward slashes' }),
    startLine: line,
    startColumn: line,
    endLine: line,
    endColumn: line,
    message: z.string(),
    fix: z.string(),
    snippet: z.string().meta({ description: 'the matched source lines, trimmed' }),
    function: z.string().nullable().meta({ description: 'the enclosing function (Class.method), null at file level' }),
    fingerprint: z.string().regex(/^[0-9a-f]{32}$/).meta({ description: 'stable across moved lines, re-indentation and moved files' }),
    references: z.array(z.string()),
    tool: z.string().max(100).optional().meta({ description: "another tool's name (flawfinder, codeql) when it reported the finding; absent for loopwarden's own rules" }),
    seenBy: z
      .array(z.object({ tool: z.string().max(100), ruleId: z.string().max(500), fingerprint: z.string().regex(/^[0-9a-f]{32}$/) }))
      .max(50)
      .optional()
      .meta({ description: 'when several tools reported this weakness at this place: every one of them, this finding first' }),
    trace: z
      .array(z.object({ kind: z.enum(['source', 'step', 'sink']), line: z.number().int(), column: z.number().int(), text: z.string() }))
      .optional()
      .meta({ description: 'taint rules only: from where untrusted data entered to where it is used' }),
  })
  .meta({ id: 'Finding' });

const metrics = z.object({
  cyclomatic: z.number().int(),
  cognitive: z.number().int(),
  maxNesting: z.number().int(),
  lines: z.number().int(),
  parameters: z.number().int(),
});

/** How one function changed between two versions. */
export const functionChangeSchema = z
  .object({
    status: z.enum(['added', 'removed', 'modified', 'renamed', 'moved']),
    path: z.string(),
    name: z.string(),
    previous: z.object({ path: z.string(), name: z.string() }).optional().meta({ description: 'renamed or moved functions: what and where it was before' }),
    before: metrics.optional(),
    after: metrics.optional(),
    delta: metrics,
  })
  .meta({ id: 'FunctionChange' });

/** A finding silenced by an inline `loopwarden-ignore` comment, with the reason given. */
export const suppressedFindingSchema = findingSchema.extend({ suppression: z.object({ reason: z.string(), line: z.number().int().positive() }) }).meta({ id: 'SuppressedFinding' });

/** A persisting (changed) finding: same rule, same function, same file, its code edited. */
export const changedFindingSchema = z.object({ before: findingSchema, after: findingSchema });

const complexityTotals = z.object({ cyclomatic: count, cognitive: count, functions: count });

/** What changed between two versions: findings introduced, fixed and persisting, risk and complexity. */
export const iterationDiffSchema = z.object({
  files: z.object({ added: z.array(z.string()), removed: z.array(z.string()), modified: z.array(z.string()) }),
  introduced: z.array(findingSchema),
  fixed: z.array(findingSchema),
  persisting: z.array(findingSchema).meta({ description: 'findings still present in changed files, code unchanged (untouched files are not listed)' }),
  changed: z.array(changedFindingSchema).meta({ description: 'persisting (changed): same rule, function and file, code edited without removing the weakness' }),
  suppressedAdded: z.array(suppressedFindingSchema).meta({ description: 'findings newly silenced by a suppression comment in a changed file' }),
  risk: z.object({ before: z.number(), after: z.number(), delta: z.number() }),
  functions: z.array(functionChangeSchema),
  complexity: z.object({ before: complexityTotals, after: complexityTotals, cyclomaticChangePercent: z.number() }),
  notRechecked: z
    .array(z.object({ path: z.string(), tools: z.array(z.string()) }))
    .optional()
    .meta({ description: "changed files where other tools failed or did not run: their findings there are neither fixed nor introduced" }),
});

/** Who and what made an iteration. */
export const provenanceSchema = z.object({
  actor: z.enum(['ai', 'human']),
  tool: z.string().optional(),
  model: z.string().optional(),
  strategy: z.string().optional().meta({ description: 'efficiency, feature, security, ambiguous, or free text' }),
  author: z.string().optional(),
  session: z.string().optional().meta({ description: "the coding agent's session the iteration came from (agent hooks, MCP)" }),
  attestation: z.enum(['terminal', 'none']).optional().meta({ description: 'human iterations: made at a terminal outside any agent, or only claimed (ends no chain, accepts nothing)' }),
});

const verdictLevel = z.enum(['pass', 'warn', 'review-required', 'block']);

/** The AI chain: consecutive AI iterations since the last approval, and the policy's limit. */
export const chainSchema = z.object({ aiIterationsSinceReview: count, limit: count });

/** One reason behind a verdict. */
export const verdictReasonSchema = z.object({
  level: verdictLevel,
  code: z.enum(['finding-introduced', 'finding-open', 'suppression-by-ai', 'chain-limit', 'function-complexity', 'total-complexity', 'guarded-change', 'review-rejected', 'scanner-failed']),
  message: z.string(),
  subject: z.string().optional().meta({ description: 'the finding fingerprint or function the reason is about' }),
});

/** A verdict: its level (the most severe of its reasons), the reasons and the chain including the iteration. */
export const verdictSchema = z.object({ level: verdictLevel, reasons: z.array(verdictReasonSchema), chain: chainSchema });

/** A finding introduced since the accepted baseline and still present. */
export const openFindingSchema = findingSchema.extend({ since: z.number().int().positive().meta({ description: 'the iteration that introduced it' }) }).meta({ id: 'OpenFinding' });

/** A suppression an AI iteration wrote since the accepted baseline. */
export const openSuppressionSchema = suppressedFindingSchema.extend({ since: z.number().int().positive() });

/** The accepted baseline an iteration was judged against. */
export const baselineRefSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('iteration'), seq: z.number().int().positive(), snapshotId: z.string().optional() }),
  z.object({ kind: z.literal('commit'), commit: z.string(), snapshotId: z.string().optional() }),
  z.object({ kind: z.literal('empty') }),
]);

/** What the iteration's own diff compared with: the previous iteration, or the commit before the first check. */
export const previousRefSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('iteration'), seq: z.number().int().positive() }),
  z.object({ kind: z.literal('commit'), commit: z.string() }),
  z.object({ kind: z.literal('empty') }),
]);
