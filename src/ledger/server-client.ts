import { UserError } from '../errors.js';
import type { Ledger } from './ledger.js';
import type { LedgerRecord } from './record.js';

/** Records per push request (the server takes at most 10,000). */
const PUSH_BATCH = 5000;

/** What pushing a ledger to the team server came to. */
export interface PushResult {
  appended: number;
  alreadyHeld: number;
  /** Records the server holds after the last one pushed: the local ledger lacks them. */
  serverAhead: number;
  snapshots: number;
}

/** The team server's API for one repository, authenticated by an API token. */
export class LedgerServerClient {
  private readonly base: string;

  constructor(
    serverUrl: string,
    private readonly repository: string,
    private readonly token: string,
  ) {
    let url: URL;
    try {
      url = new URL(serverUrl);
    } catch {
      throw new UserError(`${serverUrl}: not a URL (the team server's address, e.g. https://loopwarden.example.com)`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UserError(`${serverUrl}: the team server is reached over http or https`);
    this.base = `${url.origin}${url.pathname.replace(/\/$/, '')}/api/v1/repos/${encodeURIComponent(repository)}`;
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      // loopwarden-ignore js-ssrf-built-url: the team server the user named (--server or LOOPWARDEN_SERVER), paths of our own API
      response = await fetch(`${this.base}${path}`, {
        method,
        headers: { authorization: `Bearer ${this.token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new UserError(`${this.base}: the team server cannot be reached (${cause?.code ?? cause?.message ?? (error as Error).message})`);
    }
    const text = await response.text();
    if (!response.ok) {
      let message = text;
      try {
        message = (JSON.parse(text) as { error?: string }).error ?? text;
      } catch {
        // not JSON: the text as it came
      }
      throw new UserError(`the team server refused (${response.status}): ${message}`);
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** The server's chain for the repository. */
  async records(): Promise<LedgerRecord[]> {
    return (await this.call<{ records: LedgerRecord[] }>('GET', '/records')).records;
  }

  /**
   * Pushes a local ledger: first the snapshots its iterations name (with their analyses, so the server can
   * verify them), then every record; the server appends what continues its chain and refuses a rewrite.
   */
  async push(ledger: Ledger): Promise<PushResult> {
    const records = await ledger.records();
    const sent = new Set<string>();
    for (const record of records) {
      if (record.kind !== 'iteration' || sent.has(record.payload.snapshotId)) continue;
      sent.add(record.payload.snapshotId);
      const body = ledger.getSnapshot(record.payload.snapshotId);
      if (body === undefined) continue;
      const digests = [...new Set((JSON.parse(body) as { files: { digest?: string }[] }).files.flatMap((file) => (file.digest ? [file.digest] : [])))];
      const analyses = digests.flatMap((digest) => {
        const analysis = ledger.getAnalysis(digest);
        return analysis === undefined ? [] : [{ digest, analysis }];
      });
      await this.call('POST', '/snapshots', { id: record.payload.snapshotId, body, analyses });
    }
    // The server takes at most 10,000 records a request: a long ledger goes in batches, each continuing the last.
    const total = { appended: 0, alreadyHeld: 0, serverAhead: 0 };
    for (let start = 0; start === 0 || start < records.length; start += PUSH_BATCH) {
      const result = await this.call<Omit<PushResult, 'snapshots'>>('POST', '/records', { records: records.slice(start, start + PUSH_BATCH) });
      total.appended += result.appended;
      total.alreadyHeld += result.alreadyHeld;
      total.serverAhead = result.serverAhead;
    }
    return { ...total, snapshots: sent.size };
  }

  /** Where this client pushes, for messages. */
  get where(): string {
    return `${this.repository} at ${this.base.slice(0, this.base.indexOf('/api/v1/'))}`;
  }
}
