import { seenByLabel, type Finding } from '../findings/finding.js';
import type { EditFeedback } from '../iterations/agent-turn.js';
import type { CheckResult } from '../iterations/check.js';
import { firstSentence } from './concise.js';

/** Agents read hook answers into their context: a long list costs tokens and hides the first finding. */
const MAX_LISTED = 8;
/** Claude Code truncates hook output past 10,000 characters; stay well below. */
const MAX_CHARACTERS = 8000;

/** One finding as an agent needs it: where, what, why and how to fix, on two lines. */
export function findingForAgent(finding: Finding): string {
  const cwe = finding.cwe.length ? `${finding.cwe.join(', ')}, ` : '';
  return `- ${finding.path}:${finding.startLine} ${finding.ruleId}${seenByLabel(finding)} (${cwe}${finding.severity}): ${firstSentence(finding.message)}\n  fix: ${firstSentence(finding.fix)}`;
}

function listFindings(findings: readonly Finding[]): string[] {
  const lines = findings.slice(0, MAX_LISTED).map(findingForAgent);
  if (findings.length > MAX_LISTED) lines.push(`- … and ${findings.length - MAX_LISTED} more (\`loopwarden status\` lists them all)`);
  return lines;
}

function bounded(text: string): string {
  return text.length <= MAX_CHARACTERS ? text : `${text.slice(0, MAX_CHARACTERS - 2)}…`;
}

/** What an edit introduced, for the agent that made it, or undefined when there is nothing to say. */
export function renderEditFeedback(feedback: EditFeedback): string | undefined {
  if (feedback.introduced.length === 0) return undefined;
  const n = feedback.introduced.length;
  return bounded(
    [
      `loopwarden: this edit leaves ${n} security finding${n === 1 ? '' : 's'} in ${feedback.path} that the accepted baseline did not have:`,
      ...listFindings(feedback.introduced),
      'Fix them now (a false alarm: `loopwarden-ignore <rule-id>: <reason>` on its line, which a person reviews).',
    ].join('\n'),
  );
}

/** Reasons a file is left unanalysed that still count for the gate (see guard-state.ts): not a language or a folder choice. */
const GUARDED_REASONS = new Set(['analysis-budget', 'undecodable', 'minified', 'binary', 'too-large']);

/** Tells the agent an edited source file cannot be analysed, so a person will have to look; undefined otherwise. */
export function renderUnanalysedNote(feedback: EditFeedback): string | undefined {
  if (!feedback.unanalysed || !GUARDED_REASONS.has(feedback.unanalysed)) return undefined;
  return `loopwarden: ${feedback.path} cannot be analysed (${feedback.unanalysed}); a change to it needs a person's review. Keep source readable: plain UTF-8, ordinary line lengths and nesting.`;
}

/** Why the agent is sent back at the end of its turn: the findings open since the accepted baseline. */
export function renderTurnForAgent(result: CheckResult): string {
  const n = result.open.length;
  return bounded(
    [
      `loopwarden: iteration #${result.record.seq} is ${result.verdict.level}: ${n} security finding${n === 1 ? '' : 's'} open since the accepted baseline.`,
      ...listFindings(result.open),
      'Fix them before you finish (retrying without a fix stays blocked; a person can accept them with `loopwarden review`).',
    ].join('\n'),
  );
}

/** What the user is told when only a person can let the chain go on. */
export function renderTurnForUser(result: CheckResult): string {
  const { verdict } = result;
  const reasons = verdict.reasons.filter((r) => r.level === verdict.level).map((r) => r.message.replace(/\.+$/, ''));
  const open = result.open.length ? ` ${result.open.length} finding${result.open.length === 1 ? '' : 's'} open.` : '';
  return bounded(
    `loopwarden: iteration #${result.record.seq} is ${verdict.level} (chain ${verdict.chain.aiIterationsSinceReview}/${verdict.chain.limit}): ${reasons.join('; ')}.${open} Run \`loopwarden review\` in your terminal to approve or reject; \`loopwarden status\` shows what it covers.`,
  );
}
