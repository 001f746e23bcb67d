import picomatch from 'picomatch';
import type { Finding, Severity } from '../findings/finding.js';
import type { IterationDiff } from '../diff/iteration-diff.js';
import type { Actor, ChainState } from './chain.js';
import { worse, type FindingRules, type Policy, type VerdictLevel } from './policy.js';

/** One reason behind a verdict, machine-readable and human-readable. */
export interface VerdictReason {
  level: VerdictLevel;
  code: 'finding-introduced' | 'chain-limit' | 'function-complexity' | 'total-complexity';
  message: string;
  /** The finding fingerprint or function the reason is about, if any. */
  subject?: string;
}

/** The answer for one iteration: may the chain go on? */
export interface Verdict {
  level: VerdictLevel;
  reasons: VerdictReason[];
  /** The chain including this iteration. */
  chain: ChainState;
}

function rulesFor(path: string, policy: Policy): { findings: FindingRules; functionCyclomaticIncrease: number } {
  let findings = policy.findings;
  let functionCyclomaticIncrease = policy.complexity.functionCyclomaticIncrease;
  for (const override of policy.overrides) {
    if (!picomatch(override.paths, { dot: true })(path)) continue;
    findings = { ...findings, ...override.findings };
    functionCyclomaticIncrease = override.complexity?.functionCyclomaticIncrease ?? functionCyclomaticIncrease;
  }
  return { findings, functionCyclomaticIncrease };
}

function levelForFinding(severity: Severity, rules: FindingRules): VerdictLevel {
  if (rules.block.includes(severity)) return 'block';
  if (rules.reviewRequired.includes(severity)) return 'review-required';
  if (rules.warn.includes(severity)) return 'warn';
  return 'pass';
}

/**
 * Decides an iteration's verdict from the policy, the chain before it and its diff; every rule that fires
 * adds a reason, and the verdict is the most severe of them.
 */
export function decideVerdict(policy: Policy, chainBefore: ChainState, actor: Actor, diff: IterationDiff): Verdict {
  const chain: ChainState = {
    aiIterationsSinceReview: actor === 'ai' ? chainBefore.aiIterationsSinceReview + 1 : policy.chain.humanIterationEndsChain ? 0 : chainBefore.aiIterationsSinceReview,
    limit: policy.chain.maxConsecutiveAiIterations,
  };
  const reasons: VerdictReason[] = [];
  for (const finding of diff.introduced) reasons.push(...findingReason(finding, policy));
  if (actor === 'ai' && chain.aiIterationsSinceReview > chain.limit) {
    reasons.push({
      level: 'review-required',
      code: 'chain-limit',
      message: `${chain.aiIterationsSinceReview} consecutive AI iterations without a human review (limit ${chain.limit}): a developer must review before the chain goes on`,
    });
  }
  const complexityLevel: VerdictLevel = chainBefore.aiIterationsSinceReview >= policy.complexity.reviewWhenChainAtLeast && actor === 'ai' ? 'review-required' : 'warn';
  for (const change of diff.functions) {
    const limit = rulesFor(change.path, policy).functionCyclomaticIncrease;
    if (change.delta.cyclomatic >= limit && change.status !== 'removed') {
      reasons.push({
        level: complexityLevel,
        code: 'function-complexity',
        subject: `${change.path}:${change.name}`,
        message: `${change.name} in ${change.path}: cyclomatic complexity ${change.before?.cyclomatic ?? 0} → ${change.after?.cyclomatic ?? 0} (+${change.delta.cyclomatic}, threshold ${limit})`,
      });
    }
  }
  const { before, after, cyclomaticChangePercent } = diff.complexity;
  if (before.cyclomatic > 0 && cyclomaticChangePercent >= policy.complexity.totalIncreasePercent) {
    reasons.push({
      level: complexityLevel,
      code: 'total-complexity',
      message: `total cyclomatic complexity ${before.cyclomatic} → ${after.cyclomatic} (+${cyclomaticChangePercent}%, threshold ${policy.complexity.totalIncreasePercent}%)`,
    });
  }
  const level = reasons.reduce<VerdictLevel>((acc, reason) => worse(acc, reason.level), 'pass');
  return { level, reasons, chain };
}

function findingReason(finding: Finding, policy: Policy): VerdictReason[] {
  const level = levelForFinding(finding.severity, rulesFor(finding.path, policy).findings);
  if (level === 'pass') return [];
  return [
    {
      level,
      code: 'finding-introduced',
      subject: finding.fingerprint,
      message: `new ${finding.severity} ${finding.cwe.join('/')} ${finding.ruleId} at ${finding.path}:${finding.startLine}: ${firstSentence(finding.message)}`,
    },
  ];
}

function firstSentence(text: string): string {
  const match = /^(.+?[.!?])(\s|$)/.exec(text);
  return match ? match[1]! : text;
}
