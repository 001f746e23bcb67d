import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileStamp } from './file-stamp.js';
import { analyzePaths, collectScan, sourceContent, type FileOutcome, type ScanOptions, type ScanResult } from '../engine/scan.js';
import { withExternalResults } from './external-findings.js';
import { runScanner } from './run-scanner.js';
import type { ExternalResult } from './sarif-read.js';
import type { ScannerSettings } from './scanner-settings.js';

/** Other tools for a scan: scanners to run, and results read from SARIF files (paths relative to the scan root). */
export interface ScanExternals {
  scanners: ScannerSettings[];
  imported: ExternalResult[];
}

/**
 * A scan whose findings include other tools': loopwarden's analysis of each file, then every scanner over the
 * files of its languages (all at once, in the scan root), then imported results, joined file by file. A scanner
 * that fails is a note (`scanner-failed`) and the scan goes on.
 */
export async function scanWithScanners(options: ScanOptions, externals: ScanExternals): Promise<ScanResult & { externalSkipped: string[] }> {
  const { discovery, outcomes } = await analyzePaths(options);
  const analysed = outcomes.flatMap((outcome, index) => ('analysis' in outcome ? [{ index, file: discovery.files[index]!, analysis: outcome.analysis }] : []));
  const jobs = externals.scanners.map((scanner) => ({ scanner, files: analysed.filter(({ file }) => scanner.languages.includes(file.language.id as never)) })).filter((job) => job.files.length > 0);
  // What each scanned file held when the scanners started: a file edited meanwhile is not judged by their word.
  const scanned = [...new Set(jobs.flatMap((job) => job.files.map(({ file }) => file)))];
  const before = new Map(scanned.map((file) => [file.path, { hash: hashOf(file.absolutePath), stamp: fileStamp(file.absolutePath) }]));
  const ran = await Promise.all(jobs.map((job) => runScanner(job.scanner, discovery.root, job.files.map(({ file }) => file.path))));
  const results = new Map<string, ExternalResult[]>();
  const covered = new Map<string, string[]>();
  const notes: ScanResult['notes'] = [];
  const skipped: string[] = [];
  for (const outcome of ran) {
    for (const path of outcome.covered) covered.set(path, [...(covered.get(path) ?? []), outcome.scanner]);
    for (const result of outcome.results) results.set(result.path, [...(results.get(result.path) ?? []), result]);
    for (const problem of outcome.problems) notes.push({ path: outcome.missed[0] ?? '.', kind: 'scanner-failed', message: problem });
    skipped.push(...outcome.skipped.map((line) => `${outcome.scanner}: ${line}`));
  }
  const importedByPath = new Map<string, ExternalResult[]>();
  for (const result of externals.imported) importedByPath.set(result.path, [...(importedByPath.get(result.path) ?? []), result]);
  const combined: FileOutcome[] = [...outcomes];
  for (const { index, file, analysis } of analysed) {
    const tools = covered.get(file.path) ?? [];
    const own = results.get(file.path) ?? [];
    const imported = importedByPath.get(file.path) ?? [];
    if (own.length === 0 && imported.length === 0 && tools.length === 0) continue;
    const bytes = readFileSync(file.absolutePath);
    const then = before.get(file.path);
    if (then && (blobIdOf(bytes) !== then.hash || fileStamp(file.absolutePath) !== then.stamp)) {
      notes.push({ path: file.path, kind: 'scanner-failed', message: `${file.path} changed while it was being scanned; other tools' findings there were left out` });
      continue;
    }
    const text = sourceContent(bytes);
    if (text === 'binary' || text === 'minified' || text === 'undecodable') continue;
    combined[index] = { analysis: withExternalResults(analysis, text, file.language, [...own, ...imported], [...tools, ...new Set(imported.map((result) => result.tool))]) };
  }
  const importedPaths = new Set(discovery.files.map((file) => file.path));
  const elsewhere = externals.imported.filter((result) => !importedPaths.has(result.path)).length;
  if (elsewhere > 0) skipped.push(`imported: ${elsewhere} ${elsewhere === 1 ? 'result' : 'results'} in files this scan did not cover`);
  const result = collectScan(discovery, combined, options);
  result.notes.push(...notes);
  return { ...result, externalSkipped: skipped };
}

const blobIdOf = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function hashOf(path: string): string | undefined {
  try {
    return blobIdOf(readFileSync(path));
  } catch {
    return undefined;
  }
}
