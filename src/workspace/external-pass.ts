import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { LanguageSpec } from '../languages/language.js';
import { fileStamp } from '../scanners/file-stamp.js';
import { runScanner, scannerKey, type ScannerOutcome } from '../scanners/run-scanner.js';
import type { ExternalResult } from '../scanners/sarif-read.js';
import type { ScannerSettings } from '../scanners/scanner-settings.js';
import { blobId } from './git.js';

/** Other tools' word in a build: configured scanners, and results handed in (`--import-sarif`) for the work tree. */
export interface ExternalSources {
  scanners: ScannerSettings[];
  /** Imported results, paths relative to the repository top; they describe the work tree as it is now. */
  imported?: ExternalResult[];
}

/** One scanner's failure in a build, as the iteration records it. */
export interface ScannerNote {
  scanner: string;
  /** Files it was to look at and did not. */
  files: string[];
  message: string;
}

/** A file for the external pass: its place, its content id and language. */
export interface ExternalFile {
  path: string;
  hash: string;
  language: LanguageSpec;
}

/** What the scanners said of each file, and what they could not say. */
export interface ExternalPassResult {
  /** Results by path, for the files a scanner covered. */
  results: Map<string, ExternalResult[]>;
  /** Per path, the scanners that covered it, and those that were to and did not. */
  covered: Map<string, string[]>;
  missed: Map<string, string[]>;
  notes: ScannerNote[];
  skipped: string[];
}

/** The scanners that look at files of `language`, in config order. */
export function scannersFor(sources: ExternalSources | undefined, language: LanguageSpec): ScannerSettings[] {
  return (sources?.scanners ?? []).filter((scanner) => scanner.languages.includes(language.id as never));
}

/** What identifies the scanners' part of a file's analysis: empty when no scanner looks at its language. */
export function scannersKeyFor(scanners: ScannerSettings[], top: string): string {
  if (scanners.length === 0) return '';
  const hash = createHash('sha256');
  for (const scanner of scanners) hash.update(scannerKey(scanner, top)).update('\u0000');
  return hash.digest('hex').slice(0, 16);
}

/**
 * Runs every scanner over the files of its languages, all scanners at once. Work-tree files are scanned where
 * they are (a tool finds its own config there) and must still hash to the content that was listed afterwards,
 * or the scanner's word on them is not taken; a commit's files are written to a temporary directory first,
 * with the commit's top-level files beside them.
 */
export async function runExternalPass(
  sources: ExternalSources,
  files: ExternalFile[],
  place: { top: string; worktree: true } | { top: string; worktree: false; read: (hashes: string[]) => Map<string, Buffer>; topLevel: () => Map<string, Buffer> },
): Promise<ExternalPassResult> {
  const pass: ExternalPassResult = { results: new Map(), covered: new Map(), missed: new Map(), notes: [], skipped: [] };
  const work = sources.scanners.map((scanner) => ({ scanner, files: files.filter((file) => scanner.languages.includes(file.language.id as never)) })).filter((job) => job.files.length > 0);
  if (work.length === 0) return pass;
  let directory = place.top;
  let temporary: string | undefined;
  if (!place.worktree) {
    temporary = mkdtempSync(join(tmpdir(), 'loopwarden-scan-'));
    directory = temporary;
    const wanted = [...new Map(work.flatMap((job) => job.files).map((file) => [file.path, file])).values()];
    const contents = place.read([...new Set(wanted.map((file) => file.hash))]);
    for (const [path, bytes] of place.topLevel()) writeFileSync(join(directory, path), bytes);
    for (const file of wanted) {
      const bytes = contents.get(file.hash);
      if (!bytes) continue;
      mkdirSync(dirname(join(directory, file.path)), { recursive: true });
      writeFileSync(join(directory, file.path), bytes);
    }
  }
  // A file swapped for a clean copy while the scanner reads it and swapped back after hashes the same: its
  // inode, size and change time (which nothing can set back) tell.
  const stamps = place.worktree ? new Map(files.map((file) => [file.path, fileStamp(join(place.top, file.path))])) : undefined;
  try {
    const outcomes = await Promise.all(work.map((job) => runScanner(job.scanner, directory, job.files.map((file) => file.path))));
    outcomes.forEach((outcome, index) => record(pass, outcome, work[index]!.files, place.worktree ? { top: place.top, stamps: stamps! } : undefined));
  } finally {
    if (temporary) rmSync(temporary, { recursive: true, force: true });
  }
  return pass;
}

function record(pass: ExternalPassResult, outcome: ScannerOutcome, files: ExternalFile[], worktree: { top: string; stamps: Map<string, string | undefined> } | undefined): void {
  const hashes = new Map(files.map((file) => [file.path, file.hash]));
  const moved: string[] = [];
  for (const path of outcome.covered) {
    // A file edited while the scanner read it: what it said is about neither version.
    const absolute = worktree ? join(worktree.top, path) : '';
    if (worktree && (fileStamp(absolute) !== worktree.stamps.get(path) || currentHash(absolute) !== hashes.get(path))) {
      moved.push(path);
      push(pass.missed, path, outcome.scanner);
    } else push(pass.covered, path, outcome.scanner);
  }
  for (const path of outcome.missed) push(pass.missed, path, outcome.scanner);
  const movedSet = new Set(moved);
  for (const result of outcome.results) if (!movedSet.has(result.path)) push(pass.results, result.path, result);
  if (outcome.problems.length > 0) pass.notes.push({ scanner: outcome.scanner, files: outcome.missed, message: outcome.problems.join('; ') });
  if (moved.length > 0) pass.notes.push({ scanner: outcome.scanner, files: moved, message: `${outcome.scanner}: ${moved.join(', ')} changed while it was being scanned; its findings there were not re-checked` });
  pass.skipped.push(...outcome.skipped.map((line) => `${outcome.scanner}: ${line}`));
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function currentHash(path: string): string | undefined {
  try {
    return blobId(readFileSync(path));
  } catch {
    return undefined;
  }
}
