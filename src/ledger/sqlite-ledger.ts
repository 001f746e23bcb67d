import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import { openDurableSqlite } from '../io/durable-sqlite.js';
import type { MigrationProvider, Migrator } from 'kysely';
import { UserError } from '../errors.js';
import type { Ledger, NewRecord, VerifyResult } from './ledger.js';
import { SQLITE_MIGRATION_NAMES } from './migration-names.js';
import type { IterationPayload, LedgerRecord } from './record.js';
import { chainProblems, chainedRecord, isCanonical, toRecord, type RecordRow } from './chain-check.js';
import { headDisagreement, type LedgerAnchor, type LedgerHead } from './anchor.js';
import { writeFileAtomically } from '../io/atomic-write.js';
import { canonicalJson } from './canonical-json.js';

/** The ledger on this machine, which can also copy a chain kept elsewhere (the team server's). */
export interface LocalLedger extends Ledger {
  /**
   * Appends records made elsewhere, verbatim, when they continue this chain (those it holds already must be
   * identical): the copy of a chain the team server keeps. Returns the whole history after.
   */
  adopt(records: readonly LedgerRecord[], source: string): Promise<LedgerRecord[]>;
}

/** Opens (creating and migrating when needed) the SQLite ledger at `path`. */
export async function openSqliteLedger(path: string, anchor?: LedgerAnchor): Promise<LocalLedger> {
  const database = openDurableSqlite(path, 'the ledger');
  database.pragma('foreign_keys = ON');
  if (!isMigrated(database)) {
    // Kysely and the migrations load only when there is something to migrate: start-up time matters.
    const [{ Kysely, Migrator, SqliteDialect }, { SQLITE_MIGRATIONS }] = await Promise.all([import('kysely'), import('./migrations.js')]);
    const provider: MigrationProvider = { getMigrations: async () => SQLITE_MIGRATIONS };
    const migrator = new Migrator({ db: new Kysely<unknown>({ dialect: new SqliteDialect({ database }) }), provider });
    // Two processes may open a new ledger at once: a lost race shows up as a busy or duplicate error.
    const { error } = await migrateWithRetry(migrator);
    if (error) throw new UserError(`${path}: cannot migrate the ledger (${(error as Error).message ?? error})`);
  }
  return new SqliteLedger(database, `${path}.head`, path, anchor);
}

function isMigrated(database: Database.Database): boolean {
  const table = database.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'").get();
  if (!table) return false;
  const applied = new Set((database.prepare('SELECT name FROM kysely_migration').all() as { name: string }[]).map((row) => row.name));
  return SQLITE_MIGRATION_NAMES.every((name) => applied.has(name));
}

async function migrateWithRetry(migrator: Migrator): Promise<{ error?: unknown }> {
  for (let attempt = 0; ; attempt++) {
    const result = await migrator.migrateToLatest();
    // The other process may have run or recorded the same migration first; a retry sees its work.
    const busy = result.error && /locked|busy|already exists|duplicate column|UNIQUE constraint failed/i.test(String((result.error as Error).message ?? result.error));
    if (!busy || attempt >= 20) return result;
    await new Promise((resolve) => setTimeout(resolve, 50 * (attempt + 1)));
  }
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function readHeadFile(path: string): LedgerHead | undefined {
  if (!existsSync(path)) return undefined;
  const [seq, hash] = readFileSync(path, 'utf8').trim().split(' ');
  return { seq: Number(seq), hash: hash ?? '' };
}

class SqliteLedger implements LocalLedger {
  constructor(
    private readonly db: Database.Database,
    /** Holds the last record's sequence number and hash, so deleting records at the end is detected. */
    private readonly headPath: string,
    private readonly path: string,
    /** Witnesses the head outside `.loopwarden/`, so deleting or replacing the whole folder is detected too. */
    private readonly anchor: LedgerAnchor | undefined,
  ) {}

  /**
   * Refuses to build on a ledger that was tampered with: every link and hash is recomputed, and the head
   * must agree with the head file and the anchor. A record is added only to an intact chain.
   */
  private assertIntact(rows: RecordRow[]): void {
    const problem = chainProblems(rows)[0] ?? this.headProblems(rows)[0];
    if (problem) throw new UserError(`${this.path}: ${problem}; nothing recorded (loopwarden ledger verify lists every problem)`);
  }

  private rows(): RecordRow[] {
    return this.db.prepare('SELECT seq, kind, recorded_at, payload, prev_hash, hash FROM ledger_records ORDER BY seq').all() as RecordRow[];
  }

  private headProblems(rows: RecordRow[]): string[] {
    const problems: string[] = [];
    const fromFile = readHeadFile(this.headPath);
    const inFile = headDisagreement('the head file', fromFile, rows);
    if (inFile && !/not witnessed/.test(inFile)) problems.push(inFile);
    const anchored = this.anchor ? headDisagreement(this.anchor.name, this.anchor.read(), rows) : undefined;
    if (anchored) problems.push(anchored);
    return problems;
  }

  async appendAtomically(decide: (history: LedgerRecord[]) => NewRecord | undefined): Promise<LedgerRecord | undefined> {
    const append = this.db.transaction(() => {
      // One read of the table serves both the integrity check and the history the decision sees.
      const rows = this.rows();
      this.assertIntact(rows);
      const history = rows.map(toRecord);
      const next = decide(history);
      if (!next) return undefined;
      const { row, record } = chainedRecord(history, next);
      const { seq, hash } = row;
      this.db
        .prepare('INSERT INTO ledger_records (seq, kind, recorded_at, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?)')
        .run(seq, row.kind, row.recorded_at, row.payload, row.prev_hash, hash);
      if (next.kind === 'iteration') this.projectFindings(seq, next.payload);
      // Witnessed while the write lock is held: another writer waiting for it then sees record and
      // witnesses agree. A crash before the commit leaves the witnesses one ahead, which verify names.
      writeFileAtomically(this.headPath, `${seq} ${hash}\n`);
      this.anchor?.write({ seq, hash });
      return record;
    });
    return append.immediate();
  }

  async adopt(records: readonly LedgerRecord[], source: string): Promise<LedgerRecord[]> {
    const adopt = this.db.transaction(() => {
      const rows = this.rows();
      this.assertIntact(rows);
      const held = new Map(rows.map((row) => [row.seq, row.hash]));
      const fresh = records.filter((record) => {
        const mine = held.get(record.seq);
        if (mine !== undefined && mine !== record.hash) {
          throw new UserError(`${this.path}: record ${record.seq} from ${source} differs from the copy here: one of the two histories was rewritten; nothing recorded (loopwarden ledger verify)`);
        }
        return mine === undefined;
      });
      const incoming: RecordRow[] = fresh.map((record) => ({ seq: record.seq, kind: record.kind, recorded_at: record.recordedAt, payload: canonicalJson(record.payload), prev_hash: record.prevHash, hash: record.hash }));
      const last = rows[rows.length - 1];
      const problem = chainProblems(incoming, last ? { seq: last.seq, hash: last.hash } : undefined)[0];
      if (problem) throw new UserError(`${this.path}: the records from ${source} do not continue the copy here: ${problem}; nothing recorded`);
      const insert = this.db.prepare('INSERT INTO ledger_records (seq, kind, recorded_at, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?)');
      for (const [index, row] of incoming.entries()) {
        insert.run(row.seq, row.kind, row.recorded_at, row.payload, row.prev_hash, row.hash);
        const record = fresh[index]!;
        if (record.kind === 'iteration') this.projectFindings(row.seq, record.payload);
      }
      const head = incoming[incoming.length - 1];
      if (head) {
        writeFileAtomically(this.headPath, `${head.seq} ${head.hash}\n`);
        this.anchor?.write({ seq: head.seq, hash: head.hash });
      }
      return [...rows, ...incoming].map(toRecord);
    });
    return adopt.immediate();
  }

  private projectFindings(seq: number, payload: IterationPayload): void {
    const insert = this.db.prepare(
      'INSERT INTO iteration_findings (record_seq, fingerprint, state, rule_id, severity, path, start_line) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    for (const [state, findings] of [['introduced', payload.introduced], ['fixed', payload.fixed]] as const) {
      for (const f of findings) insert.run(seq, f.fingerprint, state, f.ruleId, f.severity, f.path, f.startLine);
    }
  }

  async records(): Promise<LedgerRecord[]> {
    return this.rows().map(toRecord);
  }

  putSnapshot(id: string, body: string): void {
    this.db.prepare('INSERT OR IGNORE INTO snapshots (id, body) VALUES (?, ?)').run(id, body);
  }

  getSnapshot(id: string): string | undefined {
    return (this.db.prepare('SELECT body FROM snapshots WHERE id = ?').get(id) as { body: string } | undefined)?.body;
  }

  putAnalyses(entries: { digest: string; analysis: string }[]): void {
    const insert = this.db.prepare('INSERT OR IGNORE INTO analyses (digest, analysis) VALUES (?, ?)');
    this.db.transaction(() => entries.forEach((e) => insert.run(e.digest, e.analysis))).immediate();
  }

  getAnalysis(digest: string): string | undefined {
    const row = this.db.prepare('SELECT analysis FROM analyses WHERE digest = ?').get(digest) as { analysis: string } | undefined;
    return row && sha256(row.analysis) === digest ? row.analysis : undefined;
  }

  async verify(): Promise<VerifyResult> {
    const rows = this.rows();
    const problems = chainProblems(rows);
    const checkedDigests = new Set<string>();
    for (const row of rows) {
      if (row.kind !== 'iteration' || !isCanonical(row.payload)) continue;
      const label = `record ${row.seq} (${row.kind}, ${row.recorded_at})`;
      const snapshotId = (JSON.parse(row.payload) as IterationPayload).snapshotId;
      const body = this.getSnapshot(snapshotId);
      if (body === undefined) problems.push(`${label}: its snapshot ${snapshotId.slice(0, 12)} is missing`);
      else if (sha256(body) !== snapshotId) problems.push(`${label}: its snapshot ${snapshotId.slice(0, 12)} was edited`);
      else problems.push(...this.analysisProblems(label, body, checkedDigests));
    }
    problems.push(...this.projectionProblems(rows));
    problems.push(...this.headProblems(rows));
    return { ok: problems.length === 0, records: rows.length, problems };
  }

  async reanchor(): Promise<{ head: LedgerHead | undefined; before: LedgerHead | undefined }> {
    const rows = this.rows();
    const broken = chainProblems(rows)[0];
    if (broken) throw new UserError(`${this.path}: ${broken}; the chain itself is broken, and witnessing it again would not mend it`);
    const before = this.anchor?.read();
    const last = rows[rows.length - 1];
    const head = last ? { seq: last.seq, hash: last.hash } : undefined;
    if (head) {
      writeFileAtomically(this.headPath, `${head.seq} ${head.hash}\n`);
      this.anchor?.write(head);
    } else {
      rmSync(this.headPath, { force: true });
      this.anchor?.clear();
    }
    return { head, before };
  }

  /** Names iterations whose derived findings table disagrees with their hashed payload. */
  private projectionProblems(rows: RecordRow[]): string[] {
    const problems: string[] = [];
    const projected = new Map<number, string[]>();
    for (const row of this.db.prepare('SELECT record_seq, fingerprint, state FROM iteration_findings').all() as { record_seq: number; fingerprint: string; state: string }[]) {
      projected.set(row.record_seq, [...(projected.get(row.record_seq) ?? []), `${row.state} ${row.fingerprint}`]);
    }
    for (const row of rows) {
      if (row.kind !== 'iteration' || !isCanonical(row.payload)) continue;
      const payload = JSON.parse(row.payload) as IterationPayload;
      const expected = [...payload.introduced.map((f) => `introduced ${f.fingerprint}`), ...payload.fixed.map((f) => `fixed ${f.fingerprint}`)].sort();
      const actual = (projected.get(row.seq) ?? []).sort();
      if (expected.join('\n') !== actual.join('\n')) problems.push(`record ${row.seq} (iteration): its rows in iteration_findings differ from the record (edited)`);
      projected.delete(row.seq);
    }
    for (const seq of projected.keys()) problems.push(`iteration_findings holds rows for record ${seq}, which is not an iteration of this ledger (inserted)`);
    return problems;
  }

  /** Names the analyses of a snapshot that are missing or do not hash to the digest the snapshot records. */
  private analysisProblems(label: string, body: string, checked: Set<string>): string[] {
    const problems: string[] = [];
    for (const entry of (JSON.parse(body) as { files: { path: string; digest?: string }[] }).files) {
      if (!entry.digest || checked.has(entry.digest)) continue;
      checked.add(entry.digest);
      if (this.getAnalysis(entry.digest) === undefined) problems.push(`${label}: the analysis of ${entry.path} (${entry.digest.slice(0, 12)}) is missing or was edited`);
    }
    return problems;
  }

  close(): void {
    this.db.close();
  }
}
