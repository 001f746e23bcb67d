import { z } from 'zod';
import { toolSchema } from './common.js';
import { EXPERIMENT_REPORT_VERSION } from './versions.js';

const count = z.number().int().nonnegative();
const severityCounts = z.object({ critical: count, high: count, medium: count, low: count }).strict();
const change = z
  .object({ baseline: z.number(), after: z.number(), relative: z.number().optional().meta({ description: 'relative change (0.376 = +37.6%); absent when the baseline is 0' }) })
  .strict();
const correlation = z.object({ n: count, pearson: z.number().optional(), spearman: z.number().optional() }).strict().meta({ description: 'coefficients are absent below 3 pairs or without variance' });
const correlations = z.object({ critical: correlation, criticalHigh: correlation, all: correlation }).strict();
const reasonCode = z.enum(['finding-introduced', 'finding-open', 'suppression-by-ai', 'chain-limit', 'function-complexity', 'total-complexity', 'guarded-change', 'review-rejected', 'scanner-failed']);

/** The schema of `loopwarden experiment report --format json` (and the run directory's report.json). */
export const experimentReportSchema = z
  .object({
    schemaVersion: z.literal(EXPERIMENT_REPORT_VERSION),
    tool: toolSchema,
    name: z.string(),
    loopwarden: z.string().meta({ description: 'the loopwarden version that planned the run' }),
    plan: z
      .object({
        iterations: z.number().int().positive(),
        models: z.array(z.object({ label: z.string(), provider: z.string(), model: z.string(), price: z.object({ input: z.number(), output: z.number() }).strict().optional() }).strict()),
        strategies: z.array(z.object({ name: z.string(), prompt: z.string() }).strict()),
        programs: z.array(z.object({ id: z.string(), language: z.string() }).strict()),
        sampling: z.object({ temperature: z.number(), seed: z.number().int().optional(), maxTokens: z.number().int() }).strict(),
      })
      .strict(),
    progress: z.object({ chains: count, complete: count, iterations: count, expected: count }).strict(),
    series: z
      .array(z.object({ model: z.string(), strategy: z.string(), iteration: count, programs: count, findings: severityCounts, complexity: count }).strict())
      .meta({ description: 'one entry per model, strategy and iteration (0 = baseline): findings and cyclomatic complexity summed over the programs' }),
    headline: z.array(z.object({ model: z.string(), strategy: z.string(), iteration: count, programs: count, critical: change, high: change, all: change, complexity: change }).strict()),
    headlineIteration: count,
    introducedClasses: z.array(z.object({ cwe: z.string(), model: z.string(), strategy: z.string(), introduced: count, rules: z.array(z.string()) }).strict()),
    correlation: z.object({ levels: correlations, changes: correlations }).strict(),
    policy: z.array(
      z
        .object({
          model: z.string(),
          strategy: z.string(),
          chains: count,
          stopped: count,
          firstStops: z.record(z.string(), count).meta({ description: 'chains by the iteration of their first stop' }),
          reasons: z.record(z.string(), count),
          introduced: count,
          caught: count,
          unseenAtEnd: count,
        })
        .strict(),
    ),
    chains: z.array(
      z
        .object({
          model: z.string(),
          strategy: z.string(),
          program: z.string(),
          stops: z.array(z.object({ iteration: count, level: z.enum(['review-required', 'block']), reasons: z.array(reasonCode), open: count }).strict()),
          introduced: count,
          caught: count,
          unseenAtEnd: count,
        })
        .strict(),
    ),
    calls: z.array(
      z
        .object({ model: z.string(), calls: count, answered: count, failed: count, inputTokens: count, outputTokens: count, costUsd: z.number().nonnegative(), kept: z.record(z.string(), count) })
        .strict(),
    ),
  })
  .strict()
  .meta({ title: 'loopwarden experiment report --format json', description: "An experiment run's measures: series per model, strategy and iteration, the change after five iterations, classes introduced, complexity correlation, what the policy would have done, calls." });

export type ExperimentReportJson = z.infer<typeof experimentReportSchema>;
