import { z } from 'zod';
import { SEVERITIES } from '../findings/finding.js';
import { DEFAULT_MAX_FILE_SIZE } from './config-defaults.js';
import { policySchema } from '../policy/policy-schema.js';
import { scannersSchema } from '../scanners/scanner-settings.js';

const selectors = z.array(z.string().min(1)).default([]);

const scanSectionSchema = z
  .object({
    rules: z.array(z.string()).default([]),
    include: z.array(z.string()).default([]),
    exclude: z.array(z.string()).default([]),
    maxFileSize: z.number().int().positive().default(DEFAULT_MAX_FILE_SIZE),
    failOn: z.enum([...SEVERITIES, 'none']).default('high'),
    /** Rule ids, rule-id prefixes or CWE ids to run (empty: every rule); see src/rules/select.ts. */
    select: selectors,
    /** Rule ids, rule-id prefixes or CWE ids to leave out of what `select` chose. */
    ignore: selectors,
  })
  .strict();

/** Where the chain is kept when a team server keeps it; absent, the ledger is `.loopwarden/ledger.db` alone. */
const ledgerSectionSchema = z
  .object({
    /** The team server's address (http or https). */
    url: z.url({ protocol: /^https?$/, error: 'the team server\'s address, http:// or https://' }),
    /** The environment variable that holds the API token (never the token itself: the file is committed). */
    tokenEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'the name of an environment variable').default('LOOPWARDEN_TOKEN'),
    /** The repository's name on the server; by default the one the token is for. */
    repository: z.string().min(1).max(200).optional(),
  })
  .strict();

/**
 * The schema of `.loopwarden.yml`. Every level is strict, so a misspelt key is an error, not a setting
 * silently ignored. To add a section, add it here with `.prefault({})` (its own schema fills the defaults)
 * and give its defaults in DEFAULT_CONFIG (config-file.ts); the types make the second step compulsory.
 */
export const configFileSchema = z
  .object({
    scan: scanSectionSchema.prefault({}),
    policy: policySchema.prefault({}),
    ledger: ledgerSectionSchema.optional(),
    /** Other tools run at every check and scan, their SARIF read as findings (src/scanners). */
    scanners: scannersSchema,
  })
  .strict();

/** A validated config file, defaults filled in; rule directories are still relative to the file. */
export type ConfigFile = z.output<typeof configFileSchema>;
