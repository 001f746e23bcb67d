import { readFileSync, statSync } from 'node:fs';
import { UserError } from '../errors.js';
import type { Rule } from '../rules/rule.js';
import { compareFindings, type Finding, type SuppressedFinding } from '../findings/finding.js';
import type { FunctionMetrics } from './complexity.js';
import { discoverFiles, type Discovery, type DiscoveryOptions, type SkipReason, type SourceFile } from './discover.js';
import { analyzeSourceWithinBudget, type FileAnalysis, type FileNote } from './scan-file.js';
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
  /** Told how many of the discovered files are analysed so far: after each file, or each batch on worker threads. */
  onProgress?: (done: number, total: number) => void;
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

/** Decodes UTF-8 text (without a byte-order mark); 'binary' for content holding NUL bytes, 'undecodable' for invalid UTF-8. */
export function decodeText(bytes: Buffer): string | 'binary' | 'undecodable' {
  const head = bytes.subarray(0, 8000);
  if (head.includes(0)) return 'binary';
  try {
    const text = utf8.decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return 'undecodable';
  }
}

/** Returns true for generated one-line files: few lines, very long ones. */
export function looksMinified(text: string): boolean {
  if (text.length < 2000) return false;
  const lines = text.split('\n');
  return text.length / lines.length > 300;
}

/**
 * Returns a file's text, or why its content is not analysed: a binary, a generated one-line file, or not
 * UTF-8. C and C++ get no exemption for long lines: a megabyte on one line costs the parser and the rules
 * as much in C as anywhere, and generated tables are not where hand-written weaknesses hide.
 */
export function sourceContent(bytes: Buffer): string | 'binary' | 'minified' | 'undecodable' {
  const text = decodeText(bytes);
  if (text === 'binary' || text === 'undecodable') return text;
  return looksMinified(text) ? 'minified' : text;
}

/** As `sourceContent`, for callers that cannot go on without the text: invalid UTF-8 is a UserError naming the file. */
export function sourceText(displayPath: string, bytes: Buffer): string | 'binary' | 'minified' {
  const text = sourceContent(bytes);
  if (text === 'undecodable') throw new UserError(`${displayPath}: invalid UTF-8 (loopwarden reads source files as UTF-8)`);
  return text;
}

/** The note for a file whose bytes cannot be read as source text. */
export function undecodableNote(path: string, why: string): FileNote {
  return { path, kind: 'undecodable', message: `skipped: ${why}` };
}

/** Other files of the project larger than this are not read for summaries of their functions. */
const MAX_PROJECT_FILE_SIZE = 1024 * 1024;

/** Reads another file of the project for summaries of its functions; unreadable, missing, too large or not source text is undefined. */
function readProjectFile(absolutePath: string): string | undefined {
  try {
    if (statSync(absolutePath).size > MAX_PROJECT_FILE_SIZE) return undefined;
    const text = sourceContent(readFileSync(absolutePath));
    return text === 'binary' || text === 'minified' || text === 'undecodable' ? undefined : text;
  } catch {
    return undefined;
  }
}

/** What reading and analysing one discovered file gave: an analysis, a reason to skip it, or a note on why it has no analysis. */
export type FileOutcome = { analysis: FileAnalysis } | { skipped: { path: string; reason: SkipReason } } | { unanalysed: FileNote };

/** Reads, decodes and analyses one discovered file; a file that cannot be read or decoded, or is past its budget, is a note. */
export function analyzeFile(file: SourceFile, rules: Rule[], options: { complexity: boolean }): FileOutcome {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file.absolutePath);
  } catch (error) {
    return { unanalysed: undecodableNote(file.path, `cannot read the file (${(error as { code?: string }).code ?? 'error'})`) };
  }
  const text = sourceContent(bytes);
  if (text === 'undecodable') return { unanalysed: undecodableNote(file.path, 'not valid UTF-8 (loopwarden reads source files as UTF-8)') };
  if (text === 'binary' || text === 'minified') return { skipped: { path: file.path, reason: text } };
  return analyzeSourceWithinBudget(file.path, text, file.language, rules, { ...options, location: { absolutePath: file.absolutePath, read: readProjectFile } });
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
  const { discovery, outcomes } = await analyzePaths(options);
  return collectScan(discovery, outcomes, options);
}

/** The files the paths name and each one's analysis (or why it has none), before they are put together. */
export async function analyzePaths(options: ScanOptions): Promise<{ discovery: Discovery; outcomes: FileOutcome[] }> {
  const discovery = discoverFiles(options.paths, options.cwd, options);
  const analyze = { complexity: options.complexity };
  const { onProgress } = options;
  const total = discovery.files.length;
  let outcomes: FileOutcome[];
  if (total >= PARALLEL_THRESHOLD && (options.workers ?? defaultWorkerCount()) > 1) {
    outcomes = await (await import('./parallel.js')).analyzeInWorkers(discovery.files, options.rules, analyze, options.workers ?? defaultWorkerCount(), onProgress);
  } else {
    onProgress?.(0, total);
    outcomes = discovery.files.map((file, index) => {
      const outcome = analyzeFile(file, options.rules, analyze);
      onProgress?.(index + 1, total);
      return outcome;
    });
  }
  return { discovery, outcomes };
}

/** Puts the files' analyses together into one scan result, findings in order. */
export function collectScan(discovery: Discovery, outcomes: readonly FileOutcome[], options: Pick<ScanOptions, 'rules' | 'complexity' | 'reportUnusedSuppressions'>): ScanResult {
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
  for (const outcome of outcomes) {
    if ('skipped' in outcome) {
      result.skipped.push(outcome.skipped);
      continue;
    }
    if ('unanalysed' in outcome) {
      // One odd file must not stop the scan: it is counted as a note and the other files still decide.
      result.notes.push(outcome.unanalysed);
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
