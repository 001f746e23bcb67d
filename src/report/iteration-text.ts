import { createColors } from 'picocolors';
import type { IterationDiff } from '../diff/iteration-diff.js';
import type { Finding } from '../findings/finding.js';
import type { LedgerRecord } from '../ledger/record.js';
import type { Verdict, VerdictReason } from '../policy/verdict.js';

const VERDICT_LABEL = { pass: 'PASS', warn: 'WARN', 'review-required': 'REVIEW REQUIRED', block: 'BLOCK' } as const;

/** Renders a diff (and, for `check`, its verdict and recorded iteration) for people. */
export function renderIterationText(input: { diff: IterationDiff; verdict?: Verdict; record?: LedgerRecord & { kind: 'iteration' } }, color: boolean): string {
  const c = createColors(color);
  const { diff, verdict, record } = input;
  const out: string[] = [];
  if (verdict) {
    const paint = verdict.level === 'pass' ? c.green : verdict.level === 'warn' ? c.yellow : c.red;
    out.push(paint(c.bold(`verdict: ${VERDICT_LABEL[verdict.level]}`)));
    for (const reason of verdict.reasons) out.push(`  ${reasonMark(reason, c)} ${reason.message}`);
    out.push(`chain: ${verdict.chain.aiIterationsSinceReview} AI iteration${verdict.chain.aiIterationsSinceReview === 1 ? '' : 's'} since the last review (limit ${verdict.chain.limit})`);
    out.push('');
  }
  const f = diff.files;
  out.push(`files: ${f.modified.length} modified, ${f.added.length} added, ${f.removed.length} removed`);
  out.push(section(c, 'introduced', diff.introduced, true));
  out.push(section(c, 'fixed', diff.fixed, false));
  out.push(`persisting in changed files: ${diff.persisting.length}`);
  out.push(`risk: ${diff.risk.before} → ${diff.risk.after} (${signed(diff.risk.delta)})`);
  const { before, after, cyclomaticChangePercent } = diff.complexity;
  out.push(`complexity: total cyclomatic ${before.cyclomatic} → ${after.cyclomatic} (${signed(cyclomaticChangePercent)}%), cognitive ${before.cognitive} → ${after.cognitive}`);
  for (const change of diff.functions) {
    const was = change.previous ? ` (was ${change.previous.path === change.path ? change.previous.name : `${change.previous.path}:${change.previous.name}`})` : '';
    const numbers = change.before && change.after ? `cyclomatic ${change.before.cyclomatic} → ${change.after.cyclomatic} (${signed(change.delta.cyclomatic)}), cognitive ${change.before.cognitive} → ${change.after.cognitive} (${signed(change.delta.cognitive)})` : change.after ? `cyclomatic ${change.after.cyclomatic}, cognitive ${change.after.cognitive}` : `cyclomatic was ${change.before!.cyclomatic}`;
    out.push(`  ${change.status.padEnd(8)} ${change.path}:${change.name}${was}: ${numbers}`);
  }
  if (record) {
    const p = record.payload.provenance;
    const who = [p.actor, p.tool, p.model, p.strategy && `strategy ${p.strategy}`, p.author && `by ${p.author}`].filter(Boolean).join(', ');
    out.push('');
    out.push(c.dim(`recorded iteration #${record.seq} (${who}) at ${record.recordedAt}`));
  }
  return `${out.join('\n')}\n`;
}

function reasonMark(reason: VerdictReason, c: ReturnType<typeof createColors>): string {
  if (reason.level === 'block') return c.red('✗');
  if (reason.level === 'review-required') return c.red('!');
  return c.yellow('~');
}

function section(c: ReturnType<typeof createColors>, title: string, findings: Finding[], detailed: boolean): string {
  const lines = [`${title}: ${findings.length}`];
  for (const f of findings) {
    lines.push(`  ${f.path}:${f.startLine}:${f.startColumn} ${f.severity} ${f.ruleId} ${f.cwe.join(', ')}${f.function ? ` in ${f.function}` : ''}`);
    if (detailed) {
      lines.push(`    ${c.dim('│')} ${f.snippet.split('\n')[0]}`);
      lines.push(`    ${f.message}`);
      lines.push(`    ${c.green('fix:')} ${f.fix}`);
    }
  }
  return lines.join('\n');
}

function signed(value: number): string {
  return value > 0 ? `+${value}` : `${value}`;
}
