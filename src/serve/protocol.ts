// Shared by the warm server, its tiny client and the hook door: no imports.

/** A hook call forwarded to the warm server. */
export interface HookRequest {
  /** The client's package version: a server of another version steps down and the client starts a new one. */
  version: string;
  agent: string;
  payload: string;
  env: Record<string, string>;
  failClosed: boolean;
}

/** The server's answer: what the hook process prints and exits with. */
export interface HookResponse {
  stdout: string;
  stderr?: string;
  exitCode: number;
}

/** What GET /health answers. */
export interface ServerHealth {
  version: string;
  pid: number;
  top: string;
  startedAt: string;
  requests: number;
}

/** HTTP status of a request from a client of another version: the server is stopping, start a new one. */
export const STATUS_VERSION_MISMATCH = 409;

/** Variables a hook passes on: what shows the agent, its project folder, and loopwarden's own. */
export function hookEnvironment(env: Record<string, string | undefined>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && /^(LOOPWARDEN_|CLAUDE|CURSOR|GEMINI|CODEX_|CLINE_|AIDER_|AI_AGENT$|VSCODE_|TERM_PROGRAM$)/.test(name)) kept[name] = value;
  }
  return kept;
}
