import type { Confidence, Severity } from '../findings/finding.js';

/** Verdict levels, mildest first. */
export const VERDICT_LEVELS = ['pass', 'warn', 'review-required', 'block'] as const;
export type VerdictLevel = (typeof VERDICT_LEVELS)[number];

/** What introduced findings of each severity lead to. */
export interface FindingRules {
  block: Severity[];
  reviewRequired: Severity[];
  warn: Severity[];
  /**
   * Confidences whose findings may block or require review. A rule says `low` where it cannot decide
   * (data of unknown origin reaching a sink); such findings are shown as warnings and never stop a loop,
   * because an agent "fixing" safe code adds the churn the gate exists to prevent.
   */
  gateConfidence: Confidence[];
}

/** When rising complexity needs a warning or a review. */
export interface ComplexityRules {
  /** A single function whose cyclomatic complexity rises by at least this much → warn. */
  functionCyclomaticIncrease: number;
  /** Total cyclomatic complexity rising by at least this percentage in one iteration → warn. */
  totalIncreasePercent: number;
  /** A complexity warning becomes review-required when the AI chain is already at least this long. */
  reviewWhenChainAtLeast: number;
}

/** The policy that turns an iteration's diff and chain into a verdict; defaults follow the study. */
export interface Policy {
  chain: {
    /** Consecutive AI-only iterations allowed; the next one requires review (the study: 3). */
    maxConsecutiveAiIterations: number;
    /** Whether a human-authored iteration ends the AI chain (an approved review always does). */
    humanIterationEndsChain: boolean;
  };
  findings: FindingRules;
  complexity: ComplexityRules;
  review: {
    /** Allowed-signers file (git's format) that signed reviews are verified against, relative to the repository top. */
    allowedSigners?: string;
  };
  /**
   * What a scanner (`scanners:`) that failed, timed out or printed no valid SARIF does to the verdict (its
   * findings there are not re-checked: neither fixed nor introduced). `review-ai-changes` (the default): a
   * note, but review-required when an AI iteration changed a file it missed, since an agent that makes the
   * scanner fail on its own file would otherwise pass; `note` says so and changes nothing; `warn`,
   * `review-required` or `block` apply to every failure.
   */
  scannerFailure: ScannerFailurePolicy;
  /** Path-specific rules: the last override whose globs match a file wins for that file. */
  overrides: { paths: string[]; findings?: Partial<FindingRules>; complexity?: Partial<Pick<ComplexityRules, 'functionCyclomaticIncrease'>> }[];
}

export const SCANNER_FAILURE_POLICIES = ['review-ai-changes', 'note', 'warn', 'review-required', 'block'] as const;
export type ScannerFailurePolicy = (typeof SCANNER_FAILURE_POLICIES)[number];

/** The defaults `loopwarden init` writes out. */
export const DEFAULT_POLICY: Policy = {
  chain: { maxConsecutiveAiIterations: 3, humanIterationEndsChain: true },
  findings: { block: ['critical', 'high'], reviewRequired: [], warn: ['medium', 'low'], gateConfidence: ['high', 'medium'] },
  complexity: { functionCyclomaticIncrease: 5, totalIncreasePercent: 20, reviewWhenChainAtLeast: 2 },
  review: {},
  scannerFailure: 'review-ai-changes',
  overrides: [],
};

/** Returns the more severe of two verdict levels. */
export function worse(a: VerdictLevel, b: VerdictLevel): VerdictLevel {
  return VERDICT_LEVELS.indexOf(a) >= VERDICT_LEVELS.indexOf(b) ? a : b;
}
