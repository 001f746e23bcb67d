import assert from 'node:assert/strict';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/** A tool call's result, its structured content typed loosely for assertions, and its text. */
export interface ToolCall {
  isError: boolean;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

/** Returns a new MCP client (the SDK's own) named for the tests. */
export function testClient(): Client {
  return new Client({ name: 'loopwarden-test', version: '1.0.0' });
}

/**
 * Calls a tool and checks the shape every loopwarden result has: one text block, which for a success is
 * exactly the JSON of `structuredContent` (some clients show only text).
 */
export async function callTool(client: Client, name: string, args: Record<string, unknown> = {}): Promise<ToolCall> {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  assert.equal(result.content.length, 1, `${name}: one content block`);
  const block = result.content[0]!;
  assert.equal(block.type, 'text');
  const text = (block as { text: string }).text;
  if (result.isError) {
    assert.equal(result.structuredContent, undefined);
    return { isError: true, text, json: undefined };
  }
  assert.equal(text, JSON.stringify(result.structuredContent), `${name}: the text is the JSON of structuredContent`);
  return { isError: false, text, json: result.structuredContent };
}
