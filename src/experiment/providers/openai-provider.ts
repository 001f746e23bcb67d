import OpenAI from 'openai';
import { refusalOf, type Completion, type CompletionRequest, type Provider, type ProviderOptions } from './provider.js';

/**
 * Any OpenAI-compatible chat-completions endpoint (OpenAI, llama.cpp, vLLM, Ollama) through the official
 * client, which retries 429 and 5xx answers with backoff and honours `retry-after`.
 */
export class OpenAiProvider implements Provider {
  private readonly client: OpenAI;

  constructor(options: ProviderOptions) {
    // Local servers need no key, but the client insists on one.
    this.client = new OpenAI({ apiKey: options.apiKey ?? 'no-key', baseURL: options.baseUrl ?? null, timeout: options.timeoutSeconds * 1000, maxRetries: options.retries });
  }

  async complete(request: CompletionRequest, signal?: AbortSignal): Promise<Completion> {
    let response;
    try {
      response = await this.client.chat.completions.create(
        {
          model: request.model,
          messages: [{ role: 'user', content: request.prompt }],
          temperature: request.temperature,
          max_tokens: request.maxTokens,
          ...(request.seed !== undefined ? { seed: request.seed } : {}),
        },
        signal ? { signal } : {},
      );
    } catch (error) {
      throw refusalOf(error);
    }
    // A server that answers 200 with something else than a completion is not one: say so, and try again on resume.
    if (!Array.isArray(response?.choices)) throw new Error('the server answered without a chat completion (no choices)');
    const choice = response.choices[0];
    return {
      text: choice?.message?.content ?? '',
      inputTokens: response.usage?.prompt_tokens ?? 0,
      outputTokens: response.usage?.completion_tokens ?? 0,
      stopReason: choice?.finish_reason ?? 'unknown',
    };
  }
}
