import Anthropic from '@anthropic-ai/sdk';
import type { Completion, CompletionRequest, Provider, ProviderOptions } from './provider.js';

/**
 * Anthropic's Messages API through the official client (retries 429, 529 and 5xx, honouring `retry-after`).
 * Its current API takes neither a temperature nor a seed: the run records both, and sends neither.
 */
export class AnthropicProvider implements Provider {
  private readonly client: Anthropic;

  constructor(options: ProviderOptions) {
    this.client = new Anthropic({ apiKey: options.apiKey ?? null, ...(options.baseUrl ? { baseURL: options.baseUrl } : {}), timeout: options.timeoutSeconds * 1000, maxRetries: options.retries });
  }

  async complete(request: CompletionRequest, signal?: AbortSignal): Promise<Completion> {
    const message = await this.client.messages.create(
      { model: request.model, max_tokens: request.maxTokens, messages: [{ role: 'user', content: request.prompt }] },
      signal ? { signal } : {},
    );
    const text = message.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('');
    return { text, inputTokens: message.usage.input_tokens, outputTokens: message.usage.output_tokens, stopReason: message.stop_reason ?? 'unknown' };
  }
}
