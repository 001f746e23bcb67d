import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Rule } from '../rules/rule.js';
import { languageForPath } from '../languages/registry.js';
import { FileSet, type FileSetOptions } from '../engine/file-set.js';
import { decodeSource, looksMinified } from '../engine/scan.js';
import { analyzeSource, type FileAnalysis } from '../engine/scan-file.js';
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

/** Bumped whenever a stored FileAnalysis gains or changes a field: older cached analyses are then not served. */
const ANALYSIS_FORMAT = 2;

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

/** Builds snapshots of the work tree and of commits, re-analysing only content the ledger has not seen. */
export class SnapshotBuilder {
  private readonly engine: string;
  /** Parsed analyses and summaries by key: the current and the previous snapshot share most files. */
  private readonly parsed = new Map<string, FileAnalysis>();
  private readonly summaries = new Map<string, StoredSummary>();
  private freshlyAnalysed = 0;
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
  async worktree(): Promise<{ snapshot: Snapshot; id: string; analysed: number }> {
    const statCache = this.ledger.getStatCache();
    const entries: SnapshotEntry[] = [];
    const contents = new Map<string, Buffer>();
    const statUpdates: { path: string; size: number; mtimeMs: number; hash: string }[] = [];
    for (const path of listWorktreeFiles(this.top)) {
      if (this.fileSet.exclusionOf(path, undefined)) continue;
      let stats;
      try {
        stats = statSync(join(this.top, path));
      } catch {
        continue; // tracked but deleted in the work tree
      }
      if (!stats.isFile() || this.fileSet.exclusionOf(path, stats.size)) continue;
      const cached = statCache.get(path);
      let hash: string;
      if (cached && cached.size === stats.size && cached.mtimeMs === stats.mtimeMs) hash = cached.hash;
      else {
        const content = readFileSync(join(this.top, path));
        hash = blobId(content);
        contents.set(hash, content);
        statUpdates.push({ path, size: stats.size, mtimeMs: stats.mtimeMs, hash });
      }
      entries.push({ path, hash, analysisKey: analysisKeyOf(this.engine, path, hash) });
    }
    if (statUpdates.length) this.ledger.putStatCache(statUpdates);
    await this.analyzeManyInWorkers(entries);
    return this.complete(entries, (missing) => {
      const found = new Map<string, Buffer>();
      for (const entry of missing) found.set(entry.hash, contents.get(entry.hash) ?? readFileSync(join(this.top, entry.path)));
      return found;
    });
  }

  /** A commit's files, read from git only where the ledger has no analysis of that content. */
  commit(commit: string): { snapshot: Snapshot; id: string; analysed: number } {
    const entries: SnapshotEntry[] = [];
    for (const [path, { id: hash, size }] of listTree(this.top, commit)) {
      if (this.fileSet.exclusionOf(path, size)) continue;
      entries.push({ path, hash, analysisKey: analysisKeyOf(this.engine, path, hash) });
    }
    return this.complete(entries, (missing) => readBlobs(this.top, [...new Set(missing.map((entry) => entry.hash))]));
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

  private complete(entries: SnapshotEntry[], read: (missing: SnapshotEntry[]) => Map<string, Buffer>): { snapshot: Snapshot; id: string; analysed: number } {
    this.loadSummaries(entries);
    const missing = entries.filter((entry) => !this.summaries.has(entry.analysisKey));
    const fresh: { key: string; analysis: string; summary: string }[] = [];
    if (missing.length > 0) {
      const contents = read(missing);
      for (const entry of missing) {
        const bytes = contents.get(entry.hash);
        if (!bytes) continue;
        const text = decodeSource(entry.path, bytes);
        if (text === 'binary' || (!/\.(c|h|cc|cpp|cxx|hpp|hh|hxx|c\+\+)$/.test(entry.path) && looksMinified(text))) continue;
        fresh.push(this.remember(entry.analysisKey, analyzeSource(entry.path, text, languageForPath(entry.path)!, this.rules, { complexity: true })));
      }
      if (fresh.length) this.ledger.putFileAnalyses(fresh);
    }
    const kept = entries.filter((entry) => this.summaries.has(entry.analysisKey)).sort((a, b) => a.path.localeCompare(b.path));
    const body = canonicalJson({ files: kept });
    const id = createHash('sha256').update(body).digest('hex');
    this.ledger.putSnapshot(id, body);
    const analysed = fresh.length + this.freshlyAnalysed;
    this.freshlyAnalysed = 0;
    return { snapshot: { files: kept.map((entry) => this.fileState(entry)) }, id, analysed };
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
