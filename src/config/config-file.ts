import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Severity } from '../findings/finding.js';
import { DEFAULT_POLICY, type Policy } from '../policy/policy.js';
import { TOOL_VERSION } from '../version.js';

/** The config file loopwarden looks for in the scan root. */
export const CONFIG_FILE_NAME = '.loopwarden.yml';

/** Default size above which files are skipped: 1 MiB of source is generated code, not hand-written. */
export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;

/** The `scan` section of `.loopwarden.yml`. */
export interface ScanConfig {
  /** Extra rule directories, resolved against the config file's directory. */
  rules: string[];
  include: string[];
  exclude: string[];
  maxFileSize: number;
  failOn: Severity | 'none';
  /** The config file read, if any. */
  path?: string;
}

const DEFAULTS: ScanConfig = { rules: [], include: [], exclude: [], maxFileSize: DEFAULT_MAX_FILE_SIZE, failOn: 'high' };

/** Reads the config file (explicit path, or `.loopwarden.yml` in `directory`), resolving rule dirs against it. */
export async function loadScanConfig(directory: string, explicitPath?: string): Promise<ScanConfig> {
  return (await loadProjectConfig(directory, explicitPath)).scan;
}

/** The whole project configuration: scan settings and the iteration policy. */
export interface ProjectConfig {
  scan: ScanConfig;
  policy: Policy;
  path?: string;
}

/** Reads `.loopwarden.yml` (scan and policy sections); a missing file means the defaults. */
export async function loadProjectConfig(directory: string, explicitPath?: string): Promise<ProjectConfig> {
  const path = explicitPath ? resolve(explicitPath) : join(directory, CONFIG_FILE_NAME);
  if (!explicitPath && !existsSync(path)) return { scan: { ...DEFAULTS }, policy: structuredClone(DEFAULT_POLICY) };
  const cached = readConfigCache(directory, path);
  if (cached) return { scan: { ...cached.scan, rules: cached.scan.rules.map((dir) => resolve(dirname(path), dir)), path }, policy: cached.policy, path };
  const [{ readYamlFile }, { configFileSchema }] = await Promise.all([
    import('../input/yaml-file.js'),
    import('./config-file-schema.js'),
  ]);
  const config = readYamlFile(path, configFileSchema);
  writeConfigCache(directory, path, config);
  return {
    scan: { ...config.scan, rules: config.scan.rules.map((dir) => resolve(dirname(path), dir)), path },
    policy: config.policy as Policy,
    path,
  };
}

interface ConfigCache {
  version: string;
  schema: string;
  source: string;
  sourceHash: string;
  config: { scan: Omit<ScanConfig, 'path'>; policy: Policy };
}

// Parsing YAML and validating with zod costs ~100 ms at start-up; `check` runs after every AI edit. A
// validated copy is kept in the repository's .loopwarden/ folder, keyed by the config file's content.
function cachePath(directory: string): string {
  return join(directory, '.loopwarden', 'config.cache.json');
}

function hashOf(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

// The cache holds the schema's output (defaults filled in), so a copy made by another build of the schema
// — a key added, a default changed, a key no longer accepted — must not be served. The tool version alone
// does not change between builds; the size and time of the modules that define the schema do.
const SCHEMA_MODULES = ['./config-file-schema.js', '../policy/policy-schema.js', '../policy/policy.js'];

function schemaStamp(): string {
  return SCHEMA_MODULES.map((module) => {
    const stats = statSync(new URL(module, import.meta.url));
    return `${stats.size}:${stats.mtimeMs}`;
  }).join(',');
}

function readConfigCache(directory: string, path: string): ConfigCache['config'] | undefined {
  try {
    const cache = JSON.parse(readFileSync(cachePath(directory), 'utf8')) as ConfigCache;
    const current = cache.version === TOOL_VERSION && cache.schema === schemaStamp() && cache.source === path && cache.sourceHash === hashOf(path);
    return current ? cache.config : undefined;
  } catch {
    return undefined;
  }
}

function writeConfigCache(directory: string, path: string, config: { scan: Omit<ScanConfig, 'path'>; policy: unknown }): void {
  if (!existsSync(join(directory, '.loopwarden'))) return;
  try {
    const cache: ConfigCache = { version: TOOL_VERSION, schema: schemaStamp(), source: path, sourceHash: hashOf(path), config: config as ConfigCache['config'] };
    writeFileSync(cachePath(directory), JSON.stringify(cache));
  } catch {
    // A cache that cannot be written only costs time.
  }
}
