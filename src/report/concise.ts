import type { ScanResult } from '../engine/scan.js';
import { seenByLabel, type Finding } from '../findings/finding.js';
import type { FailOn } from './scan-summary.js';
import { pathFrom } from './display-path.js';
import { summaryLine } from './text.js';

/**
 * Renders one `path:line:col: severity rule-id message` line per finding (the form editors and terminals
 * turn into links), then the summary line. Paths are relative to `from`, the directory the command ran in.
 */
export function renderConcise(result: ScanResult, failOn: FailOn, options: { from: string }): string {
  const lines = result.findings.map((f) => conciseLine(f, pathFrom(result.root, f.path, options.from)));
  lines.push(summaryLine(result, failOn));
  return `${lines.join('\n')}\n`;
}

function conciseLine(f: Finding, path: string): string {
  return `${path}:${f.startLine}:${f.startColumn}: ${f.severity} ${f.ruleId}${seenByLabel(f)} ${firstSentence(f.message)}`;
}

// A period ends a sentence before white space unless it closes an abbreviation ("e.g. a remember-me
// token"); "!" and "?" only before a capital, since rule messages quote code such as Rust's "format! or".
const SENTENCE_END = /(?<!\b(?:e\.g|i\.e|etc|vs|cf))\.(?=\s)|[!?](?=\s+[A-Z])/;

/** Returns the first sentence of a rule message, on one line. */
export function firstSentence(message: string): string {
  const text = message.trim().replace(/\s+/g, ' ');
  const end = text.search(SENTENCE_END);
  return end < 0 ? text : text.slice(0, end + 1);
}
