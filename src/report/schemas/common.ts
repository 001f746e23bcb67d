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

const complexityTotals = z.object({ cyclomatic: count, cognitive: count, functions: count });

/** What changed between two versions: findings introduced, fixed and persisting, risk and complexity. */
export const iterationDiffSchema = z.object({
  files: z.object({ added: z.array(z.string()), removed: z.array(z.string()), modified: z.array(z.string()) }),
  introduced: z.array(findingSchema),
  fixed: z.array(findingSchema),
  persisting: z.array(findingSchema).meta({ description: 'findings still present in changed files (untouched files are not listed)' }),
  risk: z.object({ before: z.number(), after: z.number(), delta: z.number() }),
  functions: z.array(functionChangeSchema),
  complexity: z.object({ before: complexityTotals, after: complexityTotals, cyclomaticChangePercent: z.number() }),
});
