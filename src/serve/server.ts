import { chmodSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { LEDGER_PATH } from '../iterations/project.js';
import { handleHook } from '../hooks/handle-hook.js';
import { openAgentRepository } from '../hooks/open-agent-repository.js';
import type { AgentRepository } from '../iterations/agent-turn.js';
import { TOOL_VERSION } from '../version.js';
import { projectFingerprint } from './project-fingerprint.js';
import { STATUS_VERSION_MISMATCH, type HookRequest, type HookResponse, type ServerHealth } from './protocol.js';
import { serverInfoPathFor, socketFolderIsPrivate, socketPathFor } from './socket-path.js';
import { UserError } from '../errors.js';

/** How long the warm server waits for the next call before it stops (the default: 15 minutes). */
export const DEFAULT_IDLE_MINUTES = 15;

/** Hook payloads are small; anything bigger is not a hook call. */
const MAX_REQUEST_BYTES = 32 * 1024 * 1024;

/**
 * One warm process per repository: rules, parsers and the ledger stay loaded, so a hook call costs only its
 * own analysis. It is the single writer for agent hooks (calls are answered one at a time), listens on a
 * Unix socket only its user can open, and stops after `idleMinutes` without a call.
 */
export class WarmServer {
  private repository: AgentRepository | undefined;
  private fingerprint = '';
  private queue: Promise<unknown> = Promise.resolve();
  private idleTimer: NodeJS.Timeout | undefined;
  private requests = 0;
  private readonly startedAt = new Date().toISOString();
  private server: Server | undefined;
  readonly socket: string;
  private stopped!: Promise<void>;

  constructor(
    readonly top: string,
    private readonly idleMinutes: number,
  ) {
    this.socket = socketPathFor(top);
  }

  /** Starts listening; resolves false when another live server already answers on the socket. */
  async start(): Promise<boolean> {
    mkdirSync(dirname(this.socket), { recursive: true, mode: 0o700 });
    if (!socketFolderIsPrivate(this.socket)) throw new UserError(`${dirname(this.socket)}: not a private folder of this user (owner or mode); the warm server will not listen there`);
    if (await isAlive(this.socket)) return false;
    rmSync(this.socket, { force: true });
    this.server = createServer((req, res) => void this.route(req, res));
    let resolveStopped!: () => void;
    this.stopped = new Promise((resolve) => (resolveStopped = resolve));
    this.server.on('close', () => resolveStopped());
    // The socket is made with no permissions for others from the start, not chmod-ed after a window.
    const umask = process.umask(0o177);
    try {
      await new Promise<void>((resolve, reject) => {
        this.server!.once('error', reject);
        this.server!.listen(this.socket, () => resolve());
      });
    } finally {
      process.umask(umask);
    }
    chmodSync(this.socket, 0o600);
    writeFileSync(serverInfoPathFor(this.top), `${JSON.stringify({ pid: process.pid, version: TOOL_VERSION, socket: this.socket, startedAt: this.startedAt })}\n`, { mode: 0o600 });
    this.touch();
    return true;
  }

  /** Resolves when the server has stopped. */
  closed(): Promise<void> {
    return this.stopped;
  }

  /** Stops listening, closes the ledger and removes the socket. */
  stop(): void {
    if (!this.server) return;
    clearTimeout(this.idleTimer);
    const server = this.server;
    this.server = undefined;
    server.close();
    server.closeAllConnections();
    rmSync(this.socket, { force: true });
    rmSync(serverInfoPathFor(this.top), { force: true });
    this.repository?.ledger.close();
    this.repository = undefined;
  }

  private touch(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.stop(), this.idleMinutes * 60_000);
    this.idleTimer.unref();
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.touch();
    try {
      if (req.method === 'GET' && req.url === '/health') return reply(res, 200, this.health());
      if (req.method === 'POST' && req.url === '/stop') {
        reply(res, 200, { stopping: true });
        setImmediate(() => this.stop());
        return;
      }
      if (req.method === 'POST' && req.url === '/hook') {
        const body = JSON.parse(await readBody(req)) as HookRequest;
        if (this.steppedDownFor(body.version, res)) return;
        return reply(res, 200, await this.answer(body.agent, body.payload, body.env, body.failClosed === true));
      }
      const raw = req.method === 'POST' ? /^\/hook\/([a-z-]+)$/.exec(req.url ?? '') : null;
      if (raw) return await this.rawHook(raw[1]!, req, res);
      reply(res, 404, { error: `no such route: ${req.method} ${req.url}` });
    } catch (error) {
      reply(res, 400, { error: (error as Error).message });
    }
  }

  /**
   * The shell client's form (bin/loopwarden-hook.sh): the payload is the body, the rest travels in headers,
   * and the answer is the hook's stdout with its exit code and stderr line in headers, so curl alone can relay it.
   */
  private async rawHook(agent: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (this.steppedDownFor(req.headers['x-loopwarden-version'], res)) return;
    const env: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (name.startsWith('x-loopwarden-env-') && typeof value === 'string' && value !== '') env[name.slice('x-loopwarden-env-'.length).toUpperCase()] = value;
    }
    const answer = await this.answer(agent, await readBody(req), env, req.headers['x-loopwarden-fail-closed'] === '1');
    const stderr = (answer.stderr ?? '').replace(/\s+/g, ' ').trim().replace(/[^\x20-\x7e]/g, '?');
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer.stdout), 'x-loopwarden-exit': String(answer.exitCode), ...(stderr ? { 'x-loopwarden-stderr': stderr } : {}) });
    // loopwarden-ignore js-xss-tainted-response: the body is the hook's JSON answer (content-type application/json), relayed by curl to the agent, never rendered as HTML
    res.end(answer.stdout);
  }

  /** A client of another version: answer so, and stop (the client starts a server of its own version). */
  private steppedDownFor(version: unknown, res: ServerResponse): boolean {
    if (version === TOOL_VERSION) return false;
    reply(res, STATUS_VERSION_MISMATCH, { version: TOOL_VERSION });
    setImmediate(() => this.stop());
    return true;
  }

  /** Answers one hook call; one at a time, so each sees the ledger as the one before left it. */
  private async answer(agent: string, payload: string, env: Record<string, string>, failClosed: boolean): Promise<HookResponse> {
    const answer = await this.serially(() => handleHook(agent, payload, { env, repository: () => this.openRepository() }, { failClosed }));
    this.requests++;
    return answer;
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** The open repository, loaded again when its config, rules or ledger file changed since. */
  private async openRepository(): Promise<AgentRepository> {
    const ledgerPath = join(this.top, LEDGER_PATH);
    const now = projectFingerprint(this.top, ledgerPath, this.repository?.config.scan.rules ?? []);
    if (this.repository && now === this.fingerprint) return this.repository;
    this.repository?.ledger.close();
    this.repository = undefined;
    this.repository = await openAgentRepository(this.top);
    // Taken after opening: opening creates the ledger the first time.
    this.fingerprint = projectFingerprint(this.top, ledgerPath, this.repository.config.scan.rules);
    return this.repository;
  }

  private health(): ServerHealth {
    return { version: TOOL_VERSION, pid: process.pid, top: this.top, startedAt: this.startedAt, requests: this.requests };
  }
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) {
        reject(new Error(`request larger than ${MAX_REQUEST_BYTES} bytes`));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Whether a server answers on `socket` (a socket file left by a killed server does not). */
export function isAlive(socket: string): Promise<boolean> {
  if (!existsSync(socket)) return Promise.resolve(false);
  return new Promise((resolve) => {
    const req = request({ socketPath: socket, path: '/health', method: 'GET', timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
    req.end();
  });
}
