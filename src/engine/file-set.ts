import { createRequire } from 'node:module';
import type picomatchType from 'picomatch';
import { languageForFile, languageForPath, mayBeScript } from '../languages/registry.js';

/** Why a file was left out of a scan; each is counted in every report. */
export type SkipReason = 'gitignored' | 'vendored' | 'excluded' | 'too-large' | 'binary' | 'minified' | 'unsupported' | 'outside-root';

/** The settings that decide which files are analysed: `scan.include`, `scan.exclude` and the size limit. */
export interface FileSetOptions {
  include: string[];
  exclude: string[];
  /** Files larger than this many bytes are left out. */
  maxFileSize: number;
}

/** Why a path is not in the file set. */
export interface Exclusion {
  reason: SkipReason;
  /** The path the reason is reported under: the file itself, or the directory that took it out. */
  at: string;
  /** The exclude glob that matched, for reason `excluded`. */
  pattern?: string;
  /** Left out without a word: VCS and tool folders, unsupported languages, files outside `include`. */
  silent: boolean;
}

// Loaded on first use: most single-file scans need no globs, and picomatch costs start-up time.
const require = createRequire(import.meta.url);
const loadPicomatch = () => require('picomatch') as typeof picomatchType;

const ALWAYS_SKIPPED_DIRECTORIES = new Set(['.git', '.hg', '.svn', 'node_modules', '.loopwarden']);
const VENDORED_DIRECTORIES = new Set(['vendor', 'third_party', 'third-party', 'bower_components', 'external', '.venv', 'venv', 'site-packages', '__pycache__']);
const MINIFIED_NAME = /[.-]min\.(js|mjs|cjs|css)$|\.bundle\.js$/;

/** Returns true for a directory name nothing is ever analysed under (VCS data, dependencies, our own folder). */
export function isAlwaysSkippedDirectory(name: string): boolean {
  return ALWAYS_SKIPPED_DIRECTORIES.has(name);
}

/**
 * Which repository paths are analysed. `scan`, `diff` and `check` all ask this, so they see the same
 * files; listing candidates (git or a directory walk) is the caller's part. Paths are relative, with `/`.
 */
export class FileSet {
  private readonly include?: (path: string) => boolean;
  private readonly excludes: { pattern: string; matches: (path: string) => boolean }[];
  private readonly maxFileSize: number;
  private readonly directories = new Map<string, Exclusion | undefined>();

  constructor(options: FileSetOptions) {
    this.maxFileSize = options.maxFileSize;
    const picomatch = options.include.length || options.exclude.length ? loadPicomatch() : undefined;
    this.include = options.include.length ? picomatch!(options.include, { dot: true }) : undefined;
    this.excludes = options.exclude.map((pattern) => ({ pattern, matches: picomatch!(pattern, { dot: true }) }));
  }

  /**
   * Returns why the file at `path` (with `size` bytes) is not analysed, or undefined when it is. Directories
   * are judged only below `base`: a directory the user named is scanned even if it is called `vendor`.
   * Without a size only the path is judged, so callers can pass over most files before reading their size.
   * A name without an extension may be a script: `firstLine` (its `#!` line) decides, and without it the
   * file stays a candidate whose language the caller still has to find (`languageForFile`).
   */
  exclusionOf(path: string, size: number | undefined, base = '', firstLine?: () => string | undefined): Exclusion | undefined {
    return this.enclosingExclusion(path, base) ?? this.fileExclusion(path, size, false, firstLine);
  }

  /** Returns why a directory between `base` and `path` leaves `path` out, or undefined. */
  enclosingExclusion(path: string, base = ''): Exclusion | undefined {
    const parts = path.split('/');
    const skip = base === '' || base === '.' ? 0 : base.split('/').length;
    for (let depth = skip + 1; depth < parts.length; depth++) {
      const exclusion = this.directoryExclusion(parts.slice(0, depth).join('/'));
      if (exclusion) return exclusion;
    }
    return undefined;
  }

  /** Returns why a directory, and everything under it, is not analysed, or undefined. */
  directoryExclusion(path: string): Exclusion | undefined {
    if (this.directories.has(path)) return this.directories.get(path);
    const name = path.slice(path.lastIndexOf('/') + 1);
    let exclusion: Exclusion | undefined;
    if (ALWAYS_SKIPPED_DIRECTORIES.has(name)) exclusion = { reason: 'vendored', at: path, silent: true };
    else if (VENDORED_DIRECTORIES.has(name)) exclusion = { reason: 'vendored', at: path, silent: false };
    else {
      const pattern = this.excludingPattern(path, true);
      if (pattern) exclusion = { reason: 'excluded', at: path, pattern, silent: false };
    }
    this.directories.set(path, exclusion);
    return exclusion;
  }

  /**
   * Returns why a file is not analysed, judged on the file alone. A file the user named (`explicit`) is
   * not held to `include`, and an unsupported language is reported rather than passed over.
   */
  fileExclusion(path: string, size: number | undefined, explicit: boolean, firstLine?: () => string | undefined): Exclusion | undefined {
    const supported = firstLine ? languageForFile(path, firstLine) !== undefined : languageForPath(path) !== undefined || mayBeScript(path);
    if (!supported) return { reason: 'unsupported', at: path, silent: !explicit };
    if (!explicit && this.include && !this.include(path)) return { reason: 'excluded', at: path, silent: true };
    const pattern = this.excludingPattern(path, false);
    if (pattern) return { reason: 'excluded', at: path, pattern, silent: false };
    if (MINIFIED_NAME.test(path)) return { reason: 'minified', at: path, silent: false };
    if (size !== undefined && size > this.maxFileSize) return { reason: 'too-large', at: path, silent: false };
    return undefined;
  }

  /** Returns the exclude glob matching a path named on the command line or one of its directories, or undefined. */
  namedPathExclusion(path: string, isDirectory: boolean): string | undefined {
    if (path === '.' || path === '') return undefined;
    const parts = path.split('/');
    for (let depth = 1; depth <= parts.length; depth++) {
      const pattern = this.excludingPattern(parts.slice(0, depth).join('/'), depth < parts.length || isDirectory);
      if (pattern) return pattern;
    }
    return undefined;
  }

  private excludingPattern(path: string, isDirectory: boolean): string | undefined {
    return this.excludes.find(({ matches }) => matches(path) || (isDirectory && matches(`${path}/`)))?.pattern;
  }
}
