import type { IterationDiff } from '../diff/iteration-diff.js';
import { seenByLabel, type Finding } from '../findings/finding.js';

/** Renders a PR-comment-ready Markdown summary of a diff. */
export function renderIterationMarkdown(input: { diff: IterationDiff }): string {
  const { diff } = input;
  const out: string[] = ['## loopwarden', ''];
  out.push(`| | count |`, `|---|---|`, `| introduced | ${diff.introduced.length} |`, `| fixed | ${diff.fixed.length} |`, `| persisting (changed files) | ${diff.persisting.length + diff.changed.length} |`, `| of which persisting (changed) | ${diff.changed.length} |`);
  out.push(`| risk | ${diff.risk.before} → ${diff.risk.after} (${diff.risk.delta >= 0 ? '+' : ''}${diff.risk.delta}) |`);
  out.push(`| total cyclomatic complexity | ${diff.complexity.before.cyclomatic} → ${diff.complexity.after.cyclomatic} (${diff.complexity.cyclomaticChangePercent >= 0 ? '+' : ''}${diff.complexity.cyclomaticChangePercent}%) |`, '');
  if (diff.introduced.length) out.push('### Introduced', '', ...findingTable(diff.introduced), '');
  if (diff.fixed.length) out.push('### Fixed', '', ...findingTable(diff.fixed), '');
  const risen = diff.functions.filter((f) => f.delta.cyclomatic > 0 || f.delta.cognitive > 0);
  if (risen.length) {
    out.push('### Functions that got more complex', '', '| function | cyclomatic | cognitive |', '|---|---|---|');
    for (const f of risen) out.push(`| \`${f.path}\` ${escape(f.name)} (${f.status}) | ${f.before?.cyclomatic ?? 0} → ${f.after?.cyclomatic ?? 0} | ${f.before?.cognitive ?? 0} → ${f.after?.cognitive ?? 0} |`);
    out.push('');
  }
  return `${out.join('\n')}\n`;
}

function findingTable(findings: Finding[]): string[] {
  return [
    '| severity | rule | CWE | where | fix |',
    '|---|---|---|---|---|',
    ...findings.map((f) => `| ${f.severity} | \`${f.ruleId}\`${seenByLabel(f)} | ${f.cwe.join(', ')} | \`${f.path}:${f.startLine}\` | ${escape(f.fix)} |`),
  ];
}

function escape(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
