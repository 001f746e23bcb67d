import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { SEVERITIES } from '../findings/finding.js';
import { readYamlFile } from '../input/yaml-file.js';

/** The config file loopwarden looks for in the scan root. */
export const CONFIG_FILE_NAME = '.loopwarden.yml';

/** Default size above which files are skipped: 1 MiB of source is generated code, not hand-written. */
export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;

const scanSectionSchema = z
  .object({
    rules: z.array(z.string()).default([]),
    include: z.array(z.string()).default([]),
    exclude: z.array(z.string()).default([]),
    maxFileSize: z.number().int().positive().default(DEFAULT_MAX_FILE_SIZE),
    failOn: z.enum([...SEVERITIES, 'none']).default('high'),
  })
  .strict();

/** The schema of `.loopwarden.yml`; sections other than `scan` belong to other commands. */
export const configFileSchema = z.object({ scan: scanSectionSchema.default(scanSectionSchema.parse({})) }).loose();

export type ScanConfig = z.output<typeof scanSectionSchema>;

/** Reads the config file (explicit path, or `.loopwarden.yml` in `directory`), resolving rule dirs against it. */
export function loadScanConfig(directory: string, explicitPath?: string): ScanConfig & { path?: string } {
  const path = explicitPath ? resolve(explicitPath) : join(directory, CONFIG_FILE_NAME);
  if (!existsSync(path)) {
    if (explicitPath) return readYamlFile(path, configFileSchema).scan; // reports the missing file
    return scanSectionSchema.parse({});
  }
  const config = readYamlFile(path, configFileSchema).scan;
  return { ...config, rules: config.rules.map((dir) => resolve(dirname(path), dir)), path };
}
