import { createHash } from 'node:crypto';
import { Kysely, Migrator, PostgresDialect, sql, type Generated, type Migration, type MigrationProvider } from 'kysely';
import pg from 'pg';
import { UserError } from '../errors.js';
import { canonicalJson } from './canonical-json.js';
import { chainProblems, chainedRecord, isCanonical, toRecord, type RecordRow } from './chain-check.js';
import type { NewRecord, VerifyResult } from './ledger.js';
import type { IterationPayload, LedgerRecord } from './record.js';
import { ChainConflict, RecordsRefused, type ChainHead, type ChainKeeper } from './chain-keeper.js';
import type { ContentSource } from './mirrored-ledger.js';
import { analysisDigestsOf } from './snapshot-content.js';
import { APP_ROLE, POSTGRES_MIGRATIONS, appRoleExists } from './postgres-migrations.js';
import { INSIGHT_MIGRATIONS } from './insights/insight-migrations.js';
import { catchUpFacts, recordFacts } from './insights/facts-store.js';
import type { InsightTables } from './insights/insight-tables.js';

/** The tables of the server's database that the ledger reads and writes. */
export interface LedgerTables {
  repositories: { id: Generated<string>; name: string; created_at: Generated<Date> };
  ledger_records: { repository_id: string; seq: number; kind: string; recorded_at: string; payload: string; prev_hash: string; hash: string; received_at: Generated<Date> };
  snapshots: { id: string; body: string };
  analyses: { digest: string; analysis: string };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** What continuing a chain with records made elsewhere (a local ledger pushed to the server) came to. */
export interface ContinueResult {
  /** Records the server did not hold, now appended. */
  appended: number;
  /** Records the server already held, identical. */
  alreadyHeld: number;
  /** Records the server holds beyond the last one sent: the sender's copy lacks them (truncated or rolled back). */
  serverAhead: number;
}

/** Opens the server's database (running its migrations first, under Kysely's advisory lock) and its ledgers. */
export async function openPostgresLedgers(connectionString: string, options: { maxConnections?: number; migrations?: Record<string, Migration> } = {}): Promise<PostgresLedgers> {
  const migrating = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString, max: 1 }) }) });
  try {
    // Migrations of the layers that keep their tables in the same database (the server's accounts) run after the ledger's.
    const provider: MigrationProvider = { getMigrations: async () => ({ ...POSTGRES_MIGRATIONS, ...INSIGHT_MIGRATIONS, ...options.migrations }) };
    const { error } = await new Migrator({ db: migrating, provider }).migrateToLatest();
    if (error) throw new UserError(`${redact(connectionString)}: cannot migrate the database (${(error as Error).message ?? error})`);
    const asAppRole = await appRoleExists(migrating);
    const pool = new pg.Pool({ connectionString, max: options.maxConnections ?? 10 });
    // Every connection acts as the application role: no UPDATE or DELETE on the ledger, whatever the code asks.
    if (asAppRole) pool.on('connect', (client) => void client.query(`SET ROLE ${APP_ROLE}`));
    return new PostgresLedgers(new Kysely<LedgerTables>({ dialect: new PostgresDialect({ pool }) }), asAppRole);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`${redact(connectionString)}: cannot open the database (${(error as Error).message})`);
  } finally {
    await migrating.destroy();
  }
}

/** A connection string without its password, for messages. */
export function redact(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    if (url.password) url.password = '***';
    for (const key of [...url.searchParams.keys()]) if (/pass|key|secret|token/i.test(key)) url.searchParams.set(key, '***');
    return url.toString();
  } catch {
    return 'the database';
  }
}

/** Every repository's ledger in one PostgreSQL database. */
export class PostgresLedgers {
  constructor(
    readonly db: Kysely<LedgerTables>,
    /** Whether queries run as the append-only application role. */
    readonly appendOnlyRole: boolean,
  ) {}

  /** The ledger of the repository named `name`, created when it is new. */
  async repository(name: string): Promise<RepositoryLedger> {
    await this.db.insertInto('repositories').values({ name }).onConflict((conflict) => conflict.column('name').doNothing()).execute();
    const row = await this.db.selectFrom('repositories').select(['id', 'created_at']).where('name', '=', name).executeTakeFirstOrThrow();
    return new RepositoryLedger(this.db, String(row.id), name, row.created_at);
  }

  /** The database with the insight projection's tables: what the dashboard's queries read. */
  get insights(): Kysely<LedgerTables & InsightTables> {
    return this.db.withTables<InsightTables>();
  }

  /** The names of the repositories with a ledger here. */
  async repositoryNames(): Promise<string[]> {
    return (await this.db.selectFrom('repositories').select('name').orderBy('name').execute()).map((row) => row.name);
  }

  /**
   * Writes the insight facts of every record appended before the projection existed (each append catches its
   * own repository up too; this does all of them at once, at the server's start). Returns how many records.
   */
  async catchUpInsights(): Promise<number> {
    let projected = 0;
    for (const row of await this.db.selectFrom('repositories').select(['id', 'name', 'created_at']).orderBy('id').execute()) {
      const ledger = new RepositoryLedger(this.db, String(row.id), row.name, row.created_at);
      projected += await ledger.catchUpInsights();
    }
    return projected;
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}

/** One repository's hash-chained ledger on the server; appends are serialised per repository by an advisory lock. */
export class RepositoryLedger {
  constructor(
    private readonly db: Kysely<LedgerTables>,
    readonly id: string,
    readonly name: string,
    /** When the server first heard of the repository: with the id, it tells one database's repository from another's. */
    readonly createdAt?: Date,
  ) {}

  private rowsIn(db: Kysely<LedgerTables>): Promise<RecordRow[]> {
    return db.selectFrom('ledger_records').select(['seq', 'kind', 'recorded_at', 'payload', 'prev_hash', 'hash']).where('repository_id', '=', this.id).orderBy('seq').execute();
  }

  private async lock(db: Kysely<LedgerTables>): Promise<void> {
    // Held until the transaction ends: appenders to one repository take turns, other repositories do not wait.
    await sql`SELECT pg_advisory_xact_lock(hashtext('loopwarden-ledger'), ${Number(this.id)}::int)`.execute(db);
  }

  /** Reads the history and appends what `decide` returns, atomically; refuses to build on a broken chain. */
  async appendAtomically(decide: (history: LedgerRecord[]) => NewRecord | undefined | Promise<NewRecord | undefined>): Promise<LedgerRecord | undefined> {
    return this.db.transaction().execute(async (trx) => {
      await this.lock(trx);
      const rows = await this.rowsIn(trx);
      const broken = chainProblems(rows)[0];
      if (broken) throw new UserError(`the ledger of ${this.name}: ${broken}; nothing recorded`);
      const history = rows.map(toRecord);
      const next = await decide(history);
      if (!next) return undefined;
      const { row, record } = chainedRecord(history, next);
      await trx.insertInto('ledger_records').values({ repository_id: this.id, ...row }).execute();
      await recordFacts(trx.withTables<InsightTables>(), this.id, [record]);
      return record;
    });
  }

  /**
   * Continues the chain with records made elsewhere, each checked: it must hash to what it says and follow
   * the one before it. A record the server holds already must be identical (else the history was rewritten);
   * records past the server's head are appended. Nothing is appended unless every record is sound.
   */
  async continueWith(
    records: readonly LedgerRecord[],
    refuse: (fresh: readonly LedgerRecord[]) => string | undefined = () => undefined,
    /**
     * Why the records not held yet cannot be appended (a snapshot they name is missing), or undefined. It reads
     * through `db`, the transaction's own connection: another taken from the pool while this one holds the
     * repository's lock could wait forever for a pool that lock-holders have exhausted.
     */
    unsound: (fresh: readonly LedgerRecord[], db: Kysely<LedgerTables>) => Promise<string | undefined> = async () => undefined,
  ): Promise<ContinueResult> {
    return this.db.transaction().execute(async (trx) => {
      await this.lock(trx);
      const incoming: RecordRow[] = records.map((record) => ({ seq: record.seq, kind: record.kind, recorded_at: record.recordedAt, payload: canonicalJson(record.payload), prev_hash: record.prevHash, hash: record.hash }));
      // The records may start anywhere the server holds the record before them. Only the held records they
      // overlap are read (sequence numbers and hashes): an append costs the same on a long chain as on a short one.
      const first = incoming[0]?.seq ?? 1;
      const heldCount = Number((await trx.selectFrom('ledger_records').select((eb) => eb.fn.max('seq').as('last')).where('repository_id', '=', this.id).executeTakeFirst())?.last ?? 0);
      const overlap = await trx.selectFrom('ledger_records').select(['seq', 'hash']).where('repository_id', '=', this.id).where('seq', '>=', first - 1).orderBy('seq').execute();
      const heldAt = new Map(overlap.map((row) => [row.seq, row.hash]));
      const before = first > 1 ? heldAt.get(first - 1) : undefined;
      if (first > 1 && before === undefined) throw new ChainConflict(`the records sent for ${this.name} start at record ${first}, but the server holds ${heldCount}: send the records from ${heldCount + 1} on; nothing recorded`);
      const problem = chainProblems(incoming, before !== undefined ? { seq: first - 1, hash: before } : undefined)[0];
      if (problem) throw new UserError(`the records sent for ${this.name} are not a sound chain: ${problem}; nothing recorded`);
      let alreadyHeld = 0;
      for (const row of incoming) {
        const mine = heldAt.get(row.seq);
        if (mine === undefined) break;
        if (mine !== row.hash) throw new ChainConflict(`record ${row.seq} sent for ${this.name} differs from the one the server holds: the history was rewritten; nothing recorded`);
        alreadyHeld++;
      }
      const fresh = incoming.slice(alreadyHeld);
      const refusal = refuse(records.slice(alreadyHeld));
      if (refusal) throw new RecordsRefused(`${refusal}; nothing recorded`);
      const unsoundness = await unsound(records.slice(alreadyHeld), trx);
      if (unsoundness) throw new UserError(`${unsoundness}; nothing recorded`);
      // PostgreSQL takes at most 65,535 parameters per statement: 7 per row, so batches of 5,000 rows, in the one transaction.
      for (let start = 0; start < fresh.length; start += 5000) {
        await trx.insertInto('ledger_records').values(fresh.slice(start, start + 5000).map((row) => ({ repository_id: this.id, ...row }))).execute();
      }
      await recordFacts(trx.withTables<InsightTables>(), this.id, records.slice(alreadyHeld));
      return { appended: fresh.length, alreadyHeld, serverAhead: Math.max(0, heldCount - (first - 1) - incoming.length) };
    });
  }

  /** Writes the insight facts of this repository's records that have none (under the append lock). */
  async catchUpInsights(): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      await this.lock(trx);
      return catchUpFacts(trx.withTables<InsightTables>(), this.id);
    });
  }

  async records(): Promise<LedgerRecord[]> {
    return (await this.rowsIn(this.db)).map(toRecord);
  }

  /** The records after `seq`, oldest first, and the head, read in one transaction so the two agree. */
  async recordsAfter(seq: number): Promise<{ records: LedgerRecord[]; head: ChainHead | undefined }> {
    return this.db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
      const rows = await trx.selectFrom('ledger_records').select(['seq', 'kind', 'recorded_at', 'payload', 'prev_hash', 'hash']).where('repository_id', '=', this.id).where('seq', '>', seq).orderBy('seq').execute();
      const last = rows[rows.length - 1];
      const head = last ?? (await trx.selectFrom('ledger_records').select(['seq', 'hash']).where('repository_id', '=', this.id).orderBy('seq', 'desc').limit(1).executeTakeFirst());
      return { records: rows.map(toRecord), head: head ? { seq: head.seq, hash: head.hash } : undefined };
    });
  }

  /** The last record's sequence number and hash, or undefined for an empty ledger. */
  async head(): Promise<{ seq: number; hash: string } | undefined> {
    const row = await this.db.selectFrom('ledger_records').select(['seq', 'hash']).where('repository_id', '=', this.id).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    return row ? { seq: row.seq, hash: row.hash } : undefined;
  }

  async putSnapshot(id: string, body: string): Promise<void> {
    if (sha256(body) !== id) throw new UserError(`snapshot ${id.slice(0, 12)}: its body does not hash to its id`);
    await this.db.insertInto('snapshots').values({ id, body }).onConflict((conflict) => conflict.column('id').doNothing()).execute();
  }

  async getSnapshot(id: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('snapshots').select('body').where('id', '=', id).executeTakeFirst();
    return row && sha256(row.body) === id ? row.body : undefined;
  }

  async putAnalyses(entries: { digest: string; analysis: string }[]): Promise<void> {
    const sound = entries.filter((entry) => sha256(entry.analysis) === entry.digest);
    if (sound.length === 0) return;
    await this.db.insertInto('analyses').values(sound).onConflict((conflict) => conflict.column('digest').doNothing()).execute();
  }

  async getAnalysis(digest: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('analyses').select('analysis').where('digest', '=', digest).executeTakeFirst();
    return row && sha256(row.analysis) === digest ? row.analysis : undefined;
  }

  /** Which of the snapshots `ids` the server holds (read through `db`: inside a transaction, its own). */
  async heldSnapshots(ids: readonly string[], db: Kysely<LedgerTables> = this.db): Promise<Set<string>> {
    const held = new Set<string>();
    for (let start = 0; start < ids.length; start += 5000) {
      for (const row of await db.selectFrom('snapshots').select('id').where('id', 'in', ids.slice(start, start + 5000)).execute()) held.add(row.id);
    }
    return held;
  }

  /** Which of the analyses `digests` the server holds. */
  async heldAnalyses(digests: readonly string[]): Promise<Set<string>> {
    const held = new Set<string>();
    for (let start = 0; start < digests.length; start += 5000) {
      for (const row of await this.db.selectFrom('analyses').select('digest').where('digest', 'in', digests.slice(start, start + 5000)).execute()) held.add(row.digest);
    }
    return held;
  }

  /** A snapshot and the analyses it names (those held and intact), or undefined when it is not held. */
  async getContent(id: string): Promise<{ body: string; analyses: { digest: string; analysis: string }[] } | undefined> {
    const body = await this.getSnapshot(id);
    if (body === undefined) return undefined;
    const digests = analysisDigestsOf(body);
    const analyses: { digest: string; analysis: string }[] = [];
    for (let start = 0; start < digests.length; start += 5000) {
      const rows = await this.db.selectFrom('analyses').select(['digest', 'analysis']).where('digest', 'in', digests.slice(start, start + 5000)).execute();
      analyses.push(...rows.filter((row) => sha256(row.analysis) === row.digest));
    }
    return { body, analyses };
  }

  /** Recomputes every link and hash, and checks that every iteration's snapshot is held and intact. */
  async verify(): Promise<VerifyResult> {
    const rows = await this.rowsIn(this.db);
    const problems = chainProblems(rows);
    const named = rows.flatMap((row) => (row.kind === 'iteration' && isCanonical(row.payload) ? [{ row, snapshotId: (JSON.parse(row.payload) as IterationPayload).snapshotId }] : []));
    // One query for every snapshot the chain names, each checked against its id.
    const ids = [...new Set(named.map((entry) => entry.snapshotId))];
    const sound = new Set<string>();
    for (let start = 0; start < ids.length; start += 5000) {
      const found = await this.db.selectFrom('snapshots').select(['id', 'body']).where('id', 'in', ids.slice(start, start + 5000)).execute();
      for (const snapshot of found) if (sha256(snapshot.body) === snapshot.id) sound.add(snapshot.id);
    }
    for (const { row, snapshotId } of named) {
      if (!sound.has(snapshotId)) problems.push(`record ${row.seq} (iteration, ${row.recorded_at}): its snapshot ${snapshotId.slice(0, 12)} is missing or was edited`);
    }
    return { ok: problems.length === 0, records: rows.length, problems };
  }
}

/** A repository's chain in the server's database, as a keeper a local copy mirrors (what a history worker records through). */
export function databaseKeeper(ledger: RepositoryLedger): ChainKeeper & ContentSource {
  return {
    where: `the ledger of ${ledger.name} in the team server's database`,
    recordsAfter: (seq) => ledger.recordsAfter(seq),
    // Held already, identical, is success: the retry of an append whose answer was lost.
    append: async (record) => void (await ledger.continueWith([record])),
    putContent: async (snapshotId, body, analyses) => {
      await ledger.putSnapshot(snapshotId, body);
      await ledger.putAnalyses(analyses);
    },
    verify: () => ledger.verify(),
    getContent: (snapshotId) => ledger.getContent(snapshotId),
  };
}
