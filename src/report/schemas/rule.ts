import { z } from 'zod';
import { CONFIDENCES, SEVERITIES } from '../../findings/finding.js';

/** One rule's documented fields, as `loopwarden rules --format json` lists them. */
export const ruleSummarySchema = z.object({
  id: z.string(),
  languages: z.array(z.string()),
  severity: z.enum(SEVERITIES),
  securitySeverity: z.number().min(0).max(10),
  confidence: z.enum(CONFIDENCES),
  cwe: z.array(z.string()),
  kind: z.enum(['pattern', 'taint']).meta({ description: 'an ast-grep pattern, or data flow from sources to sinks' }),
  message: z.string().meta({ description: 'what the rule finds and why it is a weakness' }),
  fix: z.string().meta({ description: 'how to fix what it finds' }),
  references: z.array(z.string()),
});

/** The schema of `loopwarden rules ID --format json` (and, with the example's text, the MCP tool `explain_rule`). */
export const ruleExplanationSchema = ruleSummarySchema.extend({
  ruleFile: z.string(),
  example: z
    .object({
      path: z.string(),
      lines: z.array(z.object({ line: z.number().int().positive(), expected: z.enum(['flagged', 'silent']), outcome: z.enum(['validated', 'reported', 'noisy', 'missing']) })),
      unannotatedFindings: z.array(z.number().int().positive()),
      text: z.string().optional().meta({ description: 'the annotated example: `ruleid:` comments above lines that must be flagged, `ok:` above lines that must not' }),
    })
    .nullable(),
});

export type RuleSummary = z.infer<typeof ruleSummarySchema>;
export type RuleExplanationReport = z.infer<typeof ruleExplanationSchema>;
