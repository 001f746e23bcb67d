import picomatch from 'picomatch';
import { toolsThatSaw, type Confidence, type Finding, type Severity, type SuppressedFinding } from '../findings/finding.js';
import type { IterationDiff } from '../diff/iteration-diff.js';
import type { ChainState, GateActor } from './chain.js';
import { worse, type FindingRules, type Policy, type VerdictLevel } from './policy.js';

/** A finding introduced since the accepted baseline and still in the code. */
export type OpenFinding = Finding & {
  /** The iteration (ledger sequence number) that introduced it. */
  since: number;
};

/** A suppression comment an AI iteration wrote since the accepted baseline: only a person may accept it. */
export type OpenSuppression = SuppressedFinding & { since: number };

/** One reason behind a verdict, machine-readable and human-readable. */
export interface VerdictReason {
  level: VerdictLevel;
  code:
    | 'finding-introduced'
    | 'finding-open'
    | 'suppression-by-ai'
    | 'chain-limit'
    | 'function-complexity'
    | 'total-complexity'
    | 'guarded-change'
    | 'review-rejected'
    | 'scanner-failed';
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

/** Everything a verdict is decided from; the accepted baseline is the reference for all of it. */
export interface VerdictInput {
  /** Who made this iteration, or null when nothing changed since the last recorded one. */
  actor: GateActor | null;
  /** Who made the last recorded iteration (decides how strictly an unchanged state is judged). */
  lastActor: GateActor | null;
  /** This iteration's sequence number, or null for an unchanged state. */
  seq: number | null;
  chainBefore: ChainState;
  open: OpenFinding[];
  aiSuppressions: OpenSuppression[];
  /** The change since the accepted baseline: complexity is judged on it. */
  sinceBaseline: Pick<IterationDiff, 'functions' | 'complexity'> & Partial<Pick<IterationDiff, 'files'>>;
  /** What changed in the policy, rules or guarded files since the accepted baseline. */
  guardChanges: string[];
  /** A rejection recorded after the last iteration, which stands while the code is unchanged. */
  rejection?: { seq: number; reviewer: string; note: string };
  /** Other tools that failed on some files in this check (their findings there were not re-checked). */
  scannerFailures?: { scanner: string; files: string[]; message: string }[];
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

/** Returns the verdict level a finding of `severity` and `confidence` at `path` leads to under the policy. */
export function levelForFinding(severity: Severity, path: string, policy: Policy, confidence: Confidence = 'high'): VerdictLevel {
  const rules = rulesFor(path, policy).findings;
  const level = levelForSeverity(severity, rules);
  // A finding its rule cannot decide is shown, not gated.
  return level !== 'pass' && !rules.gateConfidence.includes(confidence) ? 'warn' : level;
}

function levelForSeverity(severity: Severity, rules: FindingRules): VerdictLevel {
  if (rules.block.includes(severity)) return 'block';
  if (rules.reviewRequired.includes(severity)) return 'review-required';
  if (rules.warn.includes(severity)) return 'warn';
  return 'pass';
}

/** Returns the chain after an iteration by `actor` (unchanged when nothing was recorded). */
export function chainAfter(policy: Policy, chainBefore: ChainState, actor: GateActor | null): ChainState {
  const count =
    actor === 'ai' ? chainBefore.aiIterationsSinceReview + 1 : actor === 'human' && policy.chain.humanIterationEndsChain ? 0 : chainBefore.aiIterationsSinceReview;
  return { aiIterationsSinceReview: count, limit: policy.chain.maxConsecutiveAiIterations };
}

/**
 * Decides a verdict against the accepted baseline: every finding introduced since then and still there
 * keeps its weight on every later iteration until it is fixed, suppressed or accepted by a person, so
 * retrying without a fix changes nothing. Every rule that fires adds a reason; the verdict is the most
 * severe of them.
 */
export function decideVerdict(policy: Policy, input: VerdictInput): Verdict {
  const chain = chainAfter(policy, input.chainBefore, input.actor);
  // An unattested human iteration is judged as strictly as an AI one: nobody saw a person make it.
  const who = input.actor ?? input.lastActor;
  const byAi = who === 'ai' || who === 'unattested';
  const reasons: VerdictReason[] = [];
  for (const finding of input.open) {
    const level = levelForFinding(finding.severity, finding.path, policy, finding.confidence);
    if (level === 'pass') continue;
    const isNew = input.seq !== null && finding.since === input.seq;
    const seen = finding.seenBy ? ` (seen by ${toolsThatSaw(finding).join(', ')})` : '';
    const what = `${finding.severity} ${finding.cwe.join('/')} ${finding.ruleId} at ${finding.path}:${finding.startLine}${seen}: ${firstSentence(finding.message)}`;
    reasons.push(
      isNew
        ? { level, code: 'finding-introduced', subject: finding.fingerprint, message: `new ${what}` }
        : { level, code: 'finding-open', subject: finding.fingerprint, message: `still open since iteration #${finding.since}: ${what}` },
    );
  }
  for (const suppressed of input.aiSuppressions) {
    reasons.push({
      level: 'review-required',
      code: 'suppression-by-ai',
      subject: suppressed.fingerprint,
      message: `${suppressed.ruleId} at ${suppressed.path}:${suppressed.startLine} was suppressed in AI iteration #${suppressed.since} ("${suppressed.suppression.reason}"): a person must accept a suppression an agent wrote`,
    });
  }
  if (chain.aiIterationsSinceReview > chain.limit && input.actor !== 'human') {
    reasons.push({
      level: 'review-required',
      code: 'chain-limit',
      message: `${chain.aiIterationsSinceReview} consecutive AI iterations without a human review (limit ${chain.limit}): a developer must review before the chain goes on`,
    });
  }
  if (byAi) {
    for (const change of input.guardChanges) {
      reasons.push({ level: 'review-required', code: 'guarded-change', message: `${change} changed since the accepted baseline in an AI iteration: an agent must not change its own policy` });
    }
  }
  reasons.push(...complexityReasons(policy, input, byAi));
  if (input.rejection && input.actor === null) {
    const { seq, reviewer, note } = input.rejection;
    reasons.push({ level: 'review-required', code: 'review-rejected', message: `rejected by ${reviewer} in review #${seq}${note ? ` ("${note}")` : ''}: change the code, then check again` });
  }
  const changedSinceBaseline = new Set([...(input.sinceBaseline.files?.added ?? []), ...(input.sinceBaseline.files?.modified ?? [])]);
  for (const failure of input.scannerFailures ?? []) {
    // A scanner that cannot vouch for a file an agent changed must not let the change through unseen.
    const aiChangedMissed = byAi && failure.files.some((file) => changedSinceBaseline.has(file));
    const rule = policy.scannerFailure;
    const level: VerdictLevel = rule === 'note' ? 'pass' : rule === 'review-ai-changes' ? (aiChangedMissed ? 'review-required' : 'pass') : rule;
    const why = rule === 'review-ai-changes' && aiChangedMissed ? ': an AI iteration changed a file it could not check, so a person must look' : '';
    reasons.push({ level, code: 'scanner-failed', subject: failure.scanner, message: `${failure.message}${why}` });
  }
  const level = reasons.reduce<VerdictLevel>((acc, reason) => worse(acc, reason.level), 'pass');
  return { level, reasons, chain };
}

function complexityReasons(policy: Policy, input: VerdictInput, byAi: boolean): VerdictReason[] {
  // The chain before the iteration that made the code what it is: an unchanged state is judged as it was.
  const chainBefore = input.actor === null && input.lastActor === 'ai' ? input.chainBefore.aiIterationsSinceReview - 1 : input.chainBefore.aiIterationsSinceReview;
  const level: VerdictLevel = byAi && chainBefore >= policy.complexity.reviewWhenChainAtLeast ? 'review-required' : 'warn';
  const reasons: VerdictReason[] = [];
  for (const change of input.sinceBaseline.functions) {
    const limit = rulesFor(change.path, policy).functionCyclomaticIncrease;
    if (change.delta.cyclomatic >= limit && change.status !== 'removed') {
      reasons.push({
        level,
        code: 'function-complexity',
        subject: `${change.path}:${change.name}`,
        message: `${change.name} in ${change.path}: cyclomatic complexity ${change.before?.cyclomatic ?? 0} → ${change.after?.cyclomatic ?? 0} since the accepted baseline (+${change.delta.cyclomatic}, threshold ${limit})`,
      });
    }
  }
  const { before, after, cyclomaticChangePercent } = input.sinceBaseline.complexity;
  if (before.cyclomatic > 0 && cyclomaticChangePercent >= policy.complexity.totalIncreasePercent) {
    reasons.push({
      level,
      code: 'total-complexity',
      message: `total cyclomatic complexity ${before.cyclomatic} → ${after.cyclomatic} since the accepted baseline (+${cyclomaticChangePercent}%, threshold ${policy.complexity.totalIncreasePercent}%)`,
    });
  }
  return reasons;
}

function firstSentence(text: string): string {
  const match = /^(.+?[.!?])(\s|$)/.exec(text);
  return match ? match[1]! : text;
}
