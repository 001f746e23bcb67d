import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
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

/** Reads the config file found from `location` (all sections, defaults filled in); no file means the defaults. */
export async function loadProjectConfig(location: ConfigLocation): Promise<ProjectConfig> {
  const top = location.top ?? repositoryTopFor(location.start) ?? location.start;
  const path = location.explicitPath ? resolve(location.explicitPath) : findConfigFile(location.start, top);
  if (!path) return withPath(structuredClone(DEFAULT_CONFIG), undefined);
  const cached = location.fresh ? undefined : readConfigCache(top, path);
  if (cached) return withPath(cached, path);
  const [{ readYamlFile }, { configFileSchema }] = await Promise.all([
    import('../input/yaml-file.js'),
    import('./config-file-schema.js'),
  ]);
  const config = readYamlFile(path, configFileSchema);
  writeConfigCache(top, path, config);
  return withPath(config, path);
}

function withPath(config: ConfigFile, path: string | undefined): ProjectConfig {
  if (!path) return { ...config, policy: config.policy as Policy };
  const rules = config.scan.rules.map((dir) => resolve(dirname(path), dir));
  return { ...config, scan: { ...config.scan, rules, path }, policy: config.policy as Policy, path };
}

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

function hashOf(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
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

function readConfigCache(top: string, path: string): ConfigFile | undefined {
  try {
    const cache = JSON.parse(readFileSync(cachePath(top), 'utf8')) as ConfigCache;
    const current = cache.version === TOOL_VERSION && cache.schema === schemaStamp() && cache.source === path && cache.sourceHash === hashOf(path);
    return current ? cache.config : undefined;
  } catch {
    return undefined;
  }
}

function writeConfigCache(top: string, path: string, config: ConfigFile): void {
  if (!existsSync(join(top, '.loopwarden'))) return;
  try {
    const cache: ConfigCache = { version: TOOL_VERSION, schema: schemaStamp(), source: path, sourceHash: hashOf(path), config };
    writeFileSync(cachePath(top), JSON.stringify(cache));
  } catch {
    // A cache that cannot be written only costs time.
  }
}
