import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OpenAiProvider } from '../../src/experiment/providers/openai-provider.js';
import { AnthropicProvider } from '../../src/experiment/providers/anthropic-provider.js';

type Handler = (request: { url: string; body: Record<string, unknown>; headers: IncomingMessage['headers'] }, response: ServerResponse) => void;

/** A real HTTP server on loopback that answers each request with the next handler. */
async function scriptedServer(handlers: Handler[]): Promise<{ url: string; seen: Record<string, unknown>[]; close: () => Promise<void> }> {
  const seen: Record<string, unknown>[] = [];
  let next = 0;
  const server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk) => (text += chunk));
    request.on('end', () => {
      const body = JSON.parse(text || '{}') as Record<string, unknown>;
      seen.push({ url: request.url, ...body });
      const handler = handlers[Math.min(next++, handlers.length - 1)]!;
      handler({ url: request.url ?? '', body, headers: request.headers }, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, seen, close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }) };
}

const json = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
};

test('OpenAI-compatible: a 429 with retry-after and a 503 are retried, then the answer and its tokens are read', async () => {
  const server = await scriptedServer([
    (_, response) => json(response, 429, { error: { message: 'slow down' } }, { 'retry-after': '0' }),
    (_, response) => json(response, 503, { error: { message: 'overloaded' } }, { 'retry-after': '0' }),
    (_, response) => json(response, 200, { id: 'x', object: 'chat.completion', created: 0, model: 'llama', choices: [{ index: 0, message: { role: 'assistant', content: '```python\nprint(1)\n```' }, finish_reason: 'stop' }], usage: { prompt_tokens: 12, completion_tokens: 7, total_tokens: 19 } }),
  ]);
  try {
    const provider = new OpenAiProvider({ baseUrl: `${server.url}/v1`, timeoutSeconds: 5, retries: 3 });
    const answer = await provider.complete({ model: 'llama', prompt: 'Improve this', temperature: 0.2, maxTokens: 256, seed: 7 });
    assert.deepEqual(answer, { text: '```python\nprint(1)\n```', inputTokens: 12, outputTokens: 7, stopReason: 'stop' });
    assert.equal(server.seen.length, 3);
    assert.deepEqual(server.seen[2], { url: '/v1/chat/completions', model: 'llama', messages: [{ role: 'user', content: 'Improve this' }], temperature: 0.2, max_tokens: 256, seed: 7 });
  } finally {
    await server.close();
  }
});

test('OpenAI-compatible: a client error is not retried, and retries end', async () => {
  const refusing = await scriptedServer([(_, response) => json(response, 400, { error: { message: 'bad model' } })]);
  const busy = await scriptedServer([(_, response) => json(response, 429, { error: { message: 'slow down' } }, { 'retry-after': '0' })]);
  try {
    await assert.rejects(new OpenAiProvider({ baseUrl: refusing.url, timeoutSeconds: 5, retries: 3 }).complete({ model: 'x', prompt: 'p', temperature: 0, maxTokens: 64 }), /400/);
    assert.equal(refusing.seen.length, 1);
    await assert.rejects(new OpenAiProvider({ baseUrl: busy.url, timeoutSeconds: 5, retries: 2 }).complete({ model: 'x', prompt: 'p', temperature: 0, maxTokens: 64 }), /429/);
    assert.equal(busy.seen.length, 3, 'the first try and two retries');
  } finally {
    await refusing.close();
    await busy.close();
  }
});

test('OpenAI-compatible: a server that does not answer in time fails after its retries', async () => {
  const silent = await scriptedServer([() => undefined]);
  try {
    await assert.rejects(new OpenAiProvider({ baseUrl: silent.url, timeoutSeconds: 0.2, retries: 1 }).complete({ model: 'x', prompt: 'p', temperature: 0, maxTokens: 64 }), /timed out|timeout/i);
    assert.equal(silent.seen.length, 2);
  } finally {
    await silent.close();
  }
});

test('Anthropic: the Messages format, its key header, an overloaded 529 retried, text blocks joined', async () => {
  const server = await scriptedServer([
    (_, response) => json(response, 529, { type: 'error', error: { type: 'overloaded_error', message: 'overloaded' } }, { 'retry-after': '0' }),
    (_, response) =>
      json(response, 200, {
        id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-x', stop_reason: 'end_turn', stop_sequence: null,
        content: [{ type: 'text', text: 'Here:\n```c\nint main(void) {' }, { type: 'text', text: ' return 0; }\n```' }],
        usage: { input_tokens: 30, output_tokens: 11 },
      }),
  ]);
  try {
    const provider = new AnthropicProvider({ baseUrl: server.url, apiKey: 'test-key', timeoutSeconds: 5, retries: 2 });
    const answer = await provider.complete({ model: 'claude-x', prompt: 'Improve this', temperature: 0.2, maxTokens: 512 });
    assert.deepEqual(answer, { text: 'Here:\n```c\nint main(void) { return 0; }\n```', inputTokens: 30, outputTokens: 11, stopReason: 'end_turn' });
    assert.deepEqual(server.seen[1], { url: '/v1/messages', model: 'claude-x', max_tokens: 512, messages: [{ role: 'user', content: 'Improve this' }] });
  } finally {
    await server.close();
  }
});
