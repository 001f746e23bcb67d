import { z } from 'zod';
import { SEVERITIES } from '../findings/finding.js';
import { DEFAULT_MAX_FILE_SIZE } from './config-file.js';
import { policySchema } from '../policy/policy-schema.js';

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
export const configFileSchema = z
  .object({
    scan: scanSectionSchema.default(scanSectionSchema.parse({})),
    policy: policySchema.default(policySchema.parse({})),
  })
  .loose();
