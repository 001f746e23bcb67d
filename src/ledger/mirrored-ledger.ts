import { createHash } from 'node:crypto';
import { UserError } from '../errors.js';
import { ChainConflict, type ChainKeeper } from './chain-keeper.js';
import { chainedRecord } from './chain-check.js';
import type { Ledger, NewRecord, ServerReviews, VerifyResult } from './ledger.js';
import type { LedgerRecord } from './record.js';
import type { LocalLedger } from './sqlite-ledger.js';
import { contentIn } from './snapshot-content.js';

/** Appends tried before giving up when other writers keep moving the chain on (the waits between grow to about 2 s). */
const MAX_ATTEMPTS = 30;

type IterationRecord = LedgerRecord & { kind: 'iteration' };

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Whether `text` is a JSON object whose `arrays` are arrays: what a reader of fetched content relies on before anything else. */
function hasShape(text: string, ...arrays: string[]): boolean {
  try {
    const value = JSON.parse(text) as Record<string, unknown> | null;
    return value !== null && typeof value === 'object' && arrays.every((key) => Array.isArray(value[key]));
  } catch {
    return false;
  }
}

/** What the keeper can also hand back: the content its chain names, for a copy that lacks it. */
export interface ContentSource {
  /** The snapshot's body and the analyses it names, or undefined when the keeper does not hold it. */
  getContent(snapshotId: string): Promise<{ body: string; analyses: { digest: string; analysis: string }[] } | undefined>;
}

/**
 * A ledger whose chain is kept elsewhere (the team server) and copied here. Every read brings the copy up
 * to the keeper's head, checking that the keeper's records continue the copy (so the copy witnesses the
 * keeper as the keeper witnesses every copy); every append goes to the keeper first and is copied only once
 * the keeper holds it. Snapshots and analyses stay on this machine, and the ones an iteration names are sent
 * with it.
 */
export class MirroredLedger implements Ledger {
  private readonly sent = new Set<string>();
  readonly serverReviews?: ServerReviews;
  readonly sharedChain = true;
  /**
   * Content fetched from the keeper, held in memory for this process only: written by whoever holds a token,
   * it is never stored beside what this machine computed, so it can never stand in for analysing a file here.
   */
  private readonly fetchedSnapshots = new Map<string, string>();
  private readonly fetchedAnalyses = new Map<string, string>();

  constructor(
    private readonly local: LocalLedger,
    readonly keeper: ChainKeeper & Partial<ContentSource> & Partial<ServerReviews>,
  ) {
    const recordReview = keeper.recordReview?.bind(keeper);
    if (recordReview) {
      // The copy catches up at once: the review is the server's record, and the next check must see it.
      this.serverReviews = {
        where: keeper.where,
        recordReview: async (review, expectedHead) => {
          const outcome = await recordReview(review, expectedHead);
          await this.sync();
          return outcome;
        },
        logout: async () => keeper.logout?.(),
      };
    }
  }

  /** Brings the copy up to the keeper's head and returns the whole history. */
  private async sync(): Promise<LedgerRecord[]> {
    const held = await this.local.records();
    const last = held[held.length - 1];
    const { records, head } = await this.keeper.recordsAfter(last?.seq ?? 0);
    if ((head?.seq ?? 0) < (last?.seq ?? 0)) {
      throw new UserError(
        `${this.keeper.where} holds ${head?.seq ?? 0} records, but the copy here holds ${last!.seq}: records were lost there (restored from an old backup?) or never reached it (run loopwarden ledger push); nothing recorded`,
      );
    }
    if (records.length === 0) {
      if (head && last && head.hash !== last.hash) throw new UserError(`${this.keeper.where}: record ${head.seq} differs from the copy here: one of the two histories was rewritten; nothing recorded`);
      await this.fetchContentFor(held);
      return held;
    }
    const next = records[0]!;
    if (last && next.seq === last.seq + 1 && next.prevHash !== last.hash) {
      throw new UserError(`${this.keeper.where}: its record ${next.seq} does not follow record ${last.seq} of the copy here: one of the two histories was rewritten (at record ${last.seq} or before); nothing recorded`);
    }
    const history = await this.local.adopt(records, this.keeper.where);
    await this.fetchContentFor(history);
    return history;
  }

  /**
   * Copies the snapshots a decision reads and this machine lacks (recorded by a teammate or an agent
   * elsewhere): the last iteration's, and those a baseline may stand on (the first check's, the last
   * approved one's, the last human one's).
   */
  private async fetchContentFor(history: readonly LedgerRecord[]): Promise<void> {
    if (!this.keeper.getContent) return;
    const iterations = history.filter((record): record is IterationRecord => record.kind === 'iteration');
    const wanted = new Set<string>();
    const first = iterations[0];
    if (first) {
      wanted.add(first.payload.snapshotId);
      const baseline = first.payload.baseline;
      if (baseline.kind !== 'empty' && baseline.snapshotId) wanted.add(baseline.snapshotId);
    }
    let lastIteration: IterationRecord | undefined;
    let approved: IterationRecord | undefined;
    let human: IterationRecord | undefined;
    for (const record of history) {
      if (record.kind === 'iteration') {
        lastIteration = record;
        if (record.payload.provenance.actor !== 'ai') human = record;
      } else if (record.payload.decision === 'approve' && lastIteration) approved = lastIteration;
    }
    for (const record of [lastIteration, approved, human]) if (record) wanted.add(record.payload.snapshotId);
    for (const id of wanted) {
      if (this.getSnapshot(id) !== undefined) continue;
      const content = await this.keeper.getContent(id);
      // What is handed over must be what the record names: the snapshot by its id, each analysis by its digest.
      if (!content || sha256(content.body) !== id || !hasShape(content.body, 'files')) continue;
      this.fetchedSnapshots.set(id, content.body);
      for (const { digest, analysis } of content.analyses) {
        if (sha256(analysis) === digest && hasShape(analysis, 'findings', 'suppressed', 'notes')) this.fetchedAnalyses.set(digest, analysis);
      }
    }
  }

  async appendAtomically(decide: (history: LedgerRecord[]) => NewRecord | undefined): Promise<LedgerRecord | undefined> {
    for (let attempt = 1; ; attempt++) {
      const history = await this.sync();
      const next = decide(history);
      if (!next) return undefined;
      const { record } = chainedRecord(history, next);
      if (record.kind === 'iteration') await this.sendContent(record.payload.snapshotId);
      try {
        await this.keeper.append(record);
      } catch (error) {
        // Another writer appended first: decide again on the history as it is now.
        if (error instanceof ChainConflict && attempt < MAX_ATTEMPTS) {
          // Random, growing waits: writers that lost together do not come back together.
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 25 * 2 ** Math.min(attempt, 6)));
          continue;
        }
        if (error instanceof ChainConflict) throw new UserError(`${this.keeper.where}: the chain moved on ${MAX_ATTEMPTS} times while this was recorded; nothing recorded, try again`);
        throw error;
      }
      await this.local.adopt([record], this.keeper.where);
      return record;
    }
  }

  /** Sends a snapshot and its analyses before the record that names it, so the keeper never names content it lacks. */
  private async sendContent(snapshotId: string): Promise<void> {
    if (this.sent.has(snapshotId)) return;
    const content = contentIn(this.local, snapshotId);
    if (!content) return;
    await this.keeper.putContent(snapshotId, content.body, content.analyses);
    this.sent.add(snapshotId);
  }

  records(): Promise<LedgerRecord[]> {
    return this.sync();
  }

  /** The keeper's check of its chain, and this copy's of itself after catching up: both must hold. */
  async verify(): Promise<VerifyResult> {
    const remote = await this.keeper.verify();
    let synced: string | undefined;
    try {
      await this.sync();
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      synced = error.message;
    }
    const local = await this.local.verify();
    // The copy holds only the snapshots it needed: a missing one is not a problem here when the keeper holds it.
    const localProblems = local.problems.filter((problem) => !/its snapshot \w+ is missing|the analysis of .* is missing/.test(problem));
    const problems = [...remote.problems.map((problem) => `${this.keeper.where}: ${problem}`), ...(synced ? [synced] : []), ...localProblems.map((problem) => `the copy here: ${problem}`)];
    return { ok: problems.length === 0, records: remote.records, problems };
  }

  reanchor(): Promise<{ head: { seq: number; hash: string } | undefined; before: { seq: number; hash: string } | undefined }> {
    return this.local.reanchor();
  }

  putSnapshot(id: string, body: string): void {
    this.local.putSnapshot(id, body);
  }

  getSnapshot(id: string): string | undefined {
    return this.local.getSnapshot(id) ?? this.fetchedSnapshots.get(id);
  }

  isForeign(snapshotId: string): boolean {
    return this.local.getSnapshot(snapshotId) === undefined && this.fetchedSnapshots.has(snapshotId);
  }

  putAnalyses(entries: { digest: string; analysis: string }[]): void {
    this.local.putAnalyses(entries);
  }

  getAnalysis(digest: string): string | undefined {
    return this.local.getAnalysis(digest) ?? this.fetchedAnalyses.get(digest);
  }

  close(): void {
    this.local.close();
  }
}
