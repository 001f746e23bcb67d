import type { ChainStep } from '../chain-step.js';

/** One request to a model: the whole prompt as one user message, and the run's sampling settings. */
export interface CompletionRequest {
  /** Where in the run the request is: the replay provider answers by it. */
  step?: ChainStep;
  model: string;
  prompt: string;
  /** Honoured by OpenAI-compatible servers; Anthropic's current API sets its own. */
  temperature: number;
  maxTokens: number;
  /** Honoured by OpenAI-compatible servers that support it; Anthropic's API has no seed. */
  seed?: number;
}

/** A model's answer and what it cost in tokens. */
export interface Completion {
  text: string;
  inputTokens: number;
  outputTokens: number;
  /** Why the model stopped (`stop`, `length`, `end_turn`, `max_tokens`…), as the API names it. */
  stopReason: string;
}

/** Where a run's requests go. Retries on 429 and 5xx (honouring `retry-after`) are the provider's part. */
export interface Provider {
  complete(request: CompletionRequest, signal?: AbortSignal): Promise<Completion>;
}

/** How long and how often a provider waits and retries. */
export interface ProviderOptions {
  baseUrl?: string;
  apiKey?: string;
  timeoutSeconds: number;
  retries: number;
}

/**
 * A request the service refused for what it asked (a 4xx other than 408, 409 and 429: a prompt too long for
 * the model, an unknown model): asking again would get the same answer, so the chain records it and goes on.
 */
export class RefusedRequest extends Error {}

/** The error as a RefusedRequest when the service refused the request itself; other errors (network, timeout, overload after retries) as they are. */
export function refusalOf(error: unknown): unknown {
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500 && ![408, 409, 429].includes(status)) return new RefusedRequest((error as Error).message);
  return error;
}
