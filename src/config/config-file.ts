import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Severity } from '../findings/finding.js';
import { DEFAULT_POLICY, type Policy } from '../policy/policy.js';

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
  const path = explicitPath ? resolve(explicitPath) : join(directory, CONFIG_FILE_NAME);
  if (!explicitPath && !existsSync(path)) return { ...DEFAULTS };
  // The schema and YAML parser load only when there is a file to read: most scans have none.
  const [{ readYamlFile }, { configFileSchema }] = await Promise.all([
    import('../input/yaml-file.js'),
    import('./config-file-schema.js'),
  ]);
  const config = readYamlFile(path, configFileSchema).scan;
  return { ...config, rules: config.rules.map((dir) => resolve(dirname(path), dir)), path };
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
  const [{ readYamlFile }, { configFileSchema }] = await Promise.all([
    import('../input/yaml-file.js'),
    import('./config-file-schema.js'),
  ]);
  const config = readYamlFile(path, configFileSchema);
  return {
    scan: { ...config.scan, rules: config.scan.rules.map((dir) => resolve(dirname(path), dir)), path },
    policy: config.policy as Policy,
    path,
  };
}
