import { createColors } from 'picocolors';
import type { CheckResult } from '../iterations/check.js';
import { seenByLabel, type Finding } from '../findings/finding.js';
import { nextSteps } from '../policy/next-steps.js';
import type { VerdictLevel } from '../policy/policy.js';
import type { VerdictReason } from '../policy/verdict.js';
import { renderIterationText } from './iteration-text.js';

type Colors = ReturnType<typeof createColors>;

/** The verdict as every output spells it, in capitals for the text headline. */
export function verdictLabel(level: VerdictLevel): string {
  return level.toUpperCase();
}

/** The one-line summary every check prints first. */
export function checkHeadline(result: CheckResult): string {
  const { verdict, open, diff, sinceBaseline } = result;
  const seq = result.recorded ? result.record.seq : null;
  const introduced = open.filter((f) => f.since === seq).length;
  return [
    verdictLabel(verdict.level),
    `chain ${verdict.chain.aiIterationsSinceReview}/${verdict.chain.limit}`,
    `open ${open.length} (introduced ${introduced}, still open ${open.length - introduced})`,
    `fixed ${diff.fixed.length}`,
    `risk ${sinceBaseline.risk.before} → ${sinceBaseline.risk.after}`,
    `complexity ${sinceBaseline.complexity.before.cyclomatic} → ${sinceBaseline.complexity.after.cyclomatic}`,
  ].join('  ');
}

/** Renders a check for people: headline, each reason once, what to do next, then the details. */
export function renderCheckText(result: CheckResult, color: boolean): string {
  const c = createColors(color);
  const { verdict, record } = result;
  const paint = verdict.level === 'pass' ? c.green : verdict.level === 'warn' ? c.yellow : c.red;
  const out: string[] = [paint(c.bold(checkHeadline(result)))];
  if (!result.recorded) out.push(c.dim(`nothing changed since iteration #${record.seq}: nothing recorded, nothing counted`));
  if (result.existing && result.existing.total > 0) {
    out.push(`baseline: ${result.existing.total} existing finding${result.existing.total === 1 ? '' : 's'} (${result.existing.critical} critical) — not gating; \`loopwarden scan\` lists them`);
  }
  for (const reason of verdict.reasons) out.push(`  ${reasonMark(reason, c)} ${reason.message}`);
  out.push('next:');
  for (const step of nextSteps(verdict)) out.push(`  - ${step.text}`);
  out.push('');
  if (result.recorded) {
    out.push(c.bold(`this iteration (compared with ${record.payload.previous?.kind === 'iteration' ? `iteration #${record.payload.previous.seq}` : 'the last commit'}):`));
    out.push(renderIterationText({ diff: result.diff }, color).trimEnd());
  }
  if (result.unusedSuppressions.length) {
    out.push(`unused suppressions (they silence nothing; remove them): ${result.unusedSuppressions.length}`);
    for (const u of result.unusedSuppressions) out.push(`  ${u.path}:${u.line} loopwarden-ignore ${u.ruleId}: ${u.reason}`);
  }
  const stillOpen = result.open.filter((f) => f.since !== (result.recorded ? record.seq : null));
  if (stillOpen.length) out.push(section(c, 'still open since the accepted baseline', stillOpen));
  const p = record.payload.provenance;
  const who = [p.attestation === 'none' ? 'human (unattested: no person seen at a terminal; ends no chain, accepts nothing)' : p.actor, p.tool, p.model, p.strategy && `strategy ${p.strategy}`, p.author && `by ${p.author}`].filter(Boolean).join(', ');
  out.push('');
  out.push(c.dim(`${result.recorded ? 'recorded' : 'last recorded'} iteration #${record.seq} (${who}) at ${record.recordedAt}; accepted baseline: ${describeBaseline(result)}`));
  return `${out.join('\n')}\n`;
}

function describeBaseline(result: CheckResult): string {
  const { ref, why } = result.baseline;
  if (ref.kind === 'commit') return `commit ${ref.commit.slice(0, 12)} (the state before the first check)`;
  if (ref.kind === 'empty') return 'empty';
  return `iteration #${ref.seq} (${why === 'approval' ? 'approved by a person' : why === 'human-iteration' ? 'a human iteration' : 'the first check'})`;
}

function reasonMark(reason: VerdictReason, c: Colors): string {
  if (reason.level === 'block') return c.red('✗');
  if (reason.level === 'review-required') return c.red('!');
  return c.yellow('~');
}

function section(c: Colors, title: string, findings: (Finding & { since: number })[]): string {
  const lines = [`${title}: ${findings.length}`];
  for (const f of findings) {
    lines.push(`  ${f.path}:${f.startLine}:${f.startColumn} ${f.severity} ${f.ruleId}${seenByLabel(f)} ${f.cwe.join(', ')}${f.function ? ` in ${f.function}` : ''} (since iteration #${f.since})`);
    lines.push(`    ${c.dim('│')} ${f.snippet.split('\n')[0]}`);
    lines.push(`    ${c.green('fix:')} ${f.fix}`);
  }
  return lines.join('\n');
}
