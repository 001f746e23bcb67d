import { z } from 'zod';
import { LANGUAGE_IDS } from '../languages/registry.js';
import { CONFIDENCES, SEVERITIES } from '../findings/finding.js';
import { VALUE_CONDITIONS, compileMetavariableRegex } from './rule.js';

const astGrepRule = z.record(z.string(), z.unknown());

/** The schema of a rule file: `rules/<language>/<cwe-class>/<rule-id>.yml`. */
export const ruleFileSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes'),
    languages: z.array(z.enum(LANGUAGE_IDS)).min(1),
    cwe: z
      .array(z.union([z.number().int().positive(), z.string().regex(/^CWE-\d+$/, "must look like 'CWE-89'")]))
      .min(1),
    severity: z.enum(SEVERITIES),
    'security-severity': z.number().min(0).max(10).optional(),
    confidence: z.enum(CONFIDENCES),
    message: z.string().min(10),
    fix: z.string().min(10),
    references: z.array(z.string().url()).min(1),
    rule: astGrepRule.optional(),
    taint: z
      .object({
        // `confidence` on a source: findings whose data comes from it are at most that confident.
        sources: z.array(z.object({ confidence: z.enum(CONFIDENCES).optional() }).catchall(z.unknown())).min(1),
        sanitizers: z.array(astGrepRule).default([]),
        propagators: z.array(z.object({ method: z.string(), keyed: z.boolean().default(false) }).strict()).default([]),
        guards: z.array(astGrepRule).default([]),
        validators: z.array(astGrepRule).default([]),
        sinks: z.array(astGrepRule).min(1),
      })
      .strict()
      .optional(),
    constraints: z.record(z.string(), astGrepRule).optional(),
    utils: z.record(z.string(), astGrepRule).optional(),
    metavariables: z
      .record(
        z.string().regex(/^[A-Z_][A-Z0-9_]*$/),
        z.union([
          z.enum(VALUE_CONDITIONS),
          z
            .object({
              regex: z.string().refine((source) => isValidRegex(source), 'must be a valid regular expression'),
              not: z.boolean().default(false),
            })
            .strict(),
          z
            .object({
              bound: z.string().regex(/^[A-Z_][A-Z0-9_]*$/),
              limit: z.enum(['size', 'index', 'count', 'copy-of', 'append-of', 'append-count', 'string']),
              verdict: z.array(z.enum(['within', 'exceeds', 'unchecked', 'unknown'])).min(1),
              origin: z.enum(['any', 'input', 'parameter']).default('any'),
            })
            .strict(),
        ]),
      )
      .optional(),
    sanitizers: z.array(astGrepRule).optional(),
    /** Pattern rules: checks (binding $X) whose exiting `if` makes a value harmless after it, as in taint specs. */
    guards: z.array(astGrepRule).optional(),
    /** Pattern rules: checks (binding $X) that clean $X inside their `if`'s body, as in taint specs. */
    validators: z.array(astGrepRule).optional(),
  })
  .strict()
  .refine((file) => (file.rule === undefined) !== (file.taint === undefined), {
    message: "give exactly one of 'rule' (a pattern rule) or 'taint' (sources, sanitizers, sinks)",
    path: ['rule'],
  });

function isValidRegex(source: string): boolean {
  try {
    compileMetavariableRegex(source);
    return true;
  } catch {
    return false;
  }
}

export type RuleFile = z.output<typeof ruleFileSchema>;
