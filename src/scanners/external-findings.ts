import { createHash } from 'node:crypto';
import type { Finding, SuppressedFinding } from '../findings/finding.js';
import { fingerprintFindings } from '../findings/fingerprint.js';
import { findSuppressions, suppressionFor, unusedSuppressions, type Suppression } from '../findings/suppression.js';
import type { LanguageSpec } from '../languages/language.js';
import { parseSource } from '../engine/parse.js';
import { functionPathAt, unknownSuppressionNote, type FileAnalysis } from '../engine/scan-file.js';
import type { ExternalResult } from './sarif-read.js';
import { mergeAcrossTools } from './merge-findings.js';

/**
 * Adds other tools' results for one file to its analysis: each becomes a Finding read against the file's
 * own text (its snippet, its enclosing function, its fingerprint), inline `loopwarden-ignore tool/rule: why`
 * comments apply to it as to ours, and one weakness several tools saw at one place becomes one finding.
 * `tools` are the tools whose word on this content is included (every one that covered it, results or not).
 * Pure: the same analysis, text and results give the same combined analysis.
 */
export function withExternalResults(analysis: FileAnalysis, text: string, language: LanguageSpec, results: readonly ExternalResult[], tools: readonly string[]): FileAnalysis {
  const lines = text.split('\n');
  const lineCount = text.length === 0 ? 0 : lines.length - (text.endsWith('\n') ? 1 : 0);
  const placed = results.filter((result) => result.startLine <= Math.max(1, lineCount));
  const parsed = placed.length > 0 ? parseSource(language, text) : undefined;
  const functions = placed.map((result) => (parsed ? functionPathAt(parsed, result.startLine, result.startColumn) : null));
  const regionTexts = placed.map((result) => regionText(lines, result));
  const ours = fingerprintFindings(placed.map((result, i) => ({ ruleId: `${result.tool}/${result.toolRuleId}`, functionPath: functions[i]!, matchedText: regionTexts[i]! })));
  const theirs = usableToolFingerprints(placed);

  const toolSet = new Set(tools);
  const found = findSuppressions(text, language.commentStarts);
  const external = found.suppressions.filter((s) => toolSet.has(s.ruleId.split('/')[0]!) && s.ruleId.includes('/'));
  const used = new Set<Suppression>();
  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [...analysis.suppressed];
  placed.forEach((result, i) => {
    const ruleId = `${result.tool}/${result.toolRuleId}`;
    const lastLine = lines[result.endLine - 1] ?? '';
    const finding: Finding = {
      ruleId,
      tool: result.tool,
      cwe: result.cwe,
      severity: result.severity,
      securitySeverity: result.securitySeverity,
      confidence: result.confidence,
      path: analysis.path,
      startLine: result.startLine,
      startColumn: result.startColumn,
      endLine: Math.min(result.endLine, Math.max(result.startLine, lineCount)),
      endColumn: result.endColumn ?? lastLine.length + 1,
      message: result.message,
      fix: result.fix,
      snippet: lines
        .slice(result.startLine - 1, Math.min(result.endLine, result.startLine + 2))
        .map((line) => line.trim())
        .join('\n'),
      function: functions[i]!,
      fingerprint: theirs[i] ?? ours[i]!,
      references: result.references,
    };
    const suppression = suppressionFor(external, ruleId, finding.startLine);
    if (suppression) {
      used.add(suppression);
      suppressed.push({ ...finding, suppression: { reason: suppression.reason, line: suppression.line } });
    } else if (result.suppressedBecause) {
      suppressed.push({ ...finding, suppression: { reason: result.suppressedBecause, line: finding.startLine } });
    } else findings.push(finding);
  });
  // Our analysis could not know these ids; now that their tools' results are here, they are not unknown.
  const resolved = new Set(external.map((s) => unknownSuppressionNote(analysis.path, s).message));
  return {
    ...analysis,
    findings: mergeAcrossTools([...analysis.findings, ...findings]),
    suppressed,
    notes: analysis.notes.filter((note) => !(note.kind === 'unknown-suppression' && resolved.has(note.message))),
    unusedSuppressions: [...analysis.unusedSuppressions, ...unusedSuppressions(external, used)],
    scannedBy: [...new Set([...(analysis.scannedBy ?? []), ...tools])].sort(),
  };
}

/** The text a result points at, from this file's own bytes (never the tool's copy of it). */
function regionText(lines: string[], result: ExternalResult): string {
  const first = result.startLine - 1;
  const last = Math.min(result.endLine - 1, lines.length - 1);
  if (first > last) return '';
  if (first === last) return (lines[first] ?? '').slice(result.startColumn - 1, result.endColumn !== undefined ? result.endColumn - 1 : undefined) || (lines[first] ?? '');
  const middle = lines.slice(first + 1, last);
  return [(lines[first] ?? '').slice(result.startColumn - 1), ...middle, (lines[last] ?? '').slice(0, result.endColumn !== undefined ? result.endColumn - 1 : undefined)].join('\n');
}

/**
 * The tool's own fingerprint of each result where it tells results of its rule apart in this file; where it
 * does not (Semgrep's "requires login", flawfinder's one hash for every rule on a line, any duplicate), ours.
 */
function usableToolFingerprints(results: readonly ExternalResult[]): (string | undefined)[] {
  const counts = new Map<string, number>();
  const keyOf = (result: ExternalResult) => `${result.tool}\u0000${result.toolRuleId}\u0000${result.toolFingerprint}`;
  for (const result of results) if (result.toolFingerprint) counts.set(keyOf(result), (counts.get(keyOf(result)) ?? 0) + 1);
  return results.map((result) => {
    if (!result.toolFingerprint || counts.get(keyOf(result)) !== 1 || /requires login/i.test(result.toolFingerprint)) return undefined;
    return createHash('sha256').update(`ext\u0000${keyOf(result)}`).digest('hex').slice(0, 32);
  });
}
