import type { Verdict } from './verdict.js';

/** One thing to do next, for a person or an agent. */
export interface NextStep {
  action: 'continue' | 'fix' | 'suppress' | 'review';
  text: string;
}

/** Returns what to do after a verdict: go on, fix and re-run, suppress with a reason, or ask a person. */
export function nextSteps(verdict: Verdict): NextStep[] {
  const codes = new Set(verdict.reasons.filter((r) => r.level === 'block' || r.level === 'review-required').map((r) => r.code));
  const { aiIterationsSinceReview: count, limit } = verdict.chain;
  if (verdict.level === 'pass' || verdict.level === 'warn') {
    const left = Math.max(0, limit - count);
    return [{ action: 'continue', text: `the chain may go on${verdict.level === 'warn' ? ' (read the warnings above)' : ''}: ${left} more AI iteration${left === 1 ? '' : 's'} before a person must review` }];
  }
  const steps: NextStep[] = [];
  if (codes.has('finding-introduced') || codes.has('finding-open')) {
    steps.push({ action: 'fix', text: 'fix the findings listed above, then run `loopwarden check` again (retrying without a fix stays blocked)' });
    steps.push({ action: 'suppress', text: 'a false alarm? put `loopwarden-ignore <rule-id>: <reason>` in a comment on its line; a person reviews suppressions an agent writes' });
  }
  const needsPerson = [...codes].some((code) => code !== 'finding-introduced' && code !== 'finding-open');
  steps.push({
    action: 'review',
    text: `${needsPerson ? 'a person must review' : 'or a person accepts them'}: \`loopwarden review --approve\` (or \`--reject\`) at a terminal shows what it covers and asks before recording (\`--sign\` to sign with an SSH key)`,
  });
  return steps;
}
