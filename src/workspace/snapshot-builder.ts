import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import type { Rule } from '../rules/rule.js';
import { languageForFile, mayBeScript } from '../languages/registry.js';
import type { LanguageSpec } from '../languages/language.js';
import { firstLineOf, readFileHead, type FileHead } from '../io/first-line.js';
import { FileSet, type FileSetOptions } from '../engine/file-set.js';
import { sourceContent } from '../engine/scan.js';
import { analyzeSourceWithinBudget, type FileAnalysis, type FileNote } from '../engine/scan-file.js';
import { summarizeFile, type FileState, type FileSummary, type Snapshot } from '../diff/snapshot.js';
import type { Ledger } from '../ledger/ledger.js';
import { canonicalJson } from '../ledger/canonical-json.js';
import { TOOL_VERSION } from '../version.js';
import { PARALLEL_THRESHOLD, defaultWorkerCount } from '../engine/worker-count.js';
import { blobId, listTree, listWorktreeFiles, readBlobs } from './git.js';
import { withExternalResults } from '../scanners/external-findings.js';
import type { ExternalResult } from '../scanners/sarif-read.js';
import { runExternalPass, scannersFor, scannersKeyFor, type ExternalPassResult, type ExternalSources, type ScannerNote } from './external-pass.js';

/** A snapshot as stored: which file had which content and which analysis. */
interface SnapshotEntry {
  path: string;
  hash: string;
  analysisKey: string;
  /** SHA-256 of the stored analysis text: the analysis is read back only if it still hashes to this. */
  digest: string;
  /** The file's totals, kept in the snapshot so unchanged files never need their analysis read. */
  summary: StoredSummary;
}

/**
 * A file listed for a snapshot, before its analysis is known. `ownKey` names loopwarden's own analysis of the
 * content; `analysisKey` the analysis with other tools' results added (the same key when none apply).
 */
type ListedFile = Pick<SnapshotEntry, 'path' | 'hash' | 'analysisKey'> & { language: LanguageSpec; ownKey: string; imported?: ExternalResult[] };

/**
 * Bumped whenever a stored FileAnalysis gains or changes a field, or which content is analysed changes
 * (3: one-line C and C++ files are minified-looking too; 4: scripts without an extension are analysed by their
 * `#!` line; 5: EJS templates are analysed): older cached analyses are then not served.
 */
const ANALYSIS_FORMAT = 5;

/** Identifies the analysis engine: a new version or a changed rule set means cached analyses are stale. */
export function engineKey(rules: Rule[]): string {
  return createHash('sha256').update(TOOL_VERSION).update(`analysis-format ${ANALYSIS_FORMAT}`).update(JSON.stringify(rules)).digest('hex').slice(0, 16);
}

function analysisKeyOf(engine: string, language: LanguageSpec, hash: string): string {
  // Already unique without hashing: the engine, the language and the content's blob id.
  return `${engine}:${language.id}:${hash}`;
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
  /** Scanners that were to look at this content and did not (absent: none). */
  missedBy?: string[];
}

function storedSummaryOf(analysis: FileAnalysis): StoredSummary {
  return { ...summarizeFile(analysis.findings, analysis.functions ?? []), language: analysis.language, lines: analysis.lines, ...(analysis.missedBy?.length ? { missedBy: analysis.missedBy } : {}) };
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
  /** Scanners that failed on some files of this build (their findings there were not re-checked). */
  scannerNotes: ScannerNote[];
  /** Results of other tools that were not taken, one line per tool and reason. */
  externalSkipped: string[];
  /** Other tools whose word this build has (configured scanners and imported SARIF): findings of any other tool are not re-checked. */
  externalTools: string[];
}

/** Unanalysed files above this size are told apart by size and time rather than content. */
const HASHED_UNANALYSED_LIMIT = 64 * 1024 * 1024;

/** Source files (of a language, by extension or `#!` line) left out of the analysis still count for the gate: all but tool folders. */
function isGuardedSource(path: string, language: LanguageSpec | undefined): boolean {
  return language !== undefined && !inToolFolder(path);
}

function inToolFolder(path: string): boolean {
  return /(^|\/)(\.git|\.loopwarden)\//.test(path);
}

function statLabel(absolutePath: string): string {
  try {
    const stats = statSync(absolutePath);
    return `size ${stats.size} mtime ${stats.mtimeMs}`;
  } catch {
    return 'no stat';
  }
}

/**
 * A work-tree file's language (by extension, or by the `#!` line of a name without one); `unreadable` when the
 * name has no extension and its first line cannot be read: it may be a script, so the gate must not pass over it.
 */
export function worktreeLanguage(path: string, readHead: () => FileHead): LanguageSpec | { unreadable: string } | undefined {
  let unreadable: string | undefined;
  const language = languageForFile(path, () => {
    const head = readHead();
    if ('unreadable' in head) unreadable = head.unreadable;
    return 'line' in head ? head.line : undefined;
  });
  // A file deleted since it was listed is simply not there.
  return language ?? (unreadable !== undefined && unreadable !== 'ENOENT' ? { unreadable } : undefined);
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

/** How errors name the ledger. */
const LEDGER_FILE = '.loopwarden/ledger.db';

/** Builds snapshots of the work tree and of commits, re-analysing only content the ledger has not seen. */
export class SnapshotBuilder {
  private readonly engine: string;
  /** Parsed analyses by digest: the current and the previous snapshot share most files. */
  private readonly parsed = new Map<string, FileAnalysis>();
  /**
   * Analyses this run may reuse, by analysis key: those it made itself and those of snapshots it loaded
   * from this machine's store (whose bodies hash to their ids, which hashed ledger records name; never one
   * a team server handed over, which anyone with a token may have written). A row someone put in the ledger's
   * analysis table is never looked up by key, so it cannot stand in for what a file really contains.
   */
  private readonly known = new Map<string, { digest: string; summary: StoredSummary }>();
  private freshlyAnalysed = 0;
  /** Content that was read but could not be analysed, by analysis key, with the reason it is reported under. */
  private readonly refused = new Map<string, 'undecodable' | 'analysis-budget'>();
  /** Which files are analysed: the same decision `scan` and `diff` make. */
  private readonly fileSet: FileSet;

  /** Told how many files a first check analyses on worker threads are done (a door's progress bar). */
  onAnalysisProgress?: (done: number, total: number) => void;
  private loadedAny = false;
  /** Whether this builder has read a recorded snapshot: a chain that has one is past its first check. */
  get hasLoadedSnapshots(): boolean {
    return this.loadedAny;
  }
  /** The scanners' part of analysis keys, by language id. */
  private readonly scannerKeys = new Map<string, string>();

  constructor(
    private readonly top: string,
    private readonly ledger: Ledger,
    private readonly rules: Rule[],
    fileSetOptions: FileSetOptions,
    /** Other tools whose results join ours: configured scanners, and for the work tree, imported SARIF. */
    private readonly external?: ExternalSources,
  ) {
    this.engine = engineKey(rules);
    this.fileSet = new FileSet(fileSetOptions);
  }

  /** A listed file: its own analysis key, and the key of its analysis with the scanners' (and imported) results. */
  private listed(path: string, hash: string, language: LanguageSpec, imported?: ExternalResult[]): ListedFile {
    const ownKey = analysisKeyOf(this.engine, language, hash);
    let scanners = this.scannerKeys.get(language.id);
    if (scanners === undefined) {
      scanners = scannersKeyFor(scannersFor(this.external, language), this.top);
      this.scannerKeys.set(language.id, scanners);
    }
    let engine = scanners ? `${this.engine}+${scanners}` : this.engine;
    if (imported?.length) engine += `+imported-${createHash('sha256').update(JSON.stringify(imported)).digest('hex').slice(0, 16)}`;
    const analysisKey = engine === this.engine ? ownKey : analysisKeyOf(engine, language, hash);
    return { path, hash, language, ownKey, analysisKey, ...(imported?.length ? { imported } : {}) };
  }

  /** Whether the file needs other tools' results added that this run does not have yet. */
  private needsExternal(entry: ListedFile): boolean {
    return entry.analysisKey !== entry.ownKey && !this.known.has(entry.analysisKey);
  }

  /**
   * The work tree as it is now. Every file is read and hashed on every call: a cache of sizes and times
   * on disk could be edited to make a changed file look unchanged.
   */
  async worktree(): Promise<BuiltSnapshot> {
    // Scanner programs are stamped afresh for every build: an upgraded tool's results are not the old one's.
    this.scannerKeys.clear();
    const entries: ListedFile[] = [];
    const imported = new Map<string, ExternalResult[]>();
    for (const result of this.external?.imported ?? []) imported.set(result.path, [...(imported.get(result.path) ?? []), result]);
    const unanalysed: UnanalysedFile[] = [];
    const contents = new Map<string, Buffer>();
    const hashOf = (path: string, stats: { size: number; mtimeMs: number }, keep: boolean): string => {
      // A huge file is told apart by size and time: reading it whole on every check would cost too much.
      if (!keep && stats.size > HASHED_UNANALYSED_LIMIT) return `size ${stats.size} mtime ${stats.mtimeMs}`;
      const content = readFileSync(join(this.top, path));
      const hash = blobId(content);
      if (keep) contents.set(hash, content);
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
      // A name without an extension is source only when its first line is a script's `#!` line.
      const known = worktreeLanguage(path, () => readFileHead(join(this.top, path)));
      const early = this.fileSet.exclusionOf(path, undefined);
      if (known && 'unreadable' in known) {
        if (!early && !inToolFolder(path)) unanalysed.push({ path, reason: 'undecodable', hash: `unreadable ${known.unreadable} ${statLabel(join(this.top, path))}` });
        continue;
      }
      const language = known;
      if (!language || (early && !isGuardedSource(path, language))) continue;
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
        if (isGuardedSource(path, language)) unanalysed.push({ path, reason: exclusion?.reason ?? 'undecodable', hash: `unreadable size ${stats.size} mtime ${stats.mtimeMs}` });
        continue;
      }
      if (exclusion) {
        if (isGuardedSource(path, language)) unanalysed.push({ path, reason: exclusion.reason, hash });
        continue;
      }
      entries.push(this.listed(path, hash, language, imported.get(path)));
    }
    ignoreRules.push({ path: '.git/info/exclude', reason: 'ignore rules', hash: contentHash(join(this.top, '.git', 'info', 'exclude')) });
    await this.analyzeManyInWorkers(entries);
    const scanned = entries.filter((entry) => this.needsExternal(entry) && scannersFor(this.external, entry.language).length > 0);
    const pass = scanned.length > 0 ? await runExternalPass(this.external!, scanned, { top: this.top, worktree: true }) : undefined;
    return this.complete(entries, unanalysed, ignoreRules, pass, (missing) => {
      const found = new Map<string, Buffer>();
      for (const entry of missing) found.set(entry.hash, contents.get(entry.hash) ?? readFileSync(join(this.top, entry.path)));
      return found;
    });
  }

  /**
   * A commit's files, read from git only where the ledger has no analysis of that content. Scanners are not run
   * here (this is synchronous): content they have not seen before is marked as missed by them; `scannedCommit`
   * runs them.
   */
  commit(commit: string): BuiltSnapshot {
    const listing = this.listCommit(commit);
    return this.complete(listing.entries, listing.unanalysed, listing.ignoreRules, undefined, (missing) => readBlobs(this.top, [...new Set(missing.map((entry) => entry.hash))]));
  }

  /** A commit's files, as `commit` gives them, with the configured scanners run over content they have not seen. */
  async scannedCommit(commit: string): Promise<BuiltSnapshot> {
    const listing = this.listCommit(commit);
    const scanned = listing.entries.filter((entry) => this.needsExternal(entry) && scannersFor(this.external, entry.language).length > 0);
    const read = (hashes: string[]) => readBlobs(this.top, hashes);
    const topLevel = () => {
      const files = [...listTree(this.top, commit)].filter(([path, { size }]) => !path.includes('/') && size <= 1024 * 1024);
      const blobs = readBlobs(this.top, files.map(([, { id }]) => id));
      return new Map(files.flatMap(([path, { id }]) => (blobs.has(id) ? [[path, blobs.get(id)!] as const] : [])));
    };
    const pass = scanned.length > 0 ? await runExternalPass(this.external!, scanned, { top: this.top, worktree: false, read, topLevel }) : undefined;
    return this.complete(listing.entries, listing.unanalysed, listing.ignoreRules, pass, (missing) => readBlobs(this.top, [...new Set(missing.map((entry) => entry.hash))]));
  }

  private listCommit(commit: string): { entries: ListedFile[]; unanalysed: UnanalysedFile[]; ignoreRules: UnanalysedFile[] } {
    this.scannerKeys.clear();
    const entries: ListedFile[] = [];
    const unanalysed: UnanalysedFile[] = [];
    const ignoreRules: UnanalysedFile[] = [];
    const tree = listTree(this.top, commit);
    // Names without an extension are source only when their first line is a script's `#!` line: read those blobs.
    const heads = readBlobs(this.top, [...new Set([...tree].filter(([path]) => mayBeScript(path) && !isIgnoreFile(path)).map(([, { id }]) => id))]);
    for (const [path, { id: hash, size }] of tree) {
      if (isIgnoreFile(path)) {
        ignoreRules.push({ path, reason: 'ignore rules', hash });
        continue;
      }
      const language = languageForFile(path, () => firstLineOf(heads.get(hash) ?? ''));
      if (!language) continue;
      const exclusion = this.fileSet.exclusionOf(path, size);
      if (exclusion) {
        if (isGuardedSource(path, language)) unanalysed.push({ path, reason: exclusion.reason, hash });
        continue;
      }
      entries.push(this.listed(path, hash, language));
    }
    return { entries, unanalysed, ignoreRules };
  }

  /**
   * The analysis of one file's content (as it is on disk, or as an edit would leave it), through the same
   * cache the snapshots use, so the turn's check reuses it. Returns why it has none when it is not analysed.
   */
  fileAnalysis(path: string, bytes: Buffer): { analysis: FileAnalysis } | { unanalysed: string } {
    const language = languageForFile(path, () => firstLineOf(bytes));
    if (!language) return { unanalysed: 'unsupported' };
    const exclusion = this.fileSet.exclusionOf(path, bytes.length);
    if (exclusion) return { unanalysed: exclusion.reason };
    const key = analysisKeyOf(this.engine, language, blobId(bytes));
    const known = this.known.get(key);
    if (known) return { analysis: relocate(this.analysisFor(known.digest, path), path) };
    const refused = this.refused.get(key);
    if (refused) return { unanalysed: refused };
    const text = sourceContent(bytes);
    if (text === 'binary' || text === 'minified') return { unanalysed: text };
    if (text === 'undecodable') {
      this.refused.set(key, 'undecodable');
      return { unanalysed: 'undecodable' };
    }
    const outcome = analyzeSourceWithinBudget(path, text, language, this.rules, { complexity: true });
    if ('unanalysed' in outcome) {
      this.refuse(key, outcome.unanalysed);
      return { unanalysed: outcome.unanalysed.kind };
    }
    this.ledger.putAnalyses([this.remember(key, outcome.analysis)]);
    return { analysis: outcome.analysis };
  }

  /** The first check of a large repository analyses every file: spread that over the cores. */
  private async analyzeManyInWorkers(entries: ListedFile[]): Promise<void> {
    const missing = entries.filter((entry) => !this.known.has(entry.analysisKey) && !this.known.has(entry.ownKey));
    if (missing.length < PARALLEL_THRESHOLD || defaultWorkerCount() < 2) return;
    const { analyzeInWorkers } = await import('../engine/parallel.js');
    const files = missing.map((entry) => ({ absolutePath: join(this.top, entry.path), path: entry.path, language: entry.language }));
    const outcomes = await analyzeInWorkers(files, this.rules, { complexity: true }, defaultWorkerCount(), this.onAnalysisProgress);
    const fresh: { digest: string; analysis: string }[] = [];
    outcomes.forEach((outcome, index) => {
      if ('unanalysed' in outcome) this.refuse(missing[index]!.ownKey, outcome.unanalysed);
      if (!('analysis' in outcome)) return;
      fresh.push(this.remember(missing[index]!.ownKey, outcome.analysis));
    });
    this.ledger.putAnalyses(fresh);
    this.freshlyAnalysed += fresh.length;
  }

  /**
   * Loads a snapshot recorded earlier; its analyses become reusable by this run. The body must hash to
   * its id (ids are named by hashed ledger records), or the ledger was edited: a UserError, never a guess.
   */
  /** Whether the snapshot `id` came from elsewhere (a team server), not from this machine. */
  isForeign(id: string): boolean {
    return this.ledger.isForeign?.(id) === true;
  }

  /** Whether `commit` is in this repository. */
  hasCommit(commit: string): boolean {
    return spawnSync('git', ['cat-file', '-e', `${commit}^{commit}`], { cwd: this.top, stdio: 'ignore' }).status === 0;
  }

  load(id: string): Snapshot | undefined {
    const body = this.ledger.getSnapshot(id);
    if (body === undefined) return undefined;
    this.loadedAny = true;
    if (createHash('sha256').update(body).digest('hex') !== id) throw new UserError(`${LEDGER_FILE}: snapshot ${id.slice(0, 12)} does not match its hash (the ledger was edited); run loopwarden ledger verify`);
    const entries = (JSON.parse(body) as { files: Partial<SnapshotEntry>[] }).files;
    if (entries.some((entry) => !entry.digest || !entry.summary)) {
      throw new UserError(`${LEDGER_FILE}: written by an older loopwarden (snapshots without analysis digests); move .loopwarden/ledger.db aside and run loopwarden init`);
    }
    // A snapshot from elsewhere says what its sender claims a file contains: compared with, never reused.
    const reusable = this.ledger.isForeign?.(id) !== true;
    if (reusable) for (const entry of entries as SnapshotEntry[]) if (!this.known.has(entry.analysisKey)) this.known.set(entry.analysisKey, { digest: entry.digest, summary: entry.summary });
    return { files: (entries as SnapshotEntry[]).map((entry) => this.fileState(entry)) };
  }

  /** Remembers why content has no analysis, so it is not analysed again and is reported under that reason. */
  private refuse(key: string, note: FileNote): void {
    this.refused.set(key, note.kind === 'analysis-budget' ? 'analysis-budget' : 'undecodable');
  }

  private remember(key: string, analysis: FileAnalysis): { digest: string; analysis: string } {
    const summary = storedSummaryOf(analysis);
    const text = JSON.stringify(analysis);
    const digest = createHash('sha256').update(text).digest('hex');
    this.parsed.set(digest, analysis);
    this.known.set(key, { digest, summary });
    return { digest, analysis: text };
  }

  /** A file state whose findings and functions are read from the ledger only if someone asks for them. */
  private fileState(entry: SnapshotEntry): FileState {
    const summary = entry.summary;
    const analysis = () => relocate(this.analysisFor(entry.digest, entry.path), entry.path);
    return {
      path: entry.path,
      hash: entry.hash,
      language: summary.language,
      lines: summary.lines,
      summary,
      ...(summary.missedBy ? { missedBy: summary.missedBy } : {}),
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

  private complete(listed: ListedFile[], unanalysed: UnanalysedFile[], ignoreRules: UnanalysedFile[], pass: ExternalPassResult | undefined, read: (missing: ListedFile[]) => Map<string, Buffer>): BuiltSnapshot {
    const missingOwn = listed.filter((entry) => !this.known.has(entry.analysisKey) && !this.known.has(entry.ownKey) && !this.refused.has(entry.ownKey));
    const toCombine = listed.filter((entry) => this.needsExternal(entry) && !this.refused.has(entry.ownKey));
    const fresh: { digest: string; analysis: string }[] = [];
    const keys = new Map<ListedFile, string>();
    if (missingOwn.length > 0 || toCombine.length > 0) {
      const contents = read([...new Set([...missingOwn, ...toCombine])]);
      for (const entry of missingOwn) {
        const bytes = contents.get(entry.hash);
        if (!bytes) continue;
        const text = sourceContent(bytes);
        if (text === 'binary' || text === 'minified') continue;
        if (text === 'undecodable') {
          this.refused.set(entry.ownKey, 'undecodable');
          continue;
        }
        const outcome = analyzeSourceWithinBudget(entry.path, text, entry.language, this.rules, { complexity: true });
        // A file past its budget is not analysed at all, and not cached: it is guarded as unanalysed instead.
        if ('unanalysed' in outcome) this.refuse(entry.ownKey, outcome.unanalysed);
        else fresh.push(this.remember(entry.ownKey, outcome.analysis));
      }
      for (const entry of toCombine) {
        const own = this.known.get(entry.ownKey);
        const bytes = contents.get(entry.hash);
        if (!own || !bytes) continue;
        const combined = this.combine(entry, relocate(this.analysisFor(own.digest, entry.path), entry.path), bytes.toString('utf8'), pass);
        // Content a scanner missed is recorded under a key no lookup asks for: the next build scans it again.
        const key = combined.missedBy?.length ? `${entry.analysisKey}!missed-${combined.missedBy.join(',')}` : entry.analysisKey;
        fresh.push(this.remember(key, combined));
        keys.set(entry, key);
      }
      if (fresh.length) this.ledger.putAnalyses(fresh);
    }
    const kept: SnapshotEntry[] = [];
    for (const entry of listed) {
      const analysisKey = keys.get(entry) ?? entry.analysisKey;
      const known = this.known.get(analysisKey);
      const { language, ownKey, imported, ...stored } = entry;
      if (known) kept.push({ ...stored, analysisKey, ...known });
      else unanalysed.push({ path: entry.path, reason: this.refused.get(entry.ownKey) ?? 'binary', hash: entry.hash });
    }
    kept.sort((a, b) => a.path.localeCompare(b.path));
    const body = canonicalJson({ files: kept });
    const id = createHash('sha256').update(body).digest('hex');
    this.ledger.putSnapshot(id, body);
    const analysed = fresh.length + this.freshlyAnalysed;
    this.freshlyAnalysed = 0;
    unanalysed.sort((a, b) => a.path.localeCompare(b.path));
    const scannerNotes = [...(pass?.notes ?? [])];
    const unscanned = toCombine.filter((entry) => !pass && scannersFor(this.external, entry.language).length > 0);
    if (unscanned.length > 0) {
      for (const scanner of this.external!.scanners) {
        const files = unscanned.filter((entry) => scanner.languages.includes(entry.language.id as never)).map((entry) => entry.path);
        if (files.length > 0) scannerNotes.push({ scanner: scanner.name, files, message: `${scanner.name}: not run on a commit read here; its findings in ${files.length} ${files.length === 1 ? 'file' : 'files'} were not re-checked` });
      }
    }
    const externalTools = [...new Set([...(this.external?.scanners ?? []).map((scanner) => scanner.name), ...listed.flatMap((entry) => (entry.imported ?? []).map((result) => result.tool))])].sort();
    return { snapshot: { files: kept.map((entry) => this.fileState(entry)) }, id, analysed, unanalysed, ignoreRules, scannerNotes, externalSkipped: pass?.skipped ?? [], externalTools };
  }

  /** Loopwarden's analysis of one file with what the scanners (and imported SARIF) said of the same content. */
  private combine(entry: ListedFile, own: FileAnalysis, text: string, pass: ExternalPassResult | undefined): FileAnalysis {
    const expected = scannersFor(this.external, entry.language).map((scanner) => scanner.name);
    const covered = pass?.covered.get(entry.path) ?? [];
    const missed = expected.filter((name) => !covered.includes(name));
    const results = [...(pass?.results.get(entry.path) ?? []).filter((result) => covered.includes(result.tool)), ...(entry.imported ?? [])];
    const tools = [...covered, ...new Set((entry.imported ?? []).map((result) => result.tool))];
    const combined = withExternalResults(own, text, entry.language, results, tools);
    return missed.length > 0 ? { ...combined, missedBy: missed } : combined;
  }

  private analysisFor(digest: string, path: string): FileAnalysis {
    let analysis = this.parsed.get(digest);
    if (!analysis) {
      const text = this.ledger.getAnalysis(digest);
      if (text === undefined) throw new UserError(`${LEDGER_FILE}: the analysis of ${path} (${digest.slice(0, 12)}) is missing or does not match its digest (the ledger was edited); run loopwarden ledger verify`);
      analysis = JSON.parse(text) as FileAnalysis;
      this.parsed.set(digest, analysis);
    }
    return analysis;
  }
}
