/** One request to a model: the whole prompt as one user message, and the run's sampling settings. */
export interface CompletionRequest {
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
