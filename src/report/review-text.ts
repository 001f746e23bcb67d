import type { ReviewSubject } from '../iterations/review.js';
import { seenByLabel } from '../findings/finding.js';
import type { LedgerRecord } from '../ledger/record.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import type { ReviewReport } from './schemas/review.js';
import { REVIEW_REPORT_VERSION } from './schemas/versions.js';

/** Renders what a review would cover, for the person about to approve or reject it. */
export function renderReviewSubject(subject: ReviewSubject): string {
  const out: string[] = [];
  const { iterations, head } = subject;
  out.push(`iterations since the last review: ${iterations.length ? iterations.map((r) => `#${r.seq}`).join(', ') : 'none'}`);
  for (const record of iterations) {
    const p = record.payload.provenance;
    out.push(`  #${record.seq} ${record.recordedAt} ${[p.actor, p.tool, p.model, p.strategy && `strategy ${p.strategy}`].filter(Boolean).join(', ')} → ${record.payload.verdict.level}`);
  }
  out.push(`open findings an approval accepts: ${subject.open.length}`);
  for (const f of subject.open) out.push(`  ${f.severity} ${f.cwe.join('/')} ${f.ruleId}${seenByLabel(f)} at ${f.path}:${f.startLine} (since iteration #${f.since})`);
  if (subject.aiSuppressions.length) {
    out.push(`suppressions written by an AI iteration: ${subject.aiSuppressions.length}`);
    for (const s of subject.aiSuppressions) out.push(`  ${s.ruleId} at ${s.path}:${s.startLine}: "${s.suppression.reason}" (iteration #${s.since})`);
  }
  if (subject.guardChanges.length) out.push(`changed since the accepted baseline: ${subject.guardChanges.join('; ')}`);
  if (subject.complexity) out.push(`complexity since the accepted baseline: total cyclomatic ${subject.complexity.before} → ${subject.complexity.after} (${subject.complexity.changePercent >= 0 ? '+' : ''}${subject.complexity.changePercent}%)`);
  if (head) out.push(`state reviewed: iteration #${head.seq} (${head.hash.slice(0, 12)})`);
  return `${out.join('\n')}\n`;
}

/** The line `loopwarden review` prints once a review is recorded. */
export function renderReviewRecorded(record: LedgerRecord & { kind: 'review' }, headSeq: number): string {
  const { decision, reviewer, covers, attestation } = record.payload;
  const covered = covers.length ? `iterations ${covers.map((s) => `#${s}`).join(', ')}` : 'no new iterations';
  const effect = decision === 'approve' ? `iteration #${headSeq} is the accepted baseline and the AI chain is reset` : 'the chain and the open findings stay until the code changes';
  const how = attestation?.kind === 'ssh-signature' ? ' (SSH signature verified)' : attestation?.kind === 'demo' ? ' (scripted by loopwarden demo)' : attestation?.kind === 'server' ? ` (on the team server, as ${attestation.account})` : '';
  return `recorded review #${record.seq}: ${decision} by ${reviewer}${how} of ${covered}; ${effect}\n`;
}

/** Builds `review --format json` for a review just recorded (or, with `recorded` false, the one that stands). */
export function reviewJson(record: LedgerRecord & { kind: 'review' }, headSeq: number, recorded: boolean): ReviewReport {
  const { decision, reviewer, note, covers, attestation } = record.payload;
  return { schemaVersion: REVIEW_REPORT_VERSION, tool: { name: TOOL_NAME, version: TOOL_VERSION }, recorded, seq: record.seq, decision, reviewer, note, covers, head: headSeq, attestation: attestation?.kind ?? 'terminal' };
}
