import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import { UserError } from '../errors.js';
import type { Rule } from '../rules/rule.js';
import { languageForFile } from '../languages/registry.js';
import { firstLineOf, readFirstLine } from '../io/first-line.js';
import { discoverFiles } from '../engine/discover.js';
import { FileSet, type FileSetOptions } from '../engine/file-set.js';
import { sourceText } from '../engine/scan.js';
import { analyzeSource } from '../engine/scan-file.js';
import { summarizeFile, type FileState, type Snapshot } from '../diff/snapshot.js';
import { withExternalResults } from '../scanners/external-findings.js';
import type { ExternalResult } from '../scanners/sarif-read.js';
import { blobId, changedPaths, gitTopLevel, listTree, readBlobs, resolveCommit } from './git.js';

/** The two sides of a `diff`, analysed; paths are relative to `root`. */
export interface ComparedSides {
  before: Snapshot;
  after: Snapshot;
  root: string;
  description: string;
}

/**
 * Other tools' results for one side of a diff (`--import-sarif`, `--import-sarif-before`): given the side's
 * root, its results with paths relative to it.
 */
export type ImportedFor = (sideRoot: string) => ExternalResult[];

function analyzeContent(path: string, bytes: Buffer, rules: Rule[], imported: ExternalResult[] = []): FileState | undefined {
  const language = languageForFile(path, () => firstLineOf(bytes));
  if (!language) return undefined;
  const text = sourceText(path, bytes);
  if (text === 'binary' || text === 'minified') return undefined;
  const own = analyzeSource(path, text, language, rules, { complexity: true });
  const theirs = imported.filter((result) => result.path === path);
  const analysis = theirs.length ? withExternalResults(own, text, language, theirs, [...new Set(theirs.map((result) => result.tool))]) : own;
  const functions = analysis.functions ?? [];
  return { path, hash: blobId(bytes), language: language.id, lines: analysis.lines, summary: summarizeFile(analysis.findings, functions), findings: analysis.findings, suppressed: analysis.suppressed, unusedSuppressions: analysis.unusedSuppressions, functions };
}

function directorySnapshot(directory: string, rules: Rule[], fileSet: FileSetOptions, imported: ExternalResult[]): Snapshot {
  // The files `scan` would read there; `scan.include`/`scan.exclude` match paths relative to the directory.
  const discovery = discoverFiles(['.'], directory, fileSet);
  const files = discovery.files.flatMap((file) => analyzeContent(file.path, readFileSync(file.absolutePath), rules, imported) ?? []);
  return { files };
}

/**
 * Resolves BEFORE and AFTER — two files, two directories, or two git revisions (`WORKTREE` for the
 * uncommitted work tree) — and analyses them. With revisions only the files that differ are analysed.
 * Directories and revisions hold the files `scan` and `check` would read (config include/exclude, size limit).
 */
export function compareSources(beforeArg: string, afterArg: string, cwd: string, rules: Rule[], fileSetOptions: FileSetOptions, imported: { before?: ImportedFor; after?: ImportedFor } = {}): ComparedSides {
  const before = imported.before ?? (() => []);
  const after = imported.after ?? (() => []);
  const beforePath = resolve(cwd, beforeArg);
  const afterPath = resolve(cwd, afterArg);
  if (existsSync(beforePath) && existsSync(afterPath)) {
    const beforeIsDir = statSync(beforePath).isDirectory();
    if (beforeIsDir !== statSync(afterPath).isDirectory()) throw new UserError(`${beforeArg}, ${afterArg}: compare two files or two directories, not one of each`);
    if (beforeIsDir) {
      return { before: directorySnapshot(beforePath, rules, fileSetOptions, before(beforePath)), after: directorySnapshot(afterPath, rules, fileSetOptions, after(afterPath)), root: afterPath, description: `${beforeArg} → ${afterArg}` };
    }
    // Two files are two versions of one file: both sides use the AFTER file's name.
    const name = relative(cwd, afterPath).split(sep).join('/') || basename(afterPath);
    if (!languageForFile(afterPath, () => readFirstLine(afterPath))) throw new UserError(`${afterArg}: not a file of a supported language`);
    const side = (path: string, results: ExternalResult[]) => ({ files: [analyzeContent(name, readFileSync(path), rules, results)].filter((f): f is FileState => f !== undefined) });
    return { before: side(beforePath, before(cwd)), after: side(afterPath, after(cwd)), root: cwd, description: `${beforeArg} → ${afterArg}` };
  }
  const top = gitTopLevel(cwd);
  if (!top) {
    const missing = [beforeArg, afterArg].find((arg) => arg !== 'WORKTREE');
    throw new UserError(missing ? `${missing}: no such file, directory (and not inside a git repository)` : `${beforeArg}: WORKTREE can only be the AFTER side`);
  }
  return compareRevisions(top, beforeArg, afterArg, rules, fileSetOptions, { before: before(top), after: after(top) });
}

/**
 * Analyses two revisions of the repository at `top` (AFTER may be `WORKTREE`, the uncommitted work
 * tree): only the files that differ, those `scan` and `check` would read. Unknown revisions are UserErrors.
 */
export function compareRevisions(top: string, beforeArg: string, afterArg: string, rules: Rule[], fileSetOptions: FileSetOptions, imported: { before?: ExternalResult[]; after?: ExternalResult[] } = {}): ComparedSides {
  const commitOf = (arg: string) => (arg === 'WORKTREE' ? 'WORKTREE' : resolveCommit(top, arg));
  const before = commitOf(beforeArg);
  const after = commitOf(afterArg);
  for (const [arg, resolved] of [[beforeArg, before], [afterArg, after]] as const) {
    if (!resolved) throw new UserError(`${arg}: no such file, directory or git revision`);
  }
  if (before === 'WORKTREE') throw new UserError(`${beforeArg}: WORKTREE can only be the AFTER side`);
  const fileSet = new FileSet(fileSetOptions);
  const paths = changedPaths(top, before!, after!).filter((path) => !fileSet.exclusionOf(path, undefined));
  const revisionSide = (commit: string, results: ExternalResult[] = []): Snapshot => {
    const tree = listTree(top, commit);
    const kept = paths.filter((p) => tree.has(p) && !fileSet.exclusionOf(p, tree.get(p)!.size));
    const blobs = readBlobs(top, kept.map((p) => tree.get(p)!.id));
    return { files: kept.flatMap((p) => analyzeContent(p, blobs.get(tree.get(p)!.id)!, rules, results) ?? []) };
  };
  const worktreeSide = (results: ExternalResult[] = []): Snapshot => ({
    files: paths.flatMap((p) => {
      const absolute = join(top, p);
      if (!existsSync(absolute)) return [];
      const stats = statSync(absolute);
      return stats.isFile() && !fileSet.exclusionOf(p, stats.size) ? (analyzeContent(p, readFileSync(absolute), rules, results) ?? []) : [];
    }),
  });
  return {
    before: revisionSide(before!, imported.before),
    after: after === 'WORKTREE' ? worktreeSide(imported.after) : revisionSide(after!, imported.after),
    root: top,
    description: `${beforeArg} → ${afterArg} (${paths.length} changed file${paths.length === 1 ? '' : 's'})`,
  };
}
