// Shared by the warm server and its tiny client: types only, no imports.

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
