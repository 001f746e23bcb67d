import { createColors } from 'picocolors';
import { seenByLabel, type Finding, type Severity } from '../findings/finding.js';
import type { ScanResult } from '../engine/scan.js';
import { summarizeScan, type FailOn } from './scan-summary.js';

/** Renders the human report: findings grouped by file, then skips, notes and a summary line. */
export function renderText(result: ScanResult, failOn: FailOn, options: { color: boolean }): string {
  const c = createColors(options.color);
  const paint: Record<Severity, (s: string) => string> = {
    critical: (s) => c.bold(c.red(s)),
    high: c.red,
    medium: c.yellow,
    low: c.cyan,
  };
  const out: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const finding of result.findings) byFile.set(finding.path, [...(byFile.get(finding.path) ?? []), finding]);
  for (const [path, findings] of byFile) {
    out.push(c.underline(c.bold(path)));
    for (const f of findings) {
      const where = `${f.startLine}:${f.startColumn}`;
      out.push(`  ${c.dim(where.padEnd(7))} ${paint[f.severity](f.severity.padEnd(8))} ${c.bold(f.ruleId)}${seenByLabel(f)}  ${f.cwe.join(', ')}  ${c.dim(`confidence ${f.confidence}`)}${f.function ? c.dim(`  in ${f.function}`) : ''}`);
      for (const line of f.snippet.split('\n')) out.push(`    ${c.dim('│')} ${line}`);
      out.push(`    ${f.message}`);
      out.push(`    ${c.green('fix:')} ${f.fix}`);
      out.push(`    ${c.dim(f.cwe.map(cweLink).join(' '))}`);
    }
    out.push('');
  }
  if (result.functions?.length) {
    out.push(c.bold('Functions (cyclomatic / cognitive / nesting / lines / params)'));
    const sorted = [...result.functions].sort((a, b) => b.cognitive - a.cognitive || a.path.localeCompare(b.path));
    for (const fn of sorted) {
      out.push(`  ${`${fn.cyclomatic}`.padStart(3)} ${`${fn.cognitive}`.padStart(4)} ${`${fn.maxNesting}`.padStart(3)} ${`${fn.lines}`.padStart(5)} ${`${fn.parameters}`.padStart(3)}  ${fn.path}:${fn.startLine} ${fn.name}`);
    }
    out.push('');
  }
  for (const note of result.notes) out.push(c.yellow(`note: ${note.path}: ${note.message}`));
  for (const s of result.suppressed) out.push(c.dim(`suppressed: ${s.path}:${s.startLine} ${s.ruleId}: ${s.suppression.reason}`));
  if (result.notes.length || result.suppressed.length) out.push('');
  out.push(summaryLine(result, failOn, c.bold));
  return `${out.join('\n')}\n`;
}

/** Returns the one-line summary: counts by severity, files, lines, suppressed, skipped. */
export function summaryLine(result: ScanResult, failOn: FailOn, emphasize: (s: string) => string = (s) => s): string {
  const summary = summarizeScan(result, failOn);
  const severities = (Object.entries(summary.bySeverity) as [Severity, number][])
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`);
  const skipped = Object.entries(summary.skipped).map(([reason, n]) => `${n} ${reason}`);
  const parts = [
    `${summary.findings} finding${summary.findings === 1 ? '' : 's'}${severities.length ? ` (${severities.join(', ')})` : ''}`,
    `${summary.filesScanned} file${summary.filesScanned === 1 ? '' : 's'}, ${summary.linesScanned} lines scanned`,
    `${summary.suppressed} suppressed`,
    `${result.skipped.length} skipped${skipped.length ? ` (${skipped.join(', ')})` : ''}`,
  ];
  if (summary.notes) parts.push(`${summary.notes} note${summary.notes === 1 ? '' : 's'}`);
  const verdict = summary.failed ? `fails --fail-on ${failOn}` : failOn === 'none' ? 'not gating' : `passes --fail-on ${failOn}`;
  return emphasize(`${parts.join('; ')} — ${verdict}`);
}

/** Returns the MITRE page of a CWE id such as `CWE-89`. */
export function cweLink(cwe: string): string {
  return `https://cwe.mitre.org/data/definitions/${cwe.replace('CWE-', '')}.html`;
}
