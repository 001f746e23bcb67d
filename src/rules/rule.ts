import { z } from 'zod';
import { LANGUAGE_IDS } from '../languages/registry.js';
import type { LanguageId } from '../languages/language.js';
import { CONFIDENCES, SEVERITIES, type Confidence, type Severity } from '../findings/finding.js';

/** What a rule demands of a captured metavariable beyond the ast-grep match. */
export const VALUE_CONDITIONS = ['built-string', 'not-constant'] as const;
export type ValueCondition = (typeof VALUE_CONDITIONS)[number];

const astGrepRule = z.record(z.string(), z.unknown());

/** Default `security-severity` per severity, in GitHub code scanning's bands. */
export const DEFAULT_SECURITY_SEVERITY: Record<Severity, number> = {
  critical: 9.3,
  high: 7.5,
  medium: 5.0,
  low: 2.0,
};

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
    rule: astGrepRule,
    constraints: z.record(z.string(), astGrepRule).optional(),
    utils: z.record(z.string(), astGrepRule).optional(),
    metavariables: z.record(z.string().regex(/^[A-Z_][A-Z0-9_]*$/), z.enum(VALUE_CONDITIONS)).optional(),
    sanitizers: z.array(astGrepRule).optional(),
  })
  .strict();

export type RuleFile = z.output<typeof ruleFileSchema>;

/** What ast-grep's findAll takes. */
export interface AstGrepMatcher {
  rule: Record<string, unknown>;
  constraints?: Record<string, unknown>;
  utils?: Record<string, unknown>;
}

/** A validated rule, ready for the engine. */
export interface Rule {
  id: string;
  languages: LanguageId[];
  cwe: string[];
  severity: Severity;
  securitySeverity: number;
  confidence: Confidence;
  message: string;
  fix: string;
  references: string[];
  /** The ast-grep matcher (rule, constraints and utils) for each of the rule's languages. */
  matchers: Partial<Record<LanguageId, AstGrepMatcher>>;
  valueConditions: Record<string, ValueCondition>;
  /** ast-grep rules for calls that make a value safe for this rule's sink (escapers, encoders, casts). */
  sanitizers: Partial<Record<LanguageId, Record<string, unknown>[]>>;
  /** At least one of these words must occur in a file for the rule to possibly match; undefined: no filter. */
  requiredWords: string[] | undefined;
  /** The rule file this came from, for error messages. */
  sourcePath: string;
}
