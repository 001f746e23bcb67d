import { existsSync, readFileSync, readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { createRequire } from 'node:module';
import type { Ignore } from 'ignore';
import type picomatchType from 'picomatch';
import { UserError } from '../errors.js';
import type { LanguageSpec } from '../languages/language.js';
import { languageForPath } from '../languages/registry.js';

/** Why a file was left out of a scan; each is counted in every report. */
export type SkipReason = 'gitignored' | 'vendored' | 'excluded' | 'too-large' | 'binary' | 'minified' | 'unsupported';

/** Options that decide which files a scan reads. */
export interface DiscoveryOptions {
  include: string[];
  exclude: string[];
  /** Files larger than this many bytes are skipped. */
  maxFileSize: number;
}

/** A file to analyse: where it is, how reports name it, and its language. */
export interface SourceFile {
  absolutePath: string;
  /** Relative to the scan root, with forward slashes. */
  path: string;
  language: LanguageSpec;
}

/** The outcome of walking the scan paths. */
export interface Discovery {
  root: string;
  files: SourceFile[];
  skipped: { path: string; reason: SkipReason }[];
}

// Loaded on first use: most single-file scans need neither, and both cost start-up time.
const require = createRequire(import.meta.url);
let ignoreFactory: ((options?: object) => Ignore) | undefined;
const loadIgnore = () => (ignoreFactory ??= require('ignore') as (options?: object) => Ignore);
const loadPicomatch = () => require('picomatch') as typeof picomatchType;

const ALWAYS_SKIPPED_DIRECTORIES = new Set(['.git', '.hg', '.svn', 'node_modules', '.loopwarden']);
const VENDORED_DIRECTORIES = new Set(['vendor', 'third_party', 'third-party', 'bower_components', 'external', '.venv', 'venv', 'site-packages', '__pycache__']);
const MINIFIED_NAME = /[.-]min\.(js|mjs|cjs|css)$|\.bundle\.js$/;

/** Returns why a repository-relative path is not analysed (vendored, minified, unsupported), or undefined. */
export function skipReasonForPath(path: string): SkipReason | undefined {
  const parts = path.split('/');
  if (parts.slice(0, -1).some((part) => ALWAYS_SKIPPED_DIRECTORIES.has(part) || VENDORED_DIRECTORIES.has(part))) return 'vendored';
  if (!languageForPath(path)) return 'unsupported';
  if (MINIFIED_NAME.test(path)) return 'minified';
  return undefined;
}

/** Returns the directory reports are relative to: the cwd when it contains every path, else their common ancestor. */
export function scanRootFor(paths: string[], cwd: string): string {
  const absolute = paths.map((p) => resolve(cwd, p));
  const within = (path: string, directory: string) => path === directory || path.startsWith(directory.endsWith(sep) ? directory : directory + sep);
  if (absolute.every((p) => within(p, cwd))) return cwd;
  const directories = absolute.map((p) => (isDirectory(p) ? p : dirname(p)));
  let common = directories[0]!;
  for (const directory of directories) while (!within(directory, common)) common = dirname(common);
  return common;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Walks `paths` and returns the files to analyse and those skipped, with reasons; bad paths are UserErrors. */
export function discoverFiles(paths: string[], cwd: string, options: DiscoveryOptions): Discovery {
  const root = scanRootFor(paths, cwd);
  const includes = options.include.length ? loadPicomatch()(options.include, { dot: true }) : undefined;
  const excludes = options.exclude.length ? loadPicomatch()(options.exclude, { dot: true }) : undefined;
  const discovery: Discovery = { root, files: [], skipped: [] };
  const seen = new Set<string>();

  const relativePath = (absolute: string) => relative(root, absolute).split(sep).join('/') || '.';

  const considerFile = (absolute: string, size: number, explicit: boolean): void => {
    const path = relativePath(absolute);
    if (seen.has(absolute)) return;
    seen.add(absolute);
    const language = languageForPath(absolute);
    if (!language) {
      if (explicit) discovery.skipped.push({ path, reason: 'unsupported' });
      return;
    }
    if (!explicit && includes && !includes(path)) return;
    if (excludes && excludes(path)) return void discovery.skipped.push({ path, reason: 'excluded' });
    if (MINIFIED_NAME.test(absolute)) return void discovery.skipped.push({ path, reason: 'minified' });
    if (size > options.maxFileSize) return void discovery.skipped.push({ path, reason: 'too-large' });
    discovery.files.push({ absolutePath: absolute, path, language });
  };

  const walkDirectory = (directory: string, ignores: IgnoreLayer[], ancestors: Set<string>): void => {
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
      if (isDir && ALWAYS_SKIPPED_DIRECTORIES.has(entry.name)) continue;
      if (isIgnored(layers, absolute, isDir)) {
        discovery.skipped.push({ path, reason: 'gitignored' });
        continue;
      }
      if (isDir && VENDORED_DIRECTORIES.has(entry.name)) {
        discovery.skipped.push({ path, reason: 'vendored' });
        continue;
      }
      if (isDir) {
        if (excludes && (excludes(path) || excludes(`${path}/`))) {
          discovery.skipped.push({ path, reason: 'excluded' });
          continue;
        }
        walkDirectory(absolute, layers, nextAncestors);
      } else if (stats.isFile()) considerFile(absolute, stats.size, false);
    }
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
    if (stats.isDirectory()) {
      // A directory named on the command line is scanned even when an enclosing .gitignore ignores it.
      const layers = ancestorGitignores(absolute);
      walkDirectory(absolute, isIgnored(layers, absolute, true) ? withoutRulesIgnoring(layers, absolute) : layers, new Set());
    }
    else if (stats.isFile()) considerFile(absolute, stats.size, true);
    else throw new UserError(`${given}: not a regular file or directory`);
  }
  discovery.files.sort((a, b) => a.path.localeCompare(b.path));
  return discovery;
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
