import { z } from 'zod';
import { BUILTIN_STRATEGIES, type Strategy } from './strategies.js';

// An environment variable's name, never its value: keys are read at run time and never stored.
const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be the name of an environment variable');

const endpoint = {
  model: z.string().min(1),
  /** How reports name this model; defaults to `model` (two endpoints may serve the same model name). */
  label: z.string().min(1).optional(),
  baseUrl: z.url().optional(),
  apiKeyEnv: envName.optional(),
};

const modelSchema = z.discriminatedUnion('provider', [
  /** Any OpenAI-compatible chat-completions endpoint: OpenAI, llama.cpp, vLLM, Ollama, LM Studio. */
  z.object({ provider: z.literal('openai'), ...endpoint }).strict(),
  z.object({ provider: z.literal('anthropic'), ...endpoint }).strict(),
  /** Answers read from a recorded run directory, for exact reproduction. */
  z.object({ provider: z.literal('replay'), model: z.string().min(1), label: z.string().min(1).optional(), from: z.string().min(1) }).strict(),
]);

const strategySchema = z.union([
  z.enum(Object.keys(BUILTIN_STRATEGIES) as [keyof typeof BUILTIN_STRATEGIES, ...(keyof typeof BUILTIN_STRATEGIES)[]]),
  z
    .object({
      name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
      prompt: z.string().refine((prompt) => prompt.includes('{code}'), 'must contain {code}, where the previous iteration\'s code goes'),
    })
    .strict(),
]);

/** Dollars per million tokens, by model name. */
const priceSchema = z.object({ input: z.number().nonnegative(), output: z.number().nonnegative() }).strict();

/** The schema of an experiment config file (`loopwarden experiment run CONFIG`). */
export const experimentConfigSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, dots, dashes and underscores'),
    /** `builtin`, or a directory of baseline programs, one file each. */
    corpus: z.string().min(1).default('builtin'),
    strategies: z.array(strategySchema).min(1).default(['efficiency', 'feature', 'security', 'ambiguous']),
    iterations: z.number().int().min(1).max(200).default(10),
    models: z.array(modelSchema).min(1),
    temperature: z.number().min(0).max(2).default(0.2),
    seed: z.number().int().optional(),
    concurrency: z.number().int().min(1).max(64).default(4),
    maxTokens: z.number().int().min(64).max(200_000).default(4096),
    timeoutSeconds: z.number().positive().max(3600).default(120),
    retries: z.number().int().min(0).max(20).default(5),
    prices: z.record(z.string(), priceSchema).default({}),
    /** The run directory; running the same config again resumes it. Relative to the config file. */
    output: z.string().min(1).optional(),
  })
  .strict()
  .superRefine((config, context) => {
    const names = config.strategies.map((strategy) => (typeof strategy === 'string' ? strategy : strategy.name));
    const twice = names.find((name, index) => names.indexOf(name) !== index);
    if (twice) context.addIssue({ code: 'custom', path: ['strategies'], message: `strategy '${twice}' is listed twice` });
    const labels = config.models.map((model) => model.label ?? model.model);
    const same = labels.find((label, index) => labels.indexOf(label) !== index);
    if (same) context.addIssue({ code: 'custom', path: ['models'], message: `two models are named '${same}': give one a label` });
  });

export type ExperimentConfig = z.output<typeof experimentConfigSchema>;
export type ModelConfig = ExperimentConfig['models'][number];

/** The strategies of a config with their prompt templates. */
export function strategiesOf(config: ExperimentConfig): Strategy[] {
  return config.strategies.map((strategy) => (typeof strategy === 'string' ? { name: strategy, prompt: BUILTIN_STRATEGIES[strategy] } : strategy));
}

/** How reports name a model. */
export function modelLabel(model: ModelConfig): string {
  return model.label ?? model.model;
}
