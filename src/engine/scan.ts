import { readFileSync } from 'node:fs';
import { UserError } from '../errors.js';
import type { Rule } from '../rules/rule.js';
import { compareFindings, type Finding, type SuppressedFinding } from '../findings/finding.js';
import type { FunctionMetrics } from './complexity.js';
import { discoverFiles, type DiscoveryOptions, type SkipReason } from './discover.js';
import { analyzeSource, type FileNote } from './scan-file.js';

/** What to scan and how. */
export interface ScanOptions extends DiscoveryOptions {
  paths: string[];
  cwd: string;
  rules: Rule[];
  complexity: boolean;
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

/** Scans the given paths with the given rules. */
export function scanPaths(options: ScanOptions): ScanResult {
  const discovery = discoverFiles(options.paths, options.cwd, options);
  const result: ScanResult = {
    root: discovery.root,
    filesScanned: 0,
    linesScanned: 0,
    findings: [],
    suppressed: [],
    skipped: [...discovery.skipped],
    notes: [],
    functions: options.complexity ? [] : undefined,
    rules: options.rules,
  };
  for (const file of discovery.files) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file.absolutePath);
    } catch (error) {
      throw new UserError(`${file.path}: cannot read file (${(error as { code?: string }).code ?? 'error'})`);
    }
    const text = decodeSource(file.path, bytes);
    if (text === 'binary') {
      result.skipped.push({ path: file.path, reason: 'binary' });
      continue;
    }
    if (file.language.id !== 'c' && file.language.id !== 'cpp' && looksMinified(text)) {
      result.skipped.push({ path: file.path, reason: 'minified' });
      continue;
    }
    const analysis = analyzeSource(file.path, text, file.language, options.rules, { complexity: options.complexity });
    result.filesScanned++;
    result.linesScanned += analysis.lines;
    result.findings.push(...analysis.findings);
    result.suppressed.push(...analysis.suppressed);
    result.notes.push(...analysis.notes);
    if (analysis.functions) result.functions!.push(...analysis.functions.map((f) => ({ ...f, path: file.path })));
  }
  result.findings.sort(compareFindings);
  result.suppressed.sort(compareFindings);
  result.skipped.sort((a, b) => a.path.localeCompare(b.path));
  return result;
}
