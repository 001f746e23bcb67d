import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import type { ProjectSession } from './project-session.js';
import { toolResult, type LoopwardenTool } from './tool.js';
import { checkIterationTool } from './tools/check-iteration.js';
import { diffTool } from './tools/diff.js';
import { explainRuleTool } from './tools/explain-rule.js';
import { scanTool } from './tools/scan.js';
import { statusTool } from './tools/status.js';

/** Every tool the server offers; adding one is adding its file under tools/ and its line here. None approves. */
export const TOOLS: readonly LoopwardenTool[] = [checkIterationTool, scanTool, diffTool, statusTool, explainRuleTool] as readonly LoopwardenTool[];

const INSTRUCTIONS =
  'loopwarden keeps an AI coding loop from making code less secure. After each change, call check_iteration: it records ' +
  'the iteration (always as an AI one) and returns a verdict. On block, fix the open findings (explain_rule says how) and ' +
  'check again; on review-required, stop: only a person can approve, by running `loopwarden review` at a terminal.';

/** Returns an MCP server whose tools work on `session`'s project, one call at a time. */
export function buildMcpServer(session: ProjectSession): McpServer {
  const server = new McpServer({ name: TOOL_NAME, version: TOOL_VERSION }, { instructions: INSTRUCTIONS });
  for (const tool of TOOLS) {
    server.registerTool(
      tool.name,
      { title: tool.title, description: tool.description, inputSchema: tool.input, outputSchema: tool.output, annotations: tool.annotations },
      (input: unknown) => toolResult(() => session.serially(() => tool.run(session, input as never))),
    );
  }
  return server;
}

/** Serves the tools over standard input and output until the client closes its end; resolves then. */
export async function serveStdio(session: ProjectSession): Promise<void> {
  const server = buildMcpServer(session);
  const closed = new Promise<void>((resolve) => {
    server.server.onclose = resolve;
  });
  // The SDK's transport does not notice the end of its input: a client that exits ends the server.
  process.stdin.once('end', () => void server.close());
  await server.connect(new StdioServerTransport());
  await closed;
}
