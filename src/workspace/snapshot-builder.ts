import { createHash } from 'node:crypto';
import { lstatSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Rule } from '../rules/rule.js';
import { languageForPath } from '../languages/registry.js';
import { FileSet, type FileSetOptions } from '../engine/file-set.js';
import { sourceContent } from '../engine/scan.js';
import { analyzeSourceWithinBudget, type FileAnalysis, type FileNote } from '../engine/scan-file.js';
import { summarizeFile, type FileState, type FileSummary, type Snapshot } from '../diff/snapshot.js';
import type { Ledger } from '../ledger/ledger.js';
import { canonicalJson } from '../ledger/canonical-json.js';
import { TOOL_VERSION } from '../version.js';
import { PARALLEL_THRESHOLD, defaultWorkerCount } from '../engine/worker-count.js';
import { blobId, listTree, listWorktreeFiles, readBlobs } from './git.js';

/** A snapshot as stored: which file had which content and which analysis. */
interface SnapshotEntry {
  path: string;
  hash: string;
  analysisKey: string;
}

/**
 * Bumped whenever a stored FileAnalysis gains or changes a field, or which content is analysed changes
 * (3: one-line C and C++ files are minified-looking too): older cached analyses are then not served.
 */
const ANALYSIS_FORMAT = 3;

/** Identifies the analysis engine: a new version or a changed rule set means cached analyses are stale. */
export function engineKey(rules: Rule[]): string {
  return createHash('sha256').update(TOOL_VERSION).update(`analysis-format ${ANALYSIS_FORMAT}`).update(JSON.stringify(rules)).digest('hex').slice(0, 16);
}

function analysisKeyOf(engine: string, path: string, hash: string): string {
  // Already unique without hashing: the engine, the language and the content's blob id.
  return `${engine}:${languageForPath(path)!.id}:${hash}`;
}

/** Analyses are cached by content, so a file that moved carries its old path: put the current one back. */
function relocate(analysis: FileAnalysis, path: string): FileAnalysis {
  if (analysis.path === path) return analysis;
  const move = <T extends { path: string }>(items: T[]) => items.map((item) => ({ ...item, path }));
  return { ...analysis, path, findings: move(analysis.findings), suppressed: move(analysis.suppressed), notes: move(analysis.notes) };
}

interface StoredSummary extends FileSummary {
  language: string;
  lines: number;
}

function storedSummaryOf(analysis: FileAnalysis): StoredSummary {
  return { ...summarizeFile(analysis.findings, analysis.functions ?? []), language: analysis.language, lines: analysis.lines };
}

/** A source file of a supported language that is in the repository but not analysed, and why. */
export interface UnanalysedFile {
  path: string;
  /**
   * vendored, too-large, minified, excluded, symbolic link, binary (binary or minified-looking content),
   * undecodable (not UTF-8, or unreadable), analysis-budget (too deeply nested or too costly to analyse).
   */
  reason: string;
  hash: string;
}

/** A snapshot as built: its files, its content id, how many files were analysed afresh, and what was left out. */
export interface BuiltSnapshot {
  snapshot: Snapshot;
  id: string;
  analysed: number;
  unanalysed: UnanalysedFile[];
  /** `.gitignore` files and `.git/info/exclude`: they decide which files are in the set at all. */
  ignoreRules: UnanalysedFile[];
}

/** Unanalysed files above this size are told apart by size and time rather than content. */
const HASHED_UNANALYSED_LIMIT = 64 * 1024 * 1024;

/** Source files that are left out of the analysis but still count for the gate: everything but tool folders. */
function isGuardedSource(path: string): boolean {
  return languageForPath(path) !== undefined && !/(^|\/)(\.git|\.loopwarden)\//.test(path);
}

function isIgnoreFile(path: string): boolean {
  return path === '.gitignore' || path.endsWith('/.gitignore');
}

function contentHash(path: string): string {
  try {
    const stats = statSync(path);
    if (!stats.isFile()) return 'not a file';
    return stats.size > HASHED_UNANALYSED_LIMIT ? `size ${stats.size} mtime ${stats.mtimeMs}` : blobId(readFileSync(path));
  } catch {
    return 'missing';
  }
}

/** Builds snapshots of the work tree and of commits, re-analysing only content the ledger has not seen. */
export class SnapshotBuilder {
  private readonly engine: string;
  /** Parsed analyses and summaries by key: the current and the previous snapshot share most files. */
  private readonly parsed = new Map<string, FileAnalysis>();
  private readonly summaries = new Map<string, StoredSummary>();
  private freshlyAnalysed = 0;
  /** Content that was read but could not be analysed, by analysis key, with the reason it is reported under. */
  private readonly refused = new Map<string, 'undecodable' | 'analysis-budget'>();
  /** Which files are analysed: the same decision `scan` and `diff` make. */
  private readonly fileSet: FileSet;

  constructor(
    private readonly top: string,
    private readonly ledger: Ledger,
    private readonly rules: Rule[],
    fileSetOptions: FileSetOptions,
  ) {
    this.engine = engineKey(rules);
    this.fileSet = new FileSet(fileSetOptions);
  }

  /** The work tree as it is now; unchanged files are recognised by size and modification time. */
  async worktree(): Promise<BuiltSnapshot> {
    const statCache = this.ledger.getStatCache();
    const entries: SnapshotEntry[] = [];
    const unanalysed: UnanalysedFile[] = [];
    const contents = new Map<string, Buffer>();
    const statUpdates: { path: string; size: number; mtimeMs: number; hash: string }[] = [];
    const hashOf = (path: string, stats: { size: number; mtimeMs: number }, keep: boolean): string => {
      const cached = statCache.get(path);
      if (cached && cached.size === stats.size && cached.mtimeMs === stats.mtimeMs) return cached.hash;
      // A huge file is told apart by size and time: reading it whole on every check would cost too much.
      if (!keep && stats.size > HASHED_UNANALYSED_LIMIT) return `size ${stats.size} mtime ${stats.mtimeMs}`;
      const content = readFileSync(join(this.top, path));
      const hash = blobId(content);
      if (keep) contents.set(hash, content);
      statUpdates.push({ path, size: stats.size, mtimeMs: stats.mtimeMs, hash });
      return hash;
    };
    const ignoreRules: UnanalysedFile[] = [];
    for (const path of listWorktreeFiles(this.top)) {
      if (isIgnoreFile(path)) {
        ignoreRules.push({ path, reason: 'ignore rules', hash: contentHash(join(this.top, path)) });
        continue;
      }
      let link: string | undefined;
      try {
        link = lstatSync(join(this.top, path)).isSymbolicLink() ? readlinkSync(join(this.top, path)) : undefined;
      } catch {
        continue; // tracked but deleted in the work tree
      }
      if (link !== undefined) {
        // A link is never followed: it could lead out of the repository, or hide code where nothing looks.
        unanalysed.push({ path, reason: 'symbolic link', hash: `link ${link}` });
        continue;
      }
      const early = this.fileSet.exclusionOf(path, undefined);
      if (early && !isGuardedSource(path)) continue;
      let stats;
      try {
        stats = statSync(join(this.top, path));
      } catch {
        continue; // tracked but deleted in the work tree
      }
      if (!stats.isFile()) continue;
      const exclusion = early ?? this.fileSet.exclusionOf(path, stats.size);
      let hash: string;
      try {
        hash = hashOf(path, stats, exclusion === undefined);
      } catch {
        // A file that cannot be read is not analysed, and says so; the other files still decide the verdict.
        if (isGuardedSource(path)) unanalysed.push({ path, reason: exclusion?.reason ?? 'undecodable', hash: `unreadable size ${stats.size} mtime ${stats.mtimeMs}` });
        continue;
      }
      if (exclusion) {
        if (isGuardedSource(path)) unanalysed.push({ path, reason: exclusion.reason, hash });
        continue;
      }
      entries.push({ path, hash, analysisKey: analysisKeyOf(this.engine, path, hash) });
    }
    ignoreRules.push({ path: '.git/info/exclude', reason: 'ignore rules', hash: contentHash(join(this.top, '.git', 'info', 'exclude')) });
    if (statUpdates.length) this.ledger.putStatCache(statUpdates);
    await this.analyzeManyInWorkers(entries);
    return this.complete(entries, unanalysed, ignoreRules, (missing) => {
      const found = new Map<string, Buffer>();
      for (const entry of missing) found.set(entry.hash, contents.get(entry.hash) ?? readFileSync(join(this.top, entry.path)));
      return found;
    });
  }

  /** A commit's files, read from git only where the ledger has no analysis of that content. */
  commit(commit: string): BuiltSnapshot {
    const entries: SnapshotEntry[] = [];
    const unanalysed: UnanalysedFile[] = [];
    const ignoreRules: UnanalysedFile[] = [];
    for (const [path, { id: hash, size }] of listTree(this.top, commit)) {
      if (isIgnoreFile(path)) {
        ignoreRules.push({ path, reason: 'ignore rules', hash });
        continue;
      }
      const exclusion = this.fileSet.exclusionOf(path, size);
      if (exclusion) {
        if (isGuardedSource(path)) unanalysed.push({ path, reason: exclusion.reason, hash });
        continue;
      }
      entries.push({ path, hash, analysisKey: analysisKeyOf(this.engine, path, hash) });
    }
    return this.complete(entries, unanalysed, ignoreRules, (missing) => readBlobs(this.top, [...new Set(missing.map((entry) => entry.hash))]));
  }

  /** The first check of a large repository analyses every file: spread that over the cores. */
  private async analyzeManyInWorkers(entries: SnapshotEntry[]): Promise<void> {
    const candidates = entries.filter((entry) => !this.parsed.has(entry.analysisKey));
    if (candidates.length < PARALLEL_THRESHOLD) return;
    this.loadSummaries(candidates);
    const missing = candidates.filter((entry) => !this.summaries.has(entry.analysisKey));
    if (missing.length < PARALLEL_THRESHOLD || defaultWorkerCount() < 2) return;
    const { analyzeInWorkers } = await import('../engine/parallel.js');
    const files = missing.map((entry) => ({ absolutePath: join(this.top, entry.path), path: entry.path, language: languageForPath(entry.path)! }));
    const outcomes = await analyzeInWorkers(files, this.rules, { complexity: true }, defaultWorkerCount());
    const fresh: { key: string; analysis: string; summary: string }[] = [];
    outcomes.forEach((outcome, index) => {
      if ('unanalysed' in outcome) this.refuse(missing[index]!.analysisKey, outcome.unanalysed);
      if (!('analysis' in outcome)) return;
      fresh.push(this.remember(missing[index]!.analysisKey, outcome.analysis));
    });
    this.ledger.putFileAnalyses(fresh);
    this.freshlyAnalysed += fresh.length;
  }

  /** Loads a snapshot recorded earlier. */
  load(id: string): Snapshot | undefined {
    const body = this.ledger.getSnapshot(id);
    if (body === undefined) return undefined;
    const entries = (JSON.parse(body) as { files: SnapshotEntry[] }).files;
    this.loadSummaries(entries);
    return { files: entries.filter((entry) => this.summaries.has(entry.analysisKey)).map((entry) => this.fileState(entry)) };
  }

  private loadSummaries(entries: SnapshotEntry[]): void {
    const wanted = entries.filter((entry) => !this.summaries.has(entry.analysisKey)).map((entry) => entry.analysisKey);
    const stored = this.ledger.getFileSummaries(wanted);
    for (const [key, text] of stored) this.summaries.set(key, JSON.parse(text) as StoredSummary);
  }

  /** Remembers why content has no analysis, so it is not analysed again and is reported under that reason. */
  private refuse(key: string, note: FileNote): void {
    this.refused.set(key, note.kind === 'analysis-budget' ? 'analysis-budget' : 'undecodable');
  }

  private remember(key: string, analysis: FileAnalysis): { key: string; analysis: string; summary: string } {
    const summary = storedSummaryOf(analysis);
    this.parsed.set(key, analysis);
    this.summaries.set(key, summary);
    return { key, analysis: JSON.stringify(analysis), summary: JSON.stringify(summary) };
  }

  /** A file state whose findings and functions are read from the ledger only if someone asks for them. */
  private fileState(entry: SnapshotEntry): FileState {
    const summary = this.summaries.get(entry.analysisKey)!;
    const analysis = () => relocate(this.analysisFor(entry.analysisKey)!, entry.path);
    return {
      path: entry.path,
      hash: entry.hash,
      language: summary.language,
      lines: summary.lines,
      summary,
      get findings() {
        return analysis().findings;
      },
      get suppressed() {
        return analysis().suppressed;
      },
      get unusedSuppressions() {
        return analysis().unusedSuppressions ?? [];
      },
      get functions() {
        return analysis().functions ?? [];
      },
    };
  }

  private complete(entries: SnapshotEntry[], unanalysed: UnanalysedFile[], ignoreRules: UnanalysedFile[], read: (missing: SnapshotEntry[]) => Map<string, Buffer>): BuiltSnapshot {
    this.loadSummaries(entries);
    const missing = entries.filter((entry) => !this.summaries.has(entry.analysisKey) && !this.refused.has(entry.analysisKey));
    const fresh: { key: string; analysis: string; summary: string }[] = [];
    if (missing.length > 0) {
      const contents = read(missing);
      for (const entry of missing) {
        const bytes = contents.get(entry.hash);
        if (!bytes) continue;
        const text = sourceContent(bytes);
        if (text === 'binary' || text === 'minified') continue;
        if (text === 'undecodable') {
          this.refused.set(entry.analysisKey, 'undecodable');
          continue;
        }
        const outcome = analyzeSourceWithinBudget(entry.path, text, languageForPath(entry.path)!, this.rules, { complexity: true });
        // A file past its budget is not analysed at all, and not cached: it is guarded as unanalysed instead.
        if ('unanalysed' in outcome) this.refuse(entry.analysisKey, outcome.unanalysed);
        else fresh.push(this.remember(entry.analysisKey, outcome.analysis));
      }
      if (fresh.length) this.ledger.putFileAnalyses(fresh);
    }
    const kept = entries.filter((entry) => this.summaries.has(entry.analysisKey)).sort((a, b) => a.path.localeCompare(b.path));
    for (const entry of entries) {
      if (!this.summaries.has(entry.analysisKey)) unanalysed.push({ path: entry.path, reason: this.refused.get(entry.analysisKey) ?? 'binary', hash: entry.hash });
    }
    const body = canonicalJson({ files: kept });
    const id = createHash('sha256').update(body).digest('hex');
    this.ledger.putSnapshot(id, body);
    const analysed = fresh.length + this.freshlyAnalysed;
    this.freshlyAnalysed = 0;
    unanalysed.sort((a, b) => a.path.localeCompare(b.path));
    return { snapshot: { files: kept.map((entry) => this.fileState(entry)) }, id, analysed, unanalysed, ignoreRules };
  }

  private analysisFor(key: string): FileAnalysis | undefined {
    let analysis = this.parsed.get(key);
    if (!analysis) {
      const text = this.ledger.getFileAnalyses([key]).get(key);
      if (text === undefined) return undefined;
      analysis = JSON.parse(text) as FileAnalysis;
      this.parsed.set(key, analysis);
    }
    return analysis;
  }
}
