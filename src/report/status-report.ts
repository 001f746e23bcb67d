import type { LoopStatus } from '../iterations/status.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import type { StatusReport } from './schemas/status.js';
import { STATUS_REPORT_VERSION } from './schemas/versions.js';

/** Builds `status --format json`. */
export function statusJson(status: LoopStatus): StatusReport {
  return {
    schemaVersion: STATUS_REPORT_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    chain: status.chain,
    iterations: status.iterations,
    baseline: status.baseline ? { ...status.baseline.ref, why: status.baseline.why } : null,
    verdict: status.last ? { seq: status.last.seq, level: status.last.verdict.level } : null,
    open: status.last?.open ?? [],
    unreviewed: status.unreviewed.map((r) => ({ seq: r.seq, recordedAt: r.recordedAt, provenance: r.payload.provenance, verdict: r.payload.verdict.level, introduced: r.payload.introduced })),
    lastReview: status.lastReview
      ? { seq: status.lastReview.seq, recordedAt: status.lastReview.recordedAt, decision: status.lastReview.payload.decision, reviewer: status.lastReview.payload.reviewer, note: status.lastReview.payload.note, covers: status.lastReview.payload.covers, attestation: status.lastReview.payload.attestation?.kind ?? null }
      : null,
  };
}

/** Says, for an agent reading the status, who approves: only a person, with `loopwarden review` at a terminal. */
export function approvalNote(status: LoopStatus): string {
  const { aiIterationsSinceReview: count, limit } = status.chain;
  const waiting = status.unreviewed.length;
  const who = 'a person must run `loopwarden review --approve` (or `--reject`) at a terminal; no agent and no MCP tool can approve or record a review';
  if (waiting === 0) return `nothing awaits review; to approve later, ${who}`;
  const over = count >= limit ? `, the chain is at its limit (${count} AI iterations, limit ${limit})` : `, ${count} AI iteration${count === 1 ? '' : 's'} of ${limit} allowed before review`;
  return `${waiting} iteration${waiting === 1 ? '' : 's'} await${waiting === 1 ? 's' : ''} review${over}: ${who}`;
}

/** Renders `status` for people. */
export function renderStatusText(status: LoopStatus): string {
  const lines = [`chain: ${status.chain.aiIterationsSinceReview} AI iteration(s) since the last review (limit ${status.chain.limit})`, `iterations recorded: ${status.iterations}`];
  const b = status.baseline;
  lines.push(`accepted baseline: ${!b ? 'none yet (the first check sets it)' : b.ref.kind === 'iteration' ? `iteration #${b.ref.seq} (${b.why})` : b.ref.kind === 'commit' ? `commit ${b.ref.commit.slice(0, 12)} (the state before the first check)` : 'empty'}`);
  if (status.last) {
    const accepted = b?.why === 'approval' && b.ref.kind === 'iteration' && b.ref.seq === status.last.seq;
    lines.push(`last verdict: ${status.last.verdict.level} (iteration #${status.last.seq})${accepted ? ', since accepted by a person: the next check compares with it' : ''}`);
  }
  lines.push(`open since the accepted baseline: ${status.last?.open.length ?? 0}`);
  for (const f of status.last?.open ?? []) lines.push(`  ${f.severity} ${f.ruleId} ${f.path}:${f.startLine} (since iteration #${f.since})`);
  lines.push(`awaiting review: ${status.unreviewed.length}`);
  for (const r of status.unreviewed) {
    const p = r.payload.provenance;
    lines.push(`  #${r.seq} ${r.recordedAt} ${[p.actor, p.tool, p.model, p.strategy].filter(Boolean).join(' ')} → ${r.payload.verdict.level}, ${r.payload.introduced.length} introduced`);
  }
  const last = status.lastReview;
  lines.push(last ? `last review: #${last.seq} ${last.payload.decision} by ${last.payload.reviewer} at ${last.recordedAt}${last.payload.note ? ` — ${last.payload.note}` : ''}` : 'last review: none');
  return `${lines.join('\n')}\n`;
}
