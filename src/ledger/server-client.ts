import { z } from 'zod';
import { UserError } from '../errors.js';
import { ChainConflict, RecordsRefused, type ChainHead, type ChainKeeper } from './chain-keeper.js';
import type { Ledger, ServerReviews, VerifyResult } from './ledger.js';
import type { ContentSource } from './mirrored-ledger.js';
import type { LedgerRecord } from './record.js';
import { contentIn } from './snapshot-content.js';

/** Records per push request (the server takes at most 10,000). */
const PUSH_BATCH = 5000;

/** How long one request may take: less than an agent hook's time limit (30 s), so a server that hangs fails the check, not the hook. */
const REQUEST_TIMEOUT_MS = 20_000;
/** A push of thousands of records may take longer. */
const PUSH_TIMEOUT_MS = 300_000;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

// What the server answers is checked before anything reads it: a server that is not ours, or a proxy in
// between, gets a clear error, not a crash deep in the core.
const chainAnswer = z.object({
  records: z.array(z.object({ seq: z.number().int().positive(), kind: z.enum(['iteration', 'review']), recordedAt: z.string(), payload: z.record(z.string(), z.unknown()), prevHash: hex64, hash: hex64 })),
  head: z.object({ seq: z.number().int().positive(), hash: hex64 }).nullable(),
});
const contentAnswer = z.object({ body: z.string(), analyses: z.array(z.object({ digest: hex64, analysis: z.string() })) });

/** Refuses a token with characters no token has (a newline pasted with it), without ever printing it. */
function checkedToken(credentials: string | ServerSession): string | ServerSession {
  if (typeof credentials === 'string' && !/^[\x21-\x7e]*$/.test(credentials)) throw new UserError('the API token holds characters a token never has (a space or a newline pasted with it?)');
  return credentials;
}

/** What pushing a ledger to the team server came to. */
export interface PushResult {
  appended: number;
  alreadyHeld: number;
  /** Records the server holds after the last one pushed: the local ledger lacks them. */
  serverAhead: number;
  snapshots: number;
}

/** A person's session on the team server: the cookie and the CSRF token its writes need. */
export interface ServerSession {
  name: string;
  cookie: string;
  csrfToken: string;
}

/** Who the team server says the token is. */
export interface ServerIdentity {
  kind: 'user' | 'token';
  name: string;
  role: string;
  repositories: string[];
}

/**
 * The team server's API for one repository, authenticated by an API token: the keeper of its chain that a
 * local copy mirrors, and the door through which a reviewer's review is recorded (and attested) by the server.
 */
export class LedgerServerClient implements ChainKeeper, ContentSource, ServerReviews {
  private readonly base: string;
  private readonly origin: string;

  constructor(
    serverUrl: string,
    private readonly repository: string,
    /** An API token, or a person's session. */
    private readonly credentials: string | ServerSession,
  ) {
    checkedToken(credentials);
    let url: URL;
    try {
      url = new URL(serverUrl);
    } catch {
      throw new UserError(`${serverUrl}: not a URL (the team server's address, e.g. https://loopwarden.example.com)`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UserError(`${serverUrl}: the team server is reached over http or https`);
    // Tokens, passwords and the records the gate decides on must not cross a network in clear: plain http is for this machine only.
    if (url.protocol === 'http:' && !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) throw new UserError(`${serverUrl}: use https (plain http is accepted only for a server on this machine: 127.0.0.1, localhost, [::1])`);
    this.origin = `${url.origin}${url.pathname.replace(/\/$/, '')}`;
    this.base = `${this.origin}/api/v1/repos/${encodeURIComponent(repository)}`;
  }

  /** Learns from the server who the credentials are and the repositories they may read (a token is for one). */
  static async identify(serverUrl: string, credentials: string | ServerSession): Promise<ServerIdentity> {
    const client = new LedgerServerClient(serverUrl, '-', credentials);
    return client.call<ServerIdentity>('GET', `${client.origin}/api/v1/me`);
  }

  /** Logs a person in with their account on the server; a UserError when the server refuses. */
  static async login(serverUrl: string, login: { name: string; password: string }): Promise<ServerSession> {
    const client = new LedgerServerClient(serverUrl, '-', '');
    let response: Response;
    try {
      // loopwarden-ignore js-ssrf-built-url: the team server the config names, our own login route
      response = await fetch(`${client.origin}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(login), signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new UserError(`${client.origin}: the team server cannot be reached (${cause?.code ?? cause?.message ?? (error as Error).message}); nothing recorded`);
    }
    const answer = (await response.json().catch(() => ({}))) as { error?: string; csrfToken?: string };
    if (!response.ok || !answer.csrfToken) throw new UserError(`the team server refused the login of ${login.name} (${response.status}): ${answer.error ?? 'no session'}; nothing recorded`);
    const cookie = (response.headers.getSetCookie?.() ?? []).map((line) => line.split(';')[0]).join('; ');
    return { name: login.name, cookie, csrfToken: answer.csrfToken };
  }

  private get headers(): Record<string, string> {
    return typeof this.credentials === 'string' ? { authorization: `Bearer ${this.credentials}` } : { cookie: this.credentials.cookie, 'x-csrf-token': this.credentials.csrfToken };
  }

  private async call<T>(method: string, pathOrUrl: string, body?: unknown, headers: Record<string, string> = this.headers, timeoutMs = REQUEST_TIMEOUT_MS): Promise<T> {
    const target = pathOrUrl.startsWith('http') ? pathOrUrl : `${this.base}${pathOrUrl}`;
    let response: Response;
    try {
      // loopwarden-ignore js-ssrf-built-url: the team server the user named (config ledger.url, --server or LOOPWARDEN_SERVER), paths of our own API
      response = await fetch(target, {
        method,
        headers: { ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const reason = (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : (cause?.code ?? cause?.message ?? (error as Error).message);
      throw new UserError(`${this.origin}: the team server cannot be reached (${reason}); nothing recorded`);
    }
    const text = await response.text();
    if (!response.ok) {
      let message = text;
      try {
        message = (JSON.parse(text) as { error?: string }).error ?? text;
      } catch {
        // not JSON: the text as it came
      }
      const said = `the team server refused (${response.status}): ${message.slice(0, 2000)}`;
      if (response.status === 409) throw new ChainConflict(said);
      if (response.status === 403) throw new RecordsRefused(said);
      throw new UserError(said);
    }
    try {
      return (text ? JSON.parse(text) : undefined) as T;
    } catch {
      throw new UserError(`${this.origin}: the answer to ${method} ${target.slice(this.origin.length)} is not JSON: is this a loopwarden team server?`);
    }
  }

  /** The server's chain for the repository. */
  async records(): Promise<LedgerRecord[]> {
    return (await this.recordsAfter(0)).records;
  }

  async recordsAfter(seq: number): Promise<{ records: LedgerRecord[]; head: ChainHead | undefined }> {
    const answer = chainAnswer.safeParse(await this.call<unknown>('GET', `/records?after=${seq}`));
    if (!answer.success) throw new UserError(`${this.origin}: the answer to GET …/records is not a chain (${answer.error.issues[0]!.path.join('.')}: ${answer.error.issues[0]!.message}): is this a loopwarden team server?`);
    return { records: answer.data.records as unknown as LedgerRecord[], head: answer.data.head ?? undefined };
  }

  async append(record: LedgerRecord): Promise<void> {
    await this.call('POST', '/records', { records: [record] });
  }

  async putContent(snapshotId: string, body: string, analyses: { digest: string; analysis: string }[]): Promise<void> {
    await this.call('POST', '/snapshots', { id: snapshotId, body, analyses });
  }

  async getContent(snapshotId: string): Promise<{ body: string; analyses: { digest: string; analysis: string }[] } | undefined> {
    let answer: unknown;
    try {
      answer = await this.call<unknown>('GET', `/snapshots/${snapshotId}`);
    } catch (error) {
      if (error instanceof UserError && /\(404\)/.test(error.message)) return undefined;
      throw error;
    }
    const content = contentAnswer.safeParse(answer);
    return content.success ? content.data : undefined;
  }

  verify(): Promise<VerifyResult> {
    return this.call<VerifyResult>('GET', '/verify');
  }

  /**
   * Records a review as the person whose session this client holds: the server checks their role and
   * attests the review itself. `expectedHead`: the last iteration the reviewer saw ('stale' when another came since).
   */
  async recordReview(review: { decision: 'approve' | 'reject'; note: string }, expectedHead: string | null): Promise<LedgerRecord | 'stale' | 'nothing'> {
    if (typeof this.credentials === 'string') throw new UserError('a review on the team server is recorded by a reviewer logged in with their account, not with an API token');
    try {
      return await this.call<LedgerRecord>('POST', '/reviews', { decision: review.decision, note: review.note, head: expectedHead });
    } catch (error) {
      if (error instanceof ChainConflict) return /nothing to review/.test(error.message) ? 'nothing' : 'stale';
      throw error;
    }
  }

  /** Ends the person's session on the server (nothing to do for a token). */
  async logout(): Promise<void> {
    if (typeof this.credentials !== 'string') await this.call('DELETE', `${this.origin}/api/v1/session`).catch(() => undefined);
  }

  /**
   * Pushes a local ledger: first the snapshots its iterations name (with their analyses, so the server can
   * verify them), then every record; the server appends what continues its chain and refuses a rewrite.
   * `onProgress` counts what is sent: each snapshot, then the records of each request.
   */
  async push(ledger: Ledger, onProgress?: (done: number, total: number) => void): Promise<PushResult> {
    const records = await ledger.records();
    const snapshotIds = [...new Set(records.flatMap((record) => (record.kind === 'iteration' ? [record.payload.snapshotId] : [])))];
    const work = snapshotIds.length + records.length;
    onProgress?.(0, work);
    for (const [index, snapshotId] of snapshotIds.entries()) {
      const content = contentIn(ledger, snapshotId);
      if (content) await this.putContent(snapshotId, content.body, content.analyses);
      onProgress?.(index + 1, work);
    }
    // The server takes at most 10,000 records a request: a long ledger goes in batches, each continuing the last.
    const total = { appended: 0, alreadyHeld: 0, serverAhead: 0 };
    for (let start = 0; start === 0 || start < records.length; start += PUSH_BATCH) {
      const batch = records.slice(start, start + PUSH_BATCH);
      const result = await this.call<Omit<PushResult, 'snapshots'>>('POST', '/records', { records: batch }, this.headers, PUSH_TIMEOUT_MS);
      total.appended += result.appended;
      total.alreadyHeld += result.alreadyHeld;
      total.serverAhead = result.serverAhead;
      onProgress?.(snapshotIds.length + start + batch.length, work);
    }
    return { ...total, snapshots: snapshotIds.length };
  }

  /** The repository and the server, for messages. */
  get where(): string {
    return `the team server's ledger of ${this.repository} (${this.origin})`;
  }
}
