import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { UserError } from '../errors.js';
import type { ProjectSession } from './project-session.js';
import { buildMcpServer } from './server.js';

/** The only address the HTTP server listens on: the tools read the project and write its ledger. */
export const MCP_HTTP_HOST = '127.0.0.1';

/** The path the MCP endpoint answers on. */
export const MCP_HTTP_PATH = '/mcp';

/** A listening MCP HTTP server: its URL, and how to stop it. */
export interface McpHttpServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the tools over streamable HTTP on 127.0.0.1:`port` (0 picks a free port), stateless: each request is
 * answered by its own MCP server over the one shared project session. Requests naming another host (DNS
 * rebinding) are refused.
 */
export async function serveHttp(session: ProjectSession, port: number): Promise<McpHttpServer> {
  let allowedHosts: string[] = [];
  const http: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32603, message: `internal error: ${(error as Error)?.message ?? String(error)}` }, id: null }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' || error.code === 'EACCES' ? new UserError(`--http ${port}: cannot listen on ${MCP_HTTP_HOST}:${port} (${error.code})`) : error),
    );
    http.listen(port, MCP_HTTP_HOST, () => resolve());
  });
  const bound = (http.address() as AddressInfo).port;
  allowedHosts = [`${MCP_HTTP_HOST}:${bound}`, `localhost:${bound}`];

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (new URL(request.url ?? '/', `http://${MCP_HTTP_HOST}`).pathname !== MCP_HTTP_PATH) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: the MCP endpoint is ${MCP_HTTP_PATH}\n`);
      return;
    }
    if (request.method !== 'POST') {
      // Stateless: no stream to resume and no session to end.
      response.writeHead(405, { allow: 'POST', 'content-type': 'application/json' });
      response.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message: 'method not allowed: POST MCP requests' }, id: null }));
      return;
    }
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true, enableDnsRebindingProtection: true, allowedHosts });
    const server = buildMcpServer(session);
    response.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(request, response);
  }

  return {
    url: `http://${MCP_HTTP_HOST}:${bound}${MCP_HTTP_PATH}`,
    close: () =>
      new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      }),
  };
}
