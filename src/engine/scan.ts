import { readFileSync } from 'node:fs';
import { UserError } from '../errors.js';
import type { Rule } from '../rules/rule.js';
import type { LanguageSpec } from '../languages/language.js';
import { compareFindings, type Finding, type SuppressedFinding } from '../findings/finding.js';
import type { FunctionMetrics } from './complexity.js';
import { discoverFiles, type DiscoveryOptions, type SkipReason, type SourceFile } from './discover.js';
import { analyzeSource, type FileAnalysis, type FileNote } from './scan-file.js';
import { defaultWorkerCount, PARALLEL_THRESHOLD } from './worker-count.js';

/** What to scan and how. */
export interface ScanOptions extends DiscoveryOptions {
  paths: string[];
  cwd: string;
  rules: Rule[];
  complexity: boolean;
  /** Report valid suppressions that silenced nothing as notes. */
  reportUnusedSuppressions?: boolean;
  /** Worker threads for large scans; default: one per available core. */
  workers?: number;
}

/** The result of a scan: findings, what was skipped and why, and optional per-function metrics. */
export interface ScanResult {
  root: string;
  filesScanned: number;
  linesScanned: number;
  findings: Finding[];
  suppressed: SuppressedFinding[];
  skipped: { path: string; reason: SkipReason }[];
  notes: FileNote[];
  functions?: (FunctionMetrics & { path: string })[];
  rules: Rule[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes a source file, refusing binaries and invalid UTF-8; returns 'binary' for files to skip. */
export function decodeSource(displayPath: string, bytes: Buffer): string | 'binary' {
  const head = bytes.subarray(0, 8000);
  if (head.includes(0)) return 'binary';
  try {
    const text = utf8.decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    throw new UserError(`${displayPath}: invalid UTF-8 (loopwarden reads source files as UTF-8)`);
  }
}

/** Returns true for generated one-line bundles: few lines, very long ones. */
export function looksMinified(text: string): boolean {
  if (text.length < 2000) return false;
  const lines = text.split('\n');
  return text.length / lines.length > 300;
}

/** Reads another file of the project for summaries of its functions; unreadable or missing is undefined. */
function readProjectFile(absolutePath: string): string | undefined {
  try {
    return readFileSync(absolutePath, 'utf8');
  } catch {
    return undefined;
  }
}

/** What reading and analysing one discovered file gave: an analysis, or a reason to skip it. */
export type FileOutcome = { analysis: FileAnalysis } | { skipped: { path: string; reason: SkipReason } };

/** Reads, decodes and analyses one discovered file; bad input is a UserError naming it. */
export function analyzeFile(file: SourceFile, rules: Rule[], options: { complexity: boolean }): FileOutcome {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file.absolutePath);
  } catch (error) {
    throw new UserError(`${file.path}: cannot read file (${(error as { code?: string }).code ?? 'error'})`);
  }
  const text = sourceText(file.path, file.language, bytes);
  if (text === 'binary' || text === 'minified') return { skipped: { path: file.path, reason: text } };
  return { analysis: analyzeSource(file.path, text, file.language, rules, { ...options, location: { absolutePath: file.absolutePath, read: readProjectFile } }) };
}

/** Returns a file's text, or why its content is not analysed: a binary, or a generated one-line bundle. */
export function sourceText(displayPath: string, language: LanguageSpec, bytes: Buffer): string | 'binary' | 'minified' {
  const text = decodeSource(displayPath, bytes);
  if (text === 'binary') return text;
  // Long lines are ordinary in C and C++ (tables, macros); elsewhere they mark generated bundles.
  return language.id !== 'c' && language.id !== 'cpp' && looksMinified(text) ? 'minified' : text;
}

/** Returns one `unused-suppression` note per suppression of the file that silenced nothing. */
export function unusedSuppressionNotes(analysis: FileAnalysis): FileNote[] {
  return analysis.unusedSuppressions.map((s) => ({
    path: analysis.path,
    kind: 'unused-suppression',
    message: `line ${s.line}: the suppression of '${s.ruleId}' suppressed nothing; remove it or move it to the line it is meant for`,
  }));
}

/** Scans the given paths with the given rules, on worker threads when there are many files. */
export async function scanPaths(options: ScanOptions): Promise<ScanResult> {
  const discovery = discoverFiles(options.paths, options.cwd, options);
  const result: ScanResult = {
    root: discovery.root,
    filesScanned: 0,
    linesScanned: 0,
    findings: [],
    suppressed: [],
    skipped: [...discovery.skipped],
    notes: [...discovery.notes],
    functions: options.complexity ? [] : undefined,
    rules: options.rules,
  };
  const analyze = { complexity: options.complexity };
  const outcomes =
    discovery.files.length >= PARALLEL_THRESHOLD && (options.workers ?? defaultWorkerCount()) > 1
      ? await (await import('./parallel.js')).analyzeInWorkers(discovery.files, options.rules, analyze, options.workers ?? defaultWorkerCount())
      : discovery.files.map((file) => analyzeFile(file, options.rules, analyze));
  for (const outcome of outcomes) {
    if ('skipped' in outcome) {
      result.skipped.push(outcome.skipped);
      continue;
    }
    const { analysis } = outcome;
    result.filesScanned++;
    result.linesScanned += analysis.lines;
    result.findings.push(...analysis.findings);
    result.suppressed.push(...analysis.suppressed);
    result.notes.push(...analysis.notes);
    if (options.reportUnusedSuppressions) result.notes.push(...unusedSuppressionNotes(analysis));
    if (analysis.functions) result.functions!.push(...analysis.functions.map((f) => ({ ...f, path: analysis.path })));
  }
  result.findings.sort(compareFindings);
  result.suppressed.sort(compareFindings);
  result.skipped.sort((a, b) => a.path.localeCompare(b.path));
  return result;
}
