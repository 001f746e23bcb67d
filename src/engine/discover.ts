import { existsSync, readFileSync, readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { createRequire } from 'node:module';
import type { Ignore } from 'ignore';
import { UserError } from '../errors.js';
import { gitIgnoresDirectory, listGitFiles, listGitIgnored } from '../io/git-process.js';
import type { LanguageSpec } from '../languages/language.js';
import { languageForFile } from '../languages/registry.js';
import { readFirstLine } from '../io/first-line.js';
import { FileSet, isAlwaysSkippedDirectory, type Exclusion, type FileSetOptions, type SkipReason } from './file-set.js';
import type { FileNote } from './scan-file.js';

/** Options that decide which files a scan reads. */
export type DiscoveryOptions = FileSetOptions & {
  /** Leave out (as `outside-root`) files whose real path, symbolic links followed, is not under this directory. */
  confineTo?: string;
};

export type { SkipReason } from './file-set.js';

/** A file to analyse: where it is, how reports name it, and its language. */
export interface SourceFile {
  absolutePath: string;
  /** Relative to the scan root, with forward slashes. */
  path: string;
  language: LanguageSpec;
}

/** The outcome of listing the scan paths. */
export interface Discovery {
  root: string;
  files: SourceFile[];
  skipped: { path: string; reason: SkipReason }[];
  /** Paths named on the command line that the configuration excludes, with the pattern that did. */
  notes: FileNote[];
}

// Loaded on first use: a scan inside a git work tree lets git read the ignore files.
const require = createRequire(import.meta.url);
let ignoreFactory: ((options?: object) => Ignore) | undefined;
const loadIgnore = () => (ignoreFactory ??= require('ignore') as (options?: object) => Ignore);

/** Returns the directory reports are relative to: the cwd when it contains every path, else their common ancestor. */
export function scanRootFor(paths: string[], cwd: string): string {
  const absolute = paths.map((p) => resolve(cwd, p));
  if (absolute.every((p) => isWithin(p, cwd))) return cwd;
  const directories = absolute.map((p) => (isDirectory(p) ? p : dirname(p)));
  let common = directories[0]!;
  for (const directory of directories) while (!isWithin(directory, common)) common = dirname(common);
  return common;
}

function realPathOf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function isWithin(path: string, directory: string): boolean {
  return path === directory || path.startsWith(directory.endsWith(sep) ? directory : directory + sep);
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Lists the files under `paths` to analyse and those skipped, with reasons; bad paths are UserErrors. Inside
 * a git work tree git lists a directory's files (as `check` and `diff` see them); outside one, a walk
 * honouring .gitignore files does.
 */
export function discoverFiles(paths: string[], cwd: string, options: DiscoveryOptions): Discovery {
  const root = scanRootFor(paths, cwd);
  const fileSet = new FileSet(options);
  const discovery: Discovery = { root, files: [], skipped: [], notes: [] };
  const seen = new Set<string>();
  const reported = new Set<string>();
  const relativePath = (absolute: string) => relative(root, absolute).split(sep).join('/') || '.';
  const skip = (path: string, reason: SkipReason) => {
    // Many files may be left out by one directory: report it once.
    if (!reported.has(`${reason}:${path}`)) discovery.skipped.push({ path, reason });
    reported.add(`${reason}:${path}`);
  };
  const confinedTo = options.confineTo === undefined ? undefined : realpathSync(options.confineTo);
  const take = (absolute: string, path: string, exclusion: Exclusion | undefined) => {
    if (seen.has(absolute)) return;
    seen.add(absolute);
    if (!exclusion && confinedTo !== undefined && !isWithin(realPathOf(absolute), confinedTo)) skip(path, 'outside-root');
    else if (!exclusion) {
      // A name without an extension is a candidate until its first line shows a script of a known language.
      const language = languageForFile(path, () => readFirstLine(absolute));
      if (language) discovery.files.push({ absolutePath: absolute, path, language });
    } else if (!exclusion.silent) skip(exclusion.at, exclusion.reason);
  };

  for (const given of paths) {
    const absolute = resolve(cwd, given);
    if (!existsSync(absolute)) throw new UserError(`${given}: no such file or directory`);
    let stats;
    try {
      stats = statSync(absolute);
    } catch (error) {
      throw new UserError(`${given}: cannot read (${(error as { code?: string }).code ?? 'error'})`);
    }
    if (!stats.isDirectory() && !stats.isFile()) throw new UserError(`${given}: not a regular file or directory`);
    const path = relativePath(absolute);
    const pattern = fileSet.namedPathExclusion(path, stats.isDirectory());
    if (pattern) {
      // Named on purpose: say why nothing was scanned rather than leave a count in the summary.
      skip(path, 'excluded');
      discovery.notes.push({ path, kind: 'excluded-path', message: `named on the command line but excluded by the pattern '${pattern}' (scan.exclude or --exclude); not scanned` });
    } else if (stats.isFile()) take(absolute, path, fileSet.fileExclusion(path, stats.size, true, () => readFirstLine(absolute)));
    else if (!listWithGit(absolute, path)) walkNamedDirectory(absolute);
  }
  discovery.files.sort((a, b) => a.path.localeCompare(b.path));
  return discovery;

  /** Lists a named directory's files with git; returns false outside a work tree, or when git ignores the directory itself. */
  function listWithGit(directory: string, base: string): boolean {
    if (gitIgnoresDirectory(directory) !== false) return false;
    const within = (listed: string) => (base === '.' ? listed : `${base}/${listed}`);
    for (const listed of listGitFiles(directory)) {
      const absolute = join(directory, listed);
      const byPath = fileSet.exclusionOf(within(listed), undefined, base);
      if (byPath) {
        take(absolute, within(listed), byPath);
        continue;
      }
      let stats;
      try {
        stats = statSync(absolute);
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === 'ENOENT' || code === 'ELOOP') continue; // deleted in the work tree, or a link to nothing
        throw new UserError(`${absolute}: cannot read (${code ?? 'error'})`);
      }
      if (stats.isFile()) take(absolute, within(listed), fileSet.exclusionOf(within(listed), stats.size, base));
    }
    for (const listed of listGitIgnored(directory)) {
      const path = within(listed.replace(/\/$/, ''));
      // As in the walk: tool folders are passed over in silence, and what lies in a skipped directory is not counted twice.
      const toolFolder = listed.endsWith('/') && isAlwaysSkippedDirectory(path.slice(path.lastIndexOf('/') + 1));
      if (!toolFolder && !fileSet.enclosingExclusion(path, base)) skip(path, 'gitignored');
    }
    return true;
  }

  function walkNamedDirectory(directory: string): void {
    // A directory named on the command line is scanned even when an enclosing .gitignore ignores it.
    const layers = ancestorGitignores(directory);
    walkDirectory(directory, isIgnored(layers, directory, true) ? withoutRulesIgnoring(layers, directory) : layers, new Set());
  }

  function walkDirectory(directory: string, ignores: IgnoreLayer[], ancestors: Set<string>): void {
    const real = realpathSync(directory);
    if (ancestors.has(real)) {
      throw new UserError(`${directory}: directory loop (a symbolic link leads back to ${real})`);
    }
    const nextAncestors = new Set(ancestors).add(real);
    const layers = withGitignore(directory, ignores);
    let entries: Dirent[];
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch (error) {
      throw new UserError(`${directory}: cannot read directory (${(error as { code?: string }).code ?? 'error'})`);
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const absolute = join(directory, entry.name);
      const path = relativePath(absolute);
      let stats;
      try {
        stats = statSync(absolute);
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === 'ELOOP') throw new UserError(`${absolute}: symbolic link loop`);
        if (code === 'ENOENT') continue; // a dangling symbolic link points at nothing to scan
        throw new UserError(`${absolute}: cannot read (${code ?? 'error'})`);
      }
      const isDir = stats.isDirectory();
      if (isDir && isAlwaysSkippedDirectory(entry.name)) continue;
      if (isIgnored(layers, absolute, isDir)) {
        skip(path, 'gitignored');
        continue;
      }
      if (isDir) {
        const exclusion = fileSet.directoryExclusion(path);
        if (exclusion) skip(exclusion.at, exclusion.reason);
        else walkDirectory(absolute, layers, nextAncestors);
      } else if (stats.isFile()) take(absolute, path, fileSet.fileExclusion(path, stats.size, false));
    }
  }
}

interface IgnoreLayer {
  base: string;
  rules: Ignore;
  /** The .gitignore lines, to rebuild the layer without some of them. */
  lines: string[];
}

/** Drops the ancestor .gitignore lines that ignore `directory` itself, keeping those for its contents. */
function withoutRulesIgnoring(layers: IgnoreLayer[], directory: string): IgnoreLayer[] {
  return layers.map((layer) => {
    const path = `${relative(layer.base, directory).split(sep).join('/')}/`;
    const lines = layer.lines.filter((line) => !loadIgnore()().add(line).ignores(path));
    return { base: layer.base, rules: loadIgnore()().add(lines), lines };
  });
}

function withGitignore(directory: string, layers: IgnoreLayer[]): IgnoreLayer[] {
  const file = join(directory, '.gitignore');
  if (!existsSync(file)) return layers;
  try {
    const lines = readFileSync(file, 'utf8').split(/\r?\n/);
    return [...layers, { base: directory, rules: loadIgnore()().add(lines), lines }];
  } catch {
    return layers;
  }
}

function ancestorGitignores(directory: string): IgnoreLayer[] {
  // .gitignore files between the repository top and the scanned directory apply too.
  const chain: string[] = [];
  let current = dirname(directory);
  while (true) {
    chain.unshift(current);
    if (existsSync(join(current, '.git')) || dirname(current) === current) break;
    current = dirname(current);
  }
  if (!existsSync(join(chain[0]!, '.git'))) return [];
  return chain.reduce<IgnoreLayer[]>((layers, dir) => withGitignore(dir, layers), []);
}

function isIgnored(layers: IgnoreLayer[], absolute: string, isDirectory: boolean): boolean {
  return layers.some((layer) => {
    const path = relative(layer.base, absolute).split(sep).join('/');
    return path !== '' && !path.startsWith('..') && layer.rules.ignores(isDirectory ? `${path}/` : path);
  });
}
