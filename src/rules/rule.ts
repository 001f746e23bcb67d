import type { LanguageId } from '../languages/language.js';
import type { Confidence, Severity } from '../findings/finding.js';
import type { TaintSpec } from '../engine/taint.js';
import type { TextCondition } from './text-condition.js';
import type { BoundLimit, BoundVerdict, ValueOrigin } from '../engine/bounds.js';

/**
 * What a rule demands of a captured metavariable beyond the ast-grep match. `signed-size`: a signed integer
 * variable that may be negative where it is used as a size (engine/bounds.ts).
 */
export const VALUE_CONDITIONS = ['built-string', 'not-constant', 'signed-size'] as const;
/** How a size or index must stand against the buffer another metavariable captured (engine/bounds.ts). */
export interface BoundCondition {
  bound: string;
  limit: BoundLimit;
  verdict: BoundVerdict[];
  origin: ValueOrigin;
}
/** A condition on a captured metavariable: how its value is built, a regex its text must (not) match, or a bound. */
export type ValueCondition = (typeof VALUE_CONDITIONS)[number] | { regex: string; not: boolean } | BoundCondition;

/**
 * Compiles a metavariable regex with JavaScript's engine (compiled once, unlike ast-grep's `regex`, which is
 * costly per node). A leading `(?i)` means case-insensitive, as in ast-grep's syntax.
 */
export function compileMetavariableRegex(source: string): RegExp {
  return source.startsWith('(?i)') ? new RegExp(source.slice(4), 'i') : new RegExp(source);
}


/** Default `security-severity` per severity, in GitHub code scanning's bands. */
export const DEFAULT_SECURITY_SEVERITY: Record<Severity, number> = {
  critical: 9.3,
  high: 7.5,
  medium: 5.0,
  low: 2.0,
};

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
  /** For taint rules: sources, sanitizers and propagators per language (the sinks are the matcher). */
  taint?: Partial<Record<LanguageId, TaintSpec>>;
  /** ast-grep rules for calls that make a value safe for this rule's sink (escapers, encoders, casts). */
  sanitizers: Partial<Record<LanguageId, Record<string, unknown>[]>>;
  /** For pattern rules: guard checks per language, applied when deciding where a built value comes from. */
  guards?: Partial<Record<LanguageId, Record<string, unknown>[]>>;
  /** What a file's text must contain for the rule to match (rules/text-condition.ts); null: nothing known. */
  condition: TextCondition | null;
  /** For rules whose matcher is a top-level `any`: each branch's condition, so a file compiles only those it may match. */
  branchConditions?: (TextCondition | null)[];
  /** For taint rules: what the text needs for one of the sources to occur; a file without any has nothing to track. */
  sourceCondition?: TextCondition | null;
  /** Conditions of the entries of `sanitizers` and `guards` (the same for every language). */
  sanitizerConditions: (TextCondition | null)[];
  guardConditions: (TextCondition | null)[];
  /** For pattern rules: validating checks per language, applied like the guards. */
  validators?: Partial<Record<LanguageId, Record<string, unknown>[]>>;
  /** The rule file this came from, for error messages. */
  sourcePath: string;
}
