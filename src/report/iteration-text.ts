import { createColors } from 'picocolors';
import type { IterationDiff } from '../diff/iteration-diff.js';
import { seenByLabel, type Finding } from '../findings/finding.js';

/** Renders a diff for people: files, introduced, fixed and persisting findings, risk and complexity. */
export function renderIterationText(input: { diff: IterationDiff }, color: boolean): string {
  const c = createColors(color);
  const { diff } = input;
  const out: string[] = [];
  const f = diff.files;
  out.push(`files: ${f.modified.length} modified, ${f.added.length} added, ${f.removed.length} removed`);
  out.push(section(c, 'introduced', diff.introduced, true));
  out.push(section(c, 'fixed', diff.fixed, false));
  out.push(`persisting in changed files: ${diff.persisting.length + diff.changed.length}${diff.changed.length ? ` (${diff.changed.length} changed)` : ''}`);
  for (const { before, after } of diff.changed) {
    out.push(`  ${after.path}:${after.startLine}:${after.startColumn} ${after.severity} ${after.ruleId}${seenByLabel(after)} ${after.cwe.join(', ')}${after.function ? ` in ${after.function}` : ''}: persisting (changed), was line ${before.startLine}`);
  }
  out.push(`risk: ${diff.risk.before} → ${diff.risk.after} (${signed(diff.risk.delta)})`);
  const { before, after, cyclomaticChangePercent } = diff.complexity;
  out.push(`complexity: total cyclomatic ${before.cyclomatic} → ${after.cyclomatic} (${signed(cyclomaticChangePercent)}%), cognitive ${before.cognitive} → ${after.cognitive}`);
  for (const change of diff.functions) {
    const was = change.previous ? ` (was ${change.previous.path === change.path ? change.previous.name : `${change.previous.path}:${change.previous.name}`})` : '';
    const numbers = change.before && change.after ? `cyclomatic ${change.before.cyclomatic} → ${change.after.cyclomatic} (${signed(change.delta.cyclomatic)}), cognitive ${change.before.cognitive} → ${change.after.cognitive} (${signed(change.delta.cognitive)})` : change.after ? `cyclomatic ${change.after.cyclomatic}, cognitive ${change.after.cognitive}` : `cyclomatic was ${change.before!.cyclomatic}`;
    out.push(`  ${change.status.padEnd(8)} ${change.path}:${change.name}${was}: ${numbers}`);
  }
  return `${out.join('\n')}\n`;
}

function section(c: ReturnType<typeof createColors>, title: string, findings: Finding[], detailed: boolean): string {
  const lines = [`${title}: ${findings.length}`];
  for (const f of findings) {
    lines.push(`  ${f.path}:${f.startLine}:${f.startColumn} ${f.severity} ${f.ruleId}${seenByLabel(f)} ${f.cwe.join(', ')}${f.function ? ` in ${f.function}` : ''}`);
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
