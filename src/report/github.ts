import type { ScanResult } from '../engine/scan.js';
import { seenByLabel, type Finding, type Severity } from '../findings/finding.js';
import type { FailOn } from './scan-summary.js';
import { pathFrom } from './display-path.js';
import { summaryLine } from './text.js';

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { critical: 'error', high: 'error', medium: 'warning', low: 'notice' };

/**
 * Renders one GitHub Actions workflow command (`::error file=…::message`) per finding, which the runner
 * shows as an annotation on the file and line, then the summary line. Paths are relative to `from`,
 * which in a workflow is the checkout.
 */
export function renderGithub(result: ScanResult, failOn: FailOn, options: { from: string }): string {
  const lines = result.findings.map((f) => annotation(f, pathFrom(result.root, f.path, options.from)));
  lines.push(summaryLine(result, failOn));
  return `${lines.join('\n')}\n`;
}

function annotation(f: Finding, path: string): string {
  // @actions/core documents that columns "cannot be sent when startLine and endLine are different values".
  const oneLine = f.startLine === f.endLine;
  const properties = {
    file: path,
    line: f.startLine,
    ...(oneLine ? { col: f.startColumn } : {}),
    endLine: f.endLine,
    ...(oneLine ? { endColumn: f.endColumn } : {}),
    title: `${f.ruleId}${seenByLabel(f)} (${f.cwe.join(', ')})`,
  };
  const list = Object.entries(properties).map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
  return `::${COMMAND[f.severity]} ${list}::${escapeData(f.message)}`;
}

/** Escapes a workflow command's message as @actions/core's `escapeData` does. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command's property value as @actions/core's `escapeProperty` does. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
