import { resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';

// Only 127.0.0.1: the tools read the project and write its ledger. (The MCP modules load when the command runs.)
const MCP_HTTP_HOST = '127.0.0.1';

interface McpFlags {
  http?: number;
  root?: string;
}

/** Defines `loopwarden mcp`. */
export function mcpCommand(): Command {
  return new Command('mcp')
    .description('serve the checks to coding agents as an MCP server (stdio, or streamable HTTP on 127.0.0.1); no tool approves')
    .option('--http <port>', `serve streamable HTTP on ${MCP_HTTP_HOST}:PORT instead of stdio (0 picks a free port; the URL goes to standard error)`, parsePort)
    .option('--root <dir>', 'the project: the git repository around this directory (default: around the current directory)')
    .action(async (flags: McpFlags) => {
      process.exitCode = await runMcp(flags);
    });
}

function parsePort(value: string): number {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) {
    throw new InvalidArgumentError(`'${value}' is not a port number (0-65535); the server listens on ${MCP_HTTP_HOST} only, no other host`);
  }
  return Number(value);
}

/** Serves MCP until the client disconnects (stdio) or the process is interrupted (HTTP); returns the exit code. */
export async function runMcp(flags: McpFlags, cwd = process.cwd()): Promise<number> {
  const { ProjectSession } = await import('../mcp/project-session.js');
  const session = await ProjectSession.open(resolve(cwd, flags.root ?? '.'));
  try {
    if (flags.http === undefined) {
      await (await import('../mcp/server.js')).serveStdio(session);
      return 0;
    }
    const server = await (await import('../mcp/http.js')).serveHttp(session, flags.http);
    process.stderr.write(`loopwarden mcp: serving ${session.top} at ${server.url}\n`);
    await new Promise<void>((stop) => {
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await server.close();
    return 0;
  } finally {
    session.close();
  }
}
