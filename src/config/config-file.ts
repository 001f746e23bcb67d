import { createHash } from 'node:crypto';
import { existsSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { UserError } from '../errors.js';
import { readRegularFile } from '../input/regular-file.js';
import { DEFAULT_POLICY, type Policy } from '../policy/policy.js';
import { TOOL_VERSION } from '../version.js';
import { DEFAULT_MAX_FILE_SIZE } from './config-defaults.js';
import type { ConfigFile } from './config-file-schema.js';
import { findConfigFile, repositoryTopFor } from './config-lookup.js';

export { DEFAULT_MAX_FILE_SIZE } from './config-defaults.js';

/** The `scan` section of the config file, rule directories resolved, with the file it came from. */
export type ScanConfig = ConfigFile['scan'] & {
  /** The config file read, if any. */
  path?: string;
};

/** The whole project configuration: every section of the config file and the file it came from. */
export type ProjectConfig = Omit<ConfigFile, 'scan' | 'policy'> & { scan: ScanConfig; policy: Policy; path?: string };

// What a project without a config file gets. Typed by the schema, so a new section cannot be forgotten here.
const DEFAULT_CONFIG: ConfigFile = {
  scan: { rules: [], include: [], exclude: [], maxFileSize: DEFAULT_MAX_FILE_SIZE, failOn: 'high', select: [], ignore: [] },
  policy: DEFAULT_POLICY,
  scanners: [],
};

/** Where to look for the config: `--config FILE` wins; else the nearest file from `start` up to `top`. */
export interface ConfigLocation {
  /** The directory the search starts in: the scan root, or the working directory. */
  start: string;
  /** The repository top, where the search stops; found from `.git` when not given. */
  top?: string;
  explicitPath?: string;
  /** Parse the file even when a cached copy exists (the cache is not trusted where nothing witnesses it). */
  fresh?: boolean;
}

/** Reads the `scan` section of the config file found from `location`. */
export async function loadScanConfig(location: ConfigLocation): Promise<ScanConfig> {
  return (await loadProjectConfig(location)).scan;
}

/**
 * Reads the config file found from `location` (all sections, defaults filled in); no file means the
 * defaults. A config file that is there in any form but cannot be read (a dangling link, a FIFO, too
 * large) is a UserError, never the defaults: the gate fails closed.
 */
export async function loadProjectConfig(location: ConfigLocation): Promise<ProjectConfig> {
  const repositoryTop = location.top ?? repositoryTopFor(location.start);
  const top = repositoryTop ?? location.start;
  const path = location.explicitPath ? resolve(location.explicitPath) : findConfigFile(location.start, top);
  if (!path) return withPath(structuredClone(DEFAULT_CONFIG), undefined);
  const { bytes, text } = readRegularFile(path, 'config file');
  const sourceHash = createHash('sha256').update(bytes).digest('hex');
  const config = (location.fresh ? undefined : readConfigCache(top, path, sourceHash)) ?? (await parseConfig(path, text));
  // Outside a repository the config's own directory is the boundary its rule directories must stay in.
  const withRules = withPath(config, path, repositoryTop ?? dirname(path));
  writeConfigCache(top, path, sourceHash, config);
  return withRules;
}

async function parseConfig(path: string, text: string): Promise<ConfigFile> {
  const [{ parseYamlText }, { configFileSchema }] = await Promise.all([import('../input/yaml-file.js'), import('./config-file-schema.js')]);
  return parseYamlText(path, text, configFileSchema);
}

function withPath(config: ConfigFile, path: string | undefined, boundary?: string): ProjectConfig {
  if (!path) return { ...config, policy: config.policy as Policy };
  const rules = config.scan.rules.map((dir) => ruleDirectoryWithin(path, dir, boundary ?? dirname(path)));
  return { ...config, scan: { ...config.scan, rules, path }, policy: config.policy as Policy, path };
}

/**
 * Returns `dir` (relative to the config file) resolved, after checking that its real path lies inside
 * `boundary`: a config file in a repository must not make loopwarden read rules from anywhere on disk
 * (`--rules` on the command line may name any directory).
 */
function ruleDirectoryWithin(configPath: string, dir: string, boundary: string): string {
  const resolved = resolve(dirname(configPath), dir);
  let real: string;
  try {
    real = realpathSync(resolved);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const reason = code === 'ENOENT' ? 'does not exist' : code === 'ELOOP' ? 'is a symbolic link loop' : `cannot be read (${code ?? 'unknown error'})`;
    throw new UserError(`${configPath}: field 'scan.rules': '${dir}'${shownIfOther(resolved, dir)} ${reason}`);
  }
  const inside = relative(realpathSync(boundary), real);
  if (inside.startsWith('..') || isAbsolute(inside)) {
    throw new UserError(`${configPath}: field 'scan.rules': '${dir}'${shownIfOther(real, dir)} lies outside the repository ${boundary}; name such a directory with --rules on the command line`);
  }
  return resolved;
}

const shownIfOther = (path: string, dir: string) => (path === dir ? '' : ` (${path})`);

interface ConfigCache {
  version: string;
  schema: string;
  source: string;
  sourceHash: string;
  config: ConfigFile;
}

// Parsing YAML and validating with zod costs ~100 ms at start-up; `check` runs after every AI edit. A
// validated copy is kept in the repository's .loopwarden/ folder, keyed by the config file's path and content.
function cachePath(top: string): string {
  return join(top, '.loopwarden', 'config.cache.json');
}

// The cache holds the schema's output (defaults filled in), so a copy made by another build of the schema
// — a key added, a default changed, a key no longer accepted — must not be served. The tool version alone
// does not change between builds; the size and time of the modules that define the schema do.
const SCHEMA_MODULES = ['./config-file-schema.js', './config-defaults.js', '../policy/policy-schema.js', '../policy/policy.js'];

function schemaStamp(): string {
  return SCHEMA_MODULES.map((module) => {
    const stats = statSync(new URL(module, import.meta.url));
    return `${stats.size}:${stats.mtimeMs}`;
  }).join(',');
}

function readConfigCache(top: string, path: string, sourceHash: string): ConfigFile | undefined {
  try {
    // Read like the config itself: a FIFO or a device put in the cache's place must not hang the check.
    const cache = JSON.parse(readRegularFile(cachePath(top), 'config cache', 16 * 1024 * 1024).text) as ConfigCache;
    const current = cache.version === TOOL_VERSION && cache.schema === schemaStamp() && cache.source === path && cache.sourceHash === sourceHash;
    return current ? cache.config : undefined;
  } catch {
    return undefined;
  }
}

function writeConfigCache(top: string, path: string, sourceHash: string, config: ConfigFile): void {
  if (!existsSync(join(top, '.loopwarden'))) return;
  try {
    const cache: ConfigCache = { version: TOOL_VERSION, schema: schemaStamp(), source: path, sourceHash, config };
    writeFileSync(cachePath(top), JSON.stringify(cache));
  } catch {
    // A cache that cannot be written only costs time.
  }
}
