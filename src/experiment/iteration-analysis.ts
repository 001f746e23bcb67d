import { createHash } from 'node:crypto';
import type { Rule } from '../rules/rule.js';
import type { LanguageSpec } from '../languages/language.js';
import type { Finding } from '../findings/finding.js';
import type { FunctionMetrics } from '../engine/complexity.js';
import { analyzeSourceWithinBudget } from '../engine/scan-file.js';
import { firstMissingTokenLine, parseSource } from '../engine/parse.js';
import { summarizeFile, type FileState } from '../diff/snapshot.js';
import type { SeverityCounts } from './measures.js';

/** What the engine found in one iteration's code, as the run store keeps it (`detail` is its JSON). */
export interface IterationDetail {
  findings: Finding[];
  functions: FunctionMetrics[];
}

/** One iteration's code analysed, or why its code cannot stand as an iteration (and the chain keeps the last good code). */
export type IterationAnalysis =
  | { ok: true; findings: SeverityCounts; complexity: number; detail: IterationDetail }
  | { ok: false; problem: 'parse-error' | 'unanalysable'; message: string };

/**
 * Analyses one iteration's code as the program it came from (same path, so fingerprints match across
 * iterations). Suppression comments count for nothing here: a model's comment must not hide what it wrote.
 */
export function analyseIteration(programId: string, code: string, language: LanguageSpec, rules: Rule[]): IterationAnalysis {
  const outcome = analyzeSourceWithinBudget(programId, code, language, rules, { complexity: true });
  if ('unanalysed' in outcome) return { ok: false, problem: 'unanalysable', message: outcome.unanalysed.message };
  const { analysis } = outcome;
  const parseError = analysis.notes.find((note) => note.kind === 'parse-error');
  if (parseError) return { ok: false, problem: 'parse-error', message: parseError.message };
  const missing = firstMissingTokenLine(parseSource(language, code));
  if (missing !== undefined) return { ok: false, problem: 'parse-error', message: `syntax error near line ${missing}: a token is missing` };
  const findings = [...analysis.findings, ...analysis.suppressed.map(({ suppression: _, ...finding }) => finding)];
  const functions = analysis.functions ?? [];
  return { ok: true, findings: countBySeverity(findings), complexity: functions.reduce((sum, f) => sum + f.cyclomatic, 0), detail: { findings, functions } };
}

/** Findings by severity. */
export function countBySeverity(findings: readonly Pick<Finding, 'severity'>[]): SeverityCounts {
  const counts: SeverityCounts = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}

/** An iteration's code and analysis as a one-file snapshot state, for the diff and the policy. */
export function fileStateOf(programId: string, language: LanguageSpec, code: string, detail: IterationDetail): FileState {
  return {
    path: programId,
    hash: createHash('sha256').update(code).digest('hex'),
    language: language.id,
    lines: code.split('\n').length,
    summary: summarizeFile(detail.findings, detail.functions),
    findings: detail.findings,
    suppressed: [],
    unusedSuppressions: [],
    functions: detail.functions,
  };
}
