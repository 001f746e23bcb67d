import type { LanguageSpec } from '../languages/language.js';
import { diffSnapshots } from '../diff/iteration-diff.js';
import type { Snapshot } from '../diff/snapshot.js';
import type { Policy, VerdictLevel } from '../policy/policy.js';
import { decideVerdict, type OpenFinding, type VerdictReason } from '../policy/verdict.js';
import { openFindings } from '../policy/open-findings.js';
import type { ChainState } from '../policy/chain.js';
import { fileStateOf, type IterationDetail } from './iteration-analysis.js';
import type { StoredIteration } from './run-store.js';

/** Where the gate would have stopped a chain for a person, and why. */
export interface PolicyStop {
  iteration: number;
  level: VerdictLevel;
  /** The kinds of reason that stopped it (`finding-introduced`, `chain-limit`, `function-complexity`…). */
  reasons: VerdictReason['code'][];
  /** Findings introduced since the last review and still there: what the reviewer is shown. */
  open: number;
}

/** What loopwarden's policy would have done to one chain run without it. */
export interface ChainPolicyOutcome {
  model: string;
  strategy: string;
  program: string;
  /** Every stop, with a review (the simulation assumes an approval) after each. */
  stops: PolicyStop[];
  /** Distinct findings that appeared in the chain and were not in its baseline. */
  introduced: number;
  /** Of those, the ones a reviewer was shown at a stop. */
  caught: number;
  /** Introduced findings still in the chain's last code that no stop showed: they would have shipped unseen. */
  unseenAtEnd: number;
}

/** Stops that need a person: review-required and block. */
const STOPS: readonly VerdictLevel[] = ['review-required', 'block'];

/**
 * Replays a recorded chain through the gate: every iteration whose code changed is an AI iteration judged
 * against the last accepted state, exactly as `loopwarden check` judges it. At each stop a person is assumed
 * to review and approve, so the accepted state moves there and the AI chain restarts; what a person would
 * have changed cannot be known, so the chain goes on with the model's code. An iteration that kept the
 * last good code changed nothing, and counts for nothing.
 */
export function simulatePolicy(iterations: readonly StoredIteration[], language: LanguageSpec, policy: Policy): ChainPolicyOutcome {
  const [baseline, ...rest] = iterations;
  if (!baseline || baseline.iteration !== 0) throw new Error('a chain starts at its baseline (iteration 0)');
  const snapshotOf = (iteration: StoredIteration): Snapshot => ({ files: [fileStateOf(iteration.program, language, iteration.code, JSON.parse(iteration.detail) as IterationDetail)] });
  const first = snapshotOf(baseline);
  const baselineKeys = new Set(first.files[0]!.findings.map((finding) => finding.fingerprint));
  let accepted = first;
  let previous = first;
  let previousSeq = 0;
  let previousOpen: OpenFinding[] = [];
  let chainBefore: ChainState = { aiIterationsSinceReview: 0, limit: policy.chain.maxConsecutiveAiIterations };
  const stops: PolicyStop[] = [];
  const introduced = new Set<string>();
  const caught = new Set<string>();
  for (const iteration of rest) {
    if (iteration.source !== 'answer') continue;
    const current = snapshotOf(iteration);
    for (const finding of current.files[0]!.findings) if (!baselineKeys.has(finding.fingerprint)) introduced.add(finding.fingerprint);
    const sinceBaseline = diffSnapshots(accepted, current);
    const open = openFindings(sinceBaseline, diffSnapshots(previous, current), previousOpen, iteration.iteration, previousSeq);
    const verdict = decideVerdict(policy, { actor: 'ai', lastActor: 'ai', seq: iteration.iteration, chainBefore, open, aiSuppressions: [], sinceBaseline, guardChanges: [] });
    if (STOPS.includes(verdict.level)) {
      const stopping = verdict.reasons.filter((reason) => STOPS.includes(reason.level));
      stops.push({ iteration: iteration.iteration, level: verdict.level, reasons: [...new Set(stopping.map((reason) => reason.code))], open: open.length });
      for (const finding of open) caught.add(finding.fingerprint);
      // The review approves: what the reviewer saw becomes the accepted state.
      accepted = current;
      previousOpen = [];
      chainBefore = { aiIterationsSinceReview: 0, limit: policy.chain.maxConsecutiveAiIterations };
    } else {
      previousOpen = open;
      chainBefore = verdict.chain;
    }
    previous = current;
    previousSeq = iteration.iteration;
  }
  const last = previous.files[0]!.findings.map((finding) => finding.fingerprint);
  const unseenAtEnd = new Set(last.filter((key) => !baselineKeys.has(key) && !caught.has(key))).size;
  return { model: baseline.model, strategy: baseline.strategy, program: baseline.program, stops, introduced: introduced.size, caught: caught.size, unseenAtEnd };
}
