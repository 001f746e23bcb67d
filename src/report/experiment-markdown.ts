import type { RunReport } from '../experiment/run-report.js';
import { progressLine, reportTables, runDescription } from './experiment-tables.js';

function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** Renders an experiment run's report as Markdown. */
export function renderExperimentMarkdown(report: RunReport): string {
  const out = [`# Experiment ${cell(report.name)}`, '', runDescription(report), '', progressLine(report), ''];
  for (const table of reportTables(report)) {
    out.push(`## ${table.title}`, '', table.note, '');
    if (table.rows.length === 0) {
      out.push('_Nothing recorded._', '');
      continue;
    }
    out.push(`| ${table.header.map(cell).join(' | ')} |`, `|${table.header.map(() => '---').join('|')}|`);
    for (const row of table.rows) out.push(`| ${row.map(cell).join(' | ')} |`);
    out.push('');
  }
  out.push('## Prompts', '');
  for (const strategy of report.plan.strategies) out.push(`- **${cell(strategy.name)}**: ${cell(strategy.prompt.replace('{code}', '(the code)'))}`);
  return `${out.join('\n')}\n`;
}
