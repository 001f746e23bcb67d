import { sql, type Kysely } from 'kysely';
import { toRecord, type RecordRow } from '../chain-check.js';
import type { Finding } from '../../findings/finding.js';
import type { LedgerRecord } from '../record.js';
import { contextNeeds, findingRef, int32, projectRecords, type FactRows, type ProjectionContext } from './facts.js';
import type { InsightDatabase } from './insight-tables.js';

/** Records projected per step: bounds the memory a catch-up over a long chain takes. */
const PAGE = 2000;
/** PostgreSQL takes at most 65,535 parameters per statement. */
const MAX_PARAMETERS = 60_000;

/**
 * Writes the facts of `fresh` (records just appended to the repository, oldest first) through `db`, the
 * appending transaction, which holds the repository's lock: the facts commit with the records or not at all.
 * Records appended before the projection existed are projected first, so every append leaves the repository's
 * facts complete up to its head.
 */
export async function recordFacts(db: Kysely<InsightDatabase>, repositoryId: string, fresh: readonly LedgerRecord[]): Promise<void> {
  const first = fresh[0]?.seq;
  if (first === undefined) return;
  await catchUp(db, repositoryId, first - 1);
  for (let start = 0; start < fresh.length; start += PAGE) await project(db, repositoryId, fresh.slice(start, start + PAGE));
}

/** Projects the repository's records that have no facts yet, up to its head; `db` must hold the repository's lock. Returns how many. */
export async function catchUpFacts(db: Kysely<InsightDatabase>, repositoryId: string): Promise<number> {
  const head = await db.selectFrom('ledger_records').select((eb) => eb.fn.max('seq').as('last')).where('repository_id', '=', repositoryId).executeTakeFirst();
  return catchUp(db, repositoryId, Number(head?.last ?? 0));
}

/** The last sequence number with facts (iterations and reviews are the only kinds: each record has one fact row). */
async function projectedThrough(db: Kysely<InsightDatabase>, repositoryId: string): Promise<number> {
  const { rows } = await sql<{ last: number | null }>`SELECT greatest(
      (SELECT max(seq) FROM iteration_facts WHERE repository_id = ${repositoryId}),
      (SELECT max(seq) FROM review_facts WHERE repository_id = ${repositoryId})) AS last`.execute(db);
  return Number(rows[0]?.last ?? 0);
}

async function catchUp(db: Kysely<InsightDatabase>, repositoryId: string, through: number): Promise<number> {
  let done = await projectedThrough(db, repositoryId);
  let projected = 0;
  while (done < through) {
    const rows: RecordRow[] = await db.selectFrom('ledger_records').select(['seq', 'kind', 'recorded_at', 'payload', 'prev_hash', 'hash']).where('repository_id', '=', repositoryId).where('seq', '>', done).where('seq', '<=', through).orderBy('seq').limit(PAGE).execute();
    if (rows.length === 0) break;
    await project(db, repositoryId, rows.map(toRecord));
    done = rows[rows.length - 1]!.seq;
    projected += rows.length;
  }
  return projected;
}

async function project(db: Kysely<InsightDatabase>, repositoryId: string, records: readonly LedgerRecord[]): Promise<void> {
  const context = await contextBefore(db, repositoryId, records[0]!.seq, contextNeeds(records));
  await insertFacts(db, repositoryId, projectRecords(records, context).rows);
}

/** What the records before `seq` left that the projection needs, read from the facts already written (and one payload). */
async function contextBefore(db: Kysely<InsightDatabase>, repositoryId: string, seq: number, needs: { head: boolean; window: boolean }): Promise<ProjectionContext> {
  const approval = await db.selectFrom('review_facts').select((eb) => eb.fn.max('seq').as('last')).where('repository_id', '=', repositoryId).where('decision', '=', 'approve').where('seq', '<', seq).executeTakeFirst();
  const lastApprovalSeq = Number(approval?.last ?? 0);
  const context: ProjectionContext = { lastApprovalSeq, window: { iterations: [], events: [] } };
  if (needs.head) {
    const row = await db.selectFrom('ledger_records').select(['seq', 'payload']).where('repository_id', '=', repositoryId).where('kind', '=', 'iteration').where('seq', '<', seq).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    if (row) {
      const open = (JSON.parse(row.payload) as { open?: (Partial<Finding> & { since?: number })[] }).open ?? [];
      context.head = { seq: row.seq, open: open.map((finding) => ({ ...findingRef(finding), since: int32(finding.since) })) };
    }
  }
  if (needs.window) {
    const iterations = await db.selectFrom('iteration_facts').select('seq').where('repository_id', '=', repositoryId).where('seq', '>', lastApprovalSeq).where('seq', '<', seq).orderBy('seq').execute();
    const events = await db.selectFrom('finding_events').select(['seq', 'state', 'fingerprint', 'rule_id', 'cwe', 'severity']).where('repository_id', '=', repositoryId).where('seq', '>', lastApprovalSeq).where('seq', '<', seq).where('state', 'in', ['introduced', 'fixed']).orderBy('seq').orderBy('state', 'desc').orderBy('ordinal').execute();
    context.window = {
      iterations: iterations.map((row) => row.seq),
      events: events.map((row) => ({ seq: row.seq, state: row.state as 'introduced' | 'fixed', ref: { fingerprint: row.fingerprint, ruleId: row.rule_id, cwe: row.cwe, severity: row.severity } })),
    };
  }
  return context;
}

/** Inserts fact rows in statements small enough for PostgreSQL's parameter limit. */
async function insertFacts(db: Kysely<InsightDatabase>, repository_id: string, rows: FactRows): Promise<void> {
  await insertChunked(db, 'iteration_facts', rows.iterations.map((fact) => ({
    repository_id, seq: fact.seq, recorded_at: fact.recordedAt, actor: fact.actor, tool: fact.tool, model: fact.model, strategy: fact.strategy, author: fact.author,
    chain_position: fact.chainPosition, chain_limit: fact.chainLimit, verdict: fact.verdict, introduced: fact.introduced, introduced_critical_high: fact.introducedCriticalHigh,
    fixed: fact.fixed, open_count: fact.openCount, open_blocking: fact.openBlocking, risk_before: fact.riskBefore, risk_after: fact.riskAfter,
    complexity_before: fact.complexityBefore, complexity_after: fact.complexityAfter,
  })));
  await insertChunked(db, 'finding_events', rows.events.map((event) => ({
    repository_id, seq: event.seq, state: event.state, ordinal: event.ordinal, fingerprint: event.fingerprint, rule_id: event.ruleId, cwe: event.cwe, severity: event.severity,
    path: event.path, start_line: event.startLine, recorded_at: event.recordedAt, actor: event.actor, tool: event.tool, model: event.model, strategy: event.strategy, chain_position: event.chainPosition,
  })));
  await insertChunked(db, 'review_facts', rows.reviews.map((review) => ({
    repository_id, seq: review.seq, recorded_at: review.recordedAt, reviewer: review.reviewer, decision: review.decision, attestation: review.attestation, head_seq: review.headSeq, covered: review.covered,
  })));
  // An iteration's first review and the approval that accepted it are the ones kept; a later one adds nothing.
  await insertChunked(db, 'review_coverage', rows.coverage.map((row) => ({ repository_id, iteration_seq: row.iterationSeq, kind: row.kind, review_seq: row.reviewSeq, reviewer: row.reviewer, at: row.at })), true);
  await insertChunked(db, 'review_exposures', rows.exposures.map((row) => ({
    repository_id, review_seq: row.reviewSeq, kind: row.kind, fingerprint: row.fingerprint, reviewer: row.reviewer, at: row.at, rule_id: row.ruleId, cwe: row.cwe, severity: row.severity, introduced_seq: row.introducedSeq,
  })), true);
}

async function insertChunked<T extends keyof InsightDatabase & string>(db: Kysely<InsightDatabase>, table: T, rows: Record<string, unknown>[], keepFirst = false): Promise<void> {
  if (rows.length === 0) return;
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / Object.keys(rows[0]!).length));
  for (let start = 0; start < rows.length; start += size) {
    const insert = db.insertInto(table).values(rows.slice(start, start + size) as never);
    await (keepFirst ? insert.onConflict((conflict) => conflict.doNothing()) : insert).execute();
  }
}
