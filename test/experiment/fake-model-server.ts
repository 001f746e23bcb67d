import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a fake model does with one request: answer text, an HTTP error, a raw body, or nothing at all. */
export type FakeReply = { answer: string } | { status: number; headers?: Record<string, string> } | { raw: string } | { hang: true };

/** One request as the fake server saw it. */
export interface FakeRequest {
  prompt: string;
  model: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

/** A fake model server on loopback (real HTTP) speaking OpenAI's chat completions or Anthropic's messages. */
export interface FakeModelServer {
  /** The base URL a config names (`…/v1` for OpenAI-compatible clients). */
  baseUrl: string;
  /** Every request received, retries included. */
  requests: FakeRequest[];
  /** The prompts answered with a completion (HTTP 200 and a well-formed body), in order. */
  answered: string[];
  close(): Promise<void>;
}

const tokens = (text: string) => Math.ceil(text.length / 4);

/** Starts a fake model server whose replies come from `reply` (given the request and its number, from 0). */
export async function fakeModelServer(format: 'openai' | 'anthropic', reply: (request: FakeRequest, index: number) => FakeReply): Promise<FakeModelServer> {
  const requests: FakeRequest[] = [];
  const answered: string[] = [];
  const hanging = new Set<ServerResponse>();
  const server = createServer((incoming, response) => {
    let text = '';
    incoming.on('data', (chunk) => (text += chunk));
    incoming.on('end', () => {
      const body = JSON.parse(text || '{}') as { model?: string; messages?: { content: string }[] };
      const request: FakeRequest = { prompt: body.messages?.[0]?.content ?? '', model: body.model ?? '', headers: incoming.headers, body: body as Record<string, unknown> };
      const index = requests.push(request) - 1;
      const expectedPath = format === 'openai' ? '/v1/chat/completions' : '/v1/messages';
      if (incoming.url !== expectedPath) {
        response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"no such route"}}');
        return;
      }
      const what = reply(request, index);
      if ('hang' in what) {
        hanging.add(response);
        return;
      }
      if ('raw' in what) {
        response.writeHead(200, { 'content-type': 'application/json' }).end(what.raw);
        return;
      }
      if ('status' in what) {
        const error = format === 'openai' ? { error: { message: `scripted ${what.status}`, type: 'scripted' } } : { type: 'error', error: { type: 'scripted_error', message: `scripted ${what.status}` } };
        response.writeHead(what.status, { 'content-type': 'application/json', ...what.headers }).end(JSON.stringify(error));
        return;
      }
      answered.push(request.prompt);
      const usage = { input: tokens(request.prompt), output: tokens(what.answer) };
      const completion =
        format === 'openai'
          ? { id: `chatcmpl-${index}`, object: 'chat.completion', created: 0, model: request.model, choices: [{ index: 0, message: { role: 'assistant', content: what.answer }, finish_reason: 'stop' }], usage: { prompt_tokens: usage.input, completion_tokens: usage.output, total_tokens: usage.input + usage.output } }
          : { id: `msg_${index}`, type: 'message', role: 'assistant', model: request.model, content: [{ type: 'text', text: what.answer }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: usage.input, output_tokens: usage.output } };
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(completion));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: format === 'openai' ? `http://127.0.0.1:${port}/v1` : `http://127.0.0.1:${port}`,
    requests,
    answered,
    close: () =>
      new Promise((resolve) => {
        for (const response of hanging) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export { startCli } from '../helpers.js';
