import type { RunReport } from '../experiment/run-report.js';
import type { RenderedChart } from './experiment-charts.js';
import { progressLine, reportTables, runDescription } from './experiment-tables.js';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Inline code spans (`x`) of a line of report text, as HTML. */
function inline(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; color: #1f2328; max-width: 1100px; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 1.6em; } h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #d0d7de; padding-bottom: .2em; }
table { border-collapse: collapse; margin: .6em 0; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid #d0d7de; padding: .25em .6em; text-align: left; vertical-align: top; }
th { background: #f6f8fa; } p.note { color: #57606a; } figure { margin: 1em 0; } figcaption { font-weight: 600; margin-bottom: .4em; }
code { background: #f6f8fa; padding: 0 .2em; border-radius: 3px; } .scroll { overflow-x: auto; }
`;

/**
 * Renders an experiment run's report as one self-contained HTML page: charts as inline SVG, tables, the
 * prompts; no script, and nothing fetched at view time.
 */
export function renderExperimentHtml(report: RunReport, charts: readonly RenderedChart[]): string {
  const out = [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>Experiment ${escapeHtml(report.name)} · loopwarden</title>`,
    `<style>${STYLE}</style></head><body>`,
    `<h1>Experiment ${escapeHtml(report.name)}</h1>`,
    `<p>${inline(runDescription(report))}</p>`,
    `<p>${inline(progressLine(report))}</p>`,
  ];
  if (charts.length > 0) out.push('<h2>Charts</h2>');
  for (const chart of charts) out.push(`<figure><figcaption>${escapeHtml(chart.title)}</figcaption>${chart.svg}</figure>`);
  for (const table of reportTables(report)) {
    out.push(`<h2>${escapeHtml(table.title)}</h2>`, `<p class="note">${inline(table.note)}</p>`);
    if (table.rows.length === 0) {
      out.push('<p><em>Nothing recorded.</em></p>');
      continue;
    }
    out.push('<div class="scroll"><table><thead><tr>', ...table.header.map((h) => `<th>${escapeHtml(h)}</th>`), '</tr></thead><tbody>');
    for (const row of table.rows) out.push(`<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`);
    out.push('</tbody></table></div>');
  }
  out.push('<h2>Prompts</h2><dl>');
  for (const strategy of report.plan.strategies) out.push(`<dt><strong>${escapeHtml(strategy.name)}</strong></dt><dd><pre>${escapeHtml(strategy.prompt)}</pre></dd>`);
  out.push('</dl></body></html>');
  return `${out.join('\n')}\n`;
}
