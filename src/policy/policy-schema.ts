import { z } from 'zod';
import { CONFIDENCES, SEVERITIES } from '../findings/finding.js';
import { DEFAULT_POLICY, SCANNER_FAILURE_POLICIES, type Policy } from './policy.js';

const severities = z.array(z.enum(SEVERITIES));

/** The schema of the `policy` section of `.loopwarden.yml`; every field has the study's default. */
export const policySchema = z
  .object({
    chain: z
      .object({
        maxConsecutiveAiIterations: z.number().int().min(0).default(DEFAULT_POLICY.chain.maxConsecutiveAiIterations),
        humanIterationEndsChain: z.boolean().default(DEFAULT_POLICY.chain.humanIterationEndsChain),
      })
      .strict()
      .default(DEFAULT_POLICY.chain),
    findings: z
      .object({
        block: severities.default(DEFAULT_POLICY.findings.block),
        reviewRequired: severities.default(DEFAULT_POLICY.findings.reviewRequired),
        warn: severities.default(DEFAULT_POLICY.findings.warn),
        gateConfidence: z.array(z.enum(CONFIDENCES)).default(DEFAULT_POLICY.findings.gateConfidence),
      })
      .strict()
      .default(DEFAULT_POLICY.findings),
    complexity: z
      .object({
        functionCyclomaticIncrease: z.number().int().min(1).default(DEFAULT_POLICY.complexity.functionCyclomaticIncrease),
        totalIncreasePercent: z.number().min(0).default(DEFAULT_POLICY.complexity.totalIncreasePercent),
        reviewWhenChainAtLeast: z.number().int().min(0).default(DEFAULT_POLICY.complexity.reviewWhenChainAtLeast),
      })
      .strict()
      .default(DEFAULT_POLICY.complexity),
    review: z
      .object({ allowedSigners: z.string().min(1).optional() })
      .strict()
      .default(DEFAULT_POLICY.review),
    scannerFailure: z.enum(SCANNER_FAILURE_POLICIES).default(DEFAULT_POLICY.scannerFailure),
    overrides: z
      .array(
        z
          .object({
            paths: z.array(z.string()).min(1),
            findings: z.object({ block: severities, reviewRequired: severities, warn: severities, gateConfidence: z.array(z.enum(CONFIDENCES)) }).partial().strict().optional(),
            complexity: z.object({ functionCyclomaticIncrease: z.number().int().min(1) }).partial().strict().optional(),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();

/** Parses an already-loaded policy object (from YAML) into a Policy with defaults filled in. */
export function policyFrom(value: unknown): Policy {
  return policySchema.parse(value ?? {}) as Policy;
}
