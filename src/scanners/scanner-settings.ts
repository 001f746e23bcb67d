import { z } from 'zod';
import { CONFIDENCES, SEVERITIES } from '../findings/finding.js';
import { LANGUAGE_IDS } from '../languages/registry.js';

/** The placeholder replaced by the files a scanner is to look at (a whole argument of its own). */
export const FILES_PLACEHOLDER = '{files}';
/** The placeholder replaced by the repository's top directory (anywhere in an argument). */
export const ROOT_PLACEHOLDER = '{root}';

const severity = z.enum(SEVERITIES);

/** One entry of `scanners:` in `.loopwarden.yml`: another tool run at every check, its SARIF read as findings. */
export const scannerSettingsSchema = z
  .object({
    name: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits and dashes, at most 40 (it prefixes rule ids: flawfinder/FF1030)')
      .refine((name) => name !== 'loopwarden', 'loopwarden is this tool\'s own name'),
    /** The program and its arguments, run without a shell; it prints SARIF 2.1.0 on standard output. */
    command: z
      .array(z.string().min(1).max(4096))
      .min(1)
      .max(200)
      .refine((argv) => !argv[0]!.includes(FILES_PLACEHOLDER), 'the first element is the program, not {files}')
      .refine((argv) => argv.every((arg) => arg === FILES_PLACEHOLDER || !arg.includes(FILES_PLACEHOLDER)), '{files} must be a whole argument of its own'),
    /** Our language ids whose files it looks at. */
    languages: z.array(z.enum(LANGUAGE_IDS)).min(1),
    /** Seconds one invocation may take before it is stopped (and its files are not re-checked this time). */
    timeout: z.number().int().min(1).max(3600).default(60),
    /** Severities of its SARIF levels, where a result has no `security-severity`. */
    severity: z.object({ error: severity, warning: severity, note: severity }).partial().strict().optional(),
    /** The confidence of its results whose rule gives no `precision`. */
    confidence: z.enum(CONFIDENCES).optional(),
    /**
     * The tool's own config files in the repository (`eslint.config.js`, `.semgrep.yml`): guarded like the
     * policy, so an agent that turns a rule off there needs a person, as it would to edit `.loopwarden.yml`.
     */
    configFiles: z.array(z.string().min(1).max(1000)).max(50).default([]),
    /** Environment variables it needs beyond PATH, HOME, USER, LANG, LC_*, TMPDIR and TZ (the rest are not passed). */
    env: z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a variable name')).max(50).default([]),
    /** CWE ids to add to its rules, by the tool's rule id, for tools that name none. */
    cwe: z.record(z.string().min(1).max(200), z.array(z.string().regex(/^CWE-\d+$/, 'CWE-<number>')).min(1)).optional(),
  })
  .strict();

/** A configured external scanner, defaults filled in. */
export type ScannerSettings = z.output<typeof scannerSettingsSchema>;

/** The `scanners:` list: names must be unique, since they prefix rule ids. */
export const scannersSchema = z
  .array(scannerSettingsSchema)
  .max(20)
  .default([])
  .superRefine((list, context) => {
    const seen = new Set<string>();
    list.forEach((scanner, index) => {
      if (seen.has(scanner.name)) context.addIssue({ code: 'custom', path: [index, 'name'], message: `a second scanner named ${scanner.name}` });
      seen.add(scanner.name);
    });
  });
