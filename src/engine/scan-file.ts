import type { Rule } from '../rules/rule.js';
import { FRAGMENT_MARKER, type LanguageSpec } from '../languages/language.js';
import type { Finding, SuppressedFinding } from '../findings/finding.js';
import { fingerprintFindings } from '../findings/fingerprint.js';
import { findSuppressions, partitionByKnownRules, suppressionFor, unusedSuppressions, type Suppression, type UnusedSuppression } from '../findings/suppression.js';
import { measureFunctions, type FunctionMetrics } from './complexity.js';
import { matchRules } from './match.js';
import { ProjectContext, type ProjectLocation } from './project.js';
import { parseSource, type ParsedFile } from './parse.js';
import { enclosingFunctionPath } from './scope.js';
import { AnalysisBudget, AnalysisBudgetExceeded, withinBudget, type BudgetLimits } from './budget.js';

/** Something worth telling about one file that is not a finding. */
export interface FileNote {
  path: string;
  /** `analysis-budget` and `undecodable` mark a file that was not analysed at all. */
  kind: 'parse-error' | 'invalid-suppression' | 'unknown-suppression' | 'unused-suppression' | 'excluded-path' | 'analysis-budget' | 'undecodable' | 'scanner-failed';
  message: string;
}

/** Everything learnt from one source file. */
export interface FileAnalysis {
  path: string;
  language: string;
  lines: number;
  findings: Finding[];
  suppressed: SuppressedFinding[];
  notes: FileNote[];
  /** Valid suppressions that silenced nothing; `scan --report-unused-suppressions` turns them into notes. */
  unusedSuppressions: UnusedSuppression[];
  functions?: FunctionMetrics[];
  /** Other tools whose results on this content are included (set by the scanners layer; absent: none). */
  scannedBy?: string[];
  /** Scanners that were to look at this content and did not (they failed): their findings here are unknown. */
  missedBy?: string[];
}

/** How to analyse one file: with complexity metrics or not, where it lives, and within what budget. */
export interface AnalyzeOptions {
  complexity: boolean;
  location?: ProjectLocation;
  /** Default: DEFAULT_BUDGET. */
  budget?: BudgetLimits;
}

/** The analysis of a file, or why it has none: a file past its budget is left out whole, never half-analysed. */
export type SourceOutcome = { analysis: FileAnalysis } | { unanalysed: FileNote };

/** Analyses one file's text, or returns an `analysis-budget` note when the file is past its budget. */
export function analyzeSourceWithinBudget(path: string, text: string, language: LanguageSpec, rules: Rule[], options: AnalyzeOptions): SourceOutcome {
  try {
    return { analysis: analyzeSource(path, text, language, rules, options) };
  } catch (error) {
    // Findings found before the budget ran out are dropped with the rest: a partial list would read as fixes.
    if (error instanceof AnalysisBudgetExceeded) return { unanalysed: { path, kind: 'analysis-budget', message: error.why } };
    throw error;
  }
}

/** Analyses one file's text with the given rules; pure apart from parsing; past its budget, throws AnalysisBudgetExceeded (a UserError). */
export function analyzeSource(path: string, text: string, language: LanguageSpec, rules: Rule[], options: AnalyzeOptions): FileAnalysis {
  // The parser and single rule queries do not look at the clock: a line this long can keep them busy far
  // past the time budget, and no hand-written line is anywhere near it.
  const longest = longestLine(text);
  if (longest > MAX_LINE_LENGTH) throw new AnalysisBudgetExceeded(path, `skipped: a line of ${longest} characters (the limit is ${MAX_LINE_LENGTH})`);
  return withinBudget(new AnalysisBudget(path, options.budget), () => analyzeWithin(path, text, language, rules, options));
}

/** Lines longer than this are generated or hostile, never hand-written: such a file is not analysed. */
export const MAX_LINE_LENGTH = 20_000;

function longestLine(text: string): number {
  let longest = 0;
  let start = 0;
  for (let end = text.indexOf('\n'); ; end = text.indexOf('\n', start)) {
    const length = (end === -1 ? text.length : end) - start;
    if (length > longest) longest = length;
    if (end === -1) return longest;
    start = end + 1;
  }
}

function analyzeWithin(path: string, text: string, language: LanguageSpec, rules: Rule[], options: AnalyzeOptions): FileAnalysis {
  const parsed = parseSource(language, text);
  const lines = text.split('\n');
  const notes: FileNote[] = [];
  if (parsed.firstErrorLine !== undefined) {
    notes.push({ path, kind: 'parse-error', message: `syntax error near line ${parsed.firstErrorLine}; the parser recovered and the rest of the file was scanned` });
  }
  // With the file's place in its project, calls on the project's own classes go through their summaries.
  const matches = matchRules(parsed, rules, options.location ? new ProjectContext(options.location, language) : undefined);
  const functionPaths = matches.map((m) => withoutFragmentNames(enclosingFunctionPath(m.node, language)));
  // A fragment's wrapper sits on its first line: columns there are the wrapper's length too far right.
  const shift = parsed.fragmentPrefix?.length ?? 0;
  const column = (line: number, col: number) => (line === 0 ? col - shift : col);
  const fingerprints = fingerprintFindings(
    matches.map((m, i) => ({ ruleId: m.rule.id, functionPath: functionPaths[i]!, matchedText: m.node.text() })),
  );
  const found = findSuppressions(text, language.commentStarts);
  for (const problem of found.invalid) notes.push({ path, kind: 'invalid-suppression', message: `line ${problem.line}: ${problem.problem}` });
  // A misspelt id would otherwise silence nothing, and say nothing about it.
  const { known: suppressions, unknown } = partitionByKnownRules(found.suppressions, new Set(rules.map((rule) => rule.id)));
  for (const s of unknown) notes.push(unknownSuppressionNote(path, s));
  const used = new Set<Suppression>();

  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  matches.forEach((match, i) => {
    const { start, end } = match.node.range();
    const snippetLines = lines.slice(start.line, Math.min(end.line, start.line + 2) + 1).map((line) => line.trim());
    const finding: Finding = {
      ruleId: match.rule.id,
      cwe: match.rule.cwe,
      severity: match.rule.severity,
      securitySeverity: match.rule.securitySeverity,
      confidence: match.confidence ?? match.rule.confidence,
      path,
      startLine: start.line + 1,
      startColumn: column(start.line, start.column) + 1,
      endLine: end.line + 1,
      endColumn: column(end.line, end.column) + 1,
      message: match.rule.message,
      fix: match.rule.fix,
      snippet: snippetLines.join('\n'),
      function: functionPaths[i]!,
      fingerprint: fingerprints[i]!,
      references: match.rule.references,
      ...(match.trace ? { trace: shift ? match.trace.map((step) => ({ ...step, column: step.line === 1 ? step.column - shift : step.column })) : match.trace } : {}),
    };
    const suppression = suppressionFor(suppressions, finding.ruleId, finding.startLine);
    if (suppression) {
      used.add(suppression);
      suppressed.push({ ...finding, suppression: { reason: suppression.reason, line: suppression.line } });
    } else findings.push(finding);
  });
  return {
    path,
    language: language.id,
    // The same weakness reported at the same place by a pattern rule and a taint rule is one finding.
    findings: dedupeSamePlace(findings),
    suppressed: dedupeSamePlace(suppressed),
    lines: text.length === 0 ? 0 : lines.length - (text.endsWith('\n') ? 1 : 0),
    notes,
    unusedSuppressions: unusedSuppressions(suppressions, used),
    functions: options.complexity ? fragmentFunctions(measureFunctions(parsed), parsed.fragmentPrefix !== undefined) : undefined,
  };
}

/** The note for a suppression naming no rule (another tool's rule, until that tool's results are added). */
export function unknownSuppressionNote(path: string, suppression: Suppression): FileNote {
  return { path, kind: 'unknown-suppression', message: `line ${suppression.line}: '${suppression.ruleId}' names no known rule; the suppression has no effect` };
}

/** A function path without the class and function a fragment was wrapped in (null when nothing is left). */
function withoutFragmentNames(path: string | null): string | null {
  if (path === null || !path.includes(FRAGMENT_MARKER)) return path;
  return path.split('.').filter((name) => !name.startsWith(FRAGMENT_MARKER)).join('.') || null;
}

/** A fragment's own functions, without the wrapper function, named as if the wrapper were not there. */
function fragmentFunctions(functions: FunctionMetrics[], wrapped: boolean): FunctionMetrics[] {
  if (!wrapped) return functions;
  return functions.flatMap((metrics) => {
    const name = withoutFragmentNames(metrics.name);
    return name === null ? [] : [{ ...metrics, name }];
  });
}

/** Keeps one finding per place and CWE set, preferring the one that carries a taint trace. */
function dedupeSamePlace<T extends Finding>(findings: T[]): T[] {
  const byPlace = new Map<string, T>();
  for (const finding of findings) {
    const key = `${finding.startLine}:${finding.startColumn}:${[...finding.cwe].sort().join(',')}`;
    const existing = byPlace.get(key);
    if (!existing || (!existing.trace && finding.trace)) byPlace.set(key, finding);
  }
  return findings.filter((finding) => byPlace.get(`${finding.startLine}:${finding.startColumn}:${[...finding.cwe].sort().join(',')}`) === finding);
}

/**
 * The dotted path of the function around a 1-based line and column of `parsed` (null at file level): how
 * findings of other tools, which say only where they are, get the enclosing function their fingerprints need.
 */
export function functionPathAt(parsed: ParsedFile, line: number, column: number): string | null {
  const shift = line === 1 ? (parsed.fragmentPrefix?.length ?? 0) : 0;
  let node = parsed.root;
  const row = line - 1;
  const col = column - 1 + shift;
  for (;;) {
    const inside = node.children().find((child) => {
      const { start, end } = child.range();
      const afterStart = row > start.line || (row === start.line && col >= start.column);
      const beforeEnd = row < end.line || (row === end.line && col < end.column);
      return afterStart && beforeEnd;
    });
    if (!inside) break;
    node = inside;
  }
  return withoutFragmentNames(enclosingFunctionPath(node, parsed.language));
}
