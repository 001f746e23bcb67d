import { resolve } from 'node:path';
import { UserError } from '../../errors.js';
import { modelLabel, type ExperimentConfig, type ModelConfig } from '../experiment-config.js';
import type { PlannedModel } from '../runner.js';
import { RunStore } from '../run-store.js';
import { AnthropicProvider } from './anthropic-provider.js';
import { OpenAiProvider } from './openai-provider.js';
import { ReplayProvider } from './replay-provider.js';

/** The variables each provider's official client reads its key from, used when the config names none. */
const DEFAULT_KEY_VARIABLES = { openai: 'OPENAI_API_KEY', anthropic: 'ANTHROPIC_API_KEY' } as const;

/** The models of a config, each with its client; `close` releases the recorded runs replays read from. */
export function plannedModels(config: ExperimentConfig, configDir: string, env: Record<string, string | undefined>): { models: PlannedModel[]; close: () => void } {
  const opened: RunStore[] = [];
  const models = config.models.map((model, index): PlannedModel => {
    const label = modelLabel(model);
    const price = config.prices[label] ?? config.prices[model.model];
    const planned = { label, provider: model.provider, model: model.model, ...(price ? { price } : {}) };
    if (model.provider === 'replay') {
      const recorded = RunStore.openRecorded(resolve(configDir, model.from));
      opened.push(recorded);
      return { ...planned, client: new ReplayProvider(recorded, model.model) };
    }
    const options = { ...(model.baseUrl ? { baseUrl: model.baseUrl } : {}), ...keyOf(model, index, env), timeoutSeconds: config.timeoutSeconds, retries: config.retries };
    return { ...planned, client: model.provider === 'openai' ? new OpenAiProvider(options) : new AnthropicProvider(options) };
  });
  return { models, close: () => opened.forEach((store) => store.close()) };
}

function keyOf(model: ModelConfig & { provider: 'openai' | 'anthropic' }, index: number, env: Record<string, string | undefined>): { apiKey?: string } {
  const variable = model.apiKeyEnv ?? DEFAULT_KEY_VARIABLES[model.provider];
  const key = env[variable];
  if (key) return { apiKey: key };
  // A named variable that is not set is a mistake; the default one may be absent for a local server.
  if (model.apiKeyEnv) throw new UserError(`models[${index}].apiKeyEnv: the environment variable ${variable} is not set`);
  if (model.provider === 'anthropic' && !model.baseUrl) throw new UserError(`models[${index}]: Anthropic needs a key: set ${variable}, or name another variable with apiKeyEnv`);
  return {};
}
