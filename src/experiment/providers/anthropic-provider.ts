import Anthropic from '@anthropic-ai/sdk';
import { refusalOf, type Completion, type CompletionRequest, type Provider, type ProviderOptions } from './provider.js';

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
    let message;
    try {
      message = await this.client.messages.create(
        { model: request.model, max_tokens: request.maxTokens, messages: [{ role: 'user', content: request.prompt }] },
        signal ? { signal } : {},
      );
    } catch (error) {
      throw refusalOf(error);
    }
    if (!Array.isArray(message?.content)) throw new Error('the server answered without a message (no content)');
    const text = message.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('');
    return { text, inputTokens: message.usage?.input_tokens ?? 0, outputTokens: message.usage?.output_tokens ?? 0, stopReason: message.stop_reason ?? 'unknown' };
  }
}
