import { sql, type Kysely } from 'kysely';
import type { InsightDatabase } from './insight-tables.js';
import { inScope, type InsightScope } from './scope.js';

/** One repository's state: its AI chain, what is open, its last review, and whether its chain has gaps. */
export interface RepositoryRow {
  name: string;
  /** The last iteration, or null when only reviews (or nothing) were recorded. */
  lastIteration: { seq: number; at: Date | null; verdict: string } | null;
  /** AI iterations since the last approval, counting an approval recorded after the last iteration. */
  chain: number;
  chainLimit: number | null;
  openFindings: number;
  openBlocking: number;
  lastReview: { seq: number; reviewer: string; decision: string; at: Date | null } | null;
  /** When the oldest iteration no review has covered was recorded: how long the repository has waited. */
  waitingSince: Date | null;
  records: number;
  head: number;
}

/** Every repository of the scope with its chain state, open findings and last review, by name. */
export async function repositoryStates(db: Kysely<InsightDatabase>, scope: InsightScope): Promise<RepositoryRow[]> {
  if (scope.repositoryIds.length === 0) return [];
  const { rows } = await sql<{
    name: string; seq: number | null; recorded_at: Date | null; verdict: string | null; chain_position: number | null; chain_limit: number | null; open_count: number | null; open_blocking: number | null;
    review_seq: number | null; reviewer: string | null; decision: string | null; review_at: Date | null; waiting_since: Date | null; records: string; head: number | null;
  }>`
    SELECT r.name, f.seq, f.recorded_at, f.verdict, f.chain_position, f.chain_limit, f.open_count, f.open_blocking,
      lr.seq AS review_seq, lr.reviewer, lr.decision, lr.recorded_at AS review_at,
      (SELECT min(i.recorded_at) FROM iteration_facts i WHERE i.repository_id = r.id AND i.seq > coalesce(lr.seq, 0)) AS waiting_since,
      (SELECT count(*) FROM ledger_records l WHERE l.repository_id = r.id) AS records,
      (SELECT max(l.seq) FROM ledger_records l WHERE l.repository_id = r.id) AS head
    FROM repositories r
    LEFT JOIN LATERAL (SELECT * FROM iteration_facts x WHERE x.repository_id = r.id ORDER BY x.seq DESC LIMIT 1) f ON true
    LEFT JOIN LATERAL (SELECT * FROM review_facts v WHERE v.repository_id = r.id ORDER BY v.seq DESC LIMIT 1) lr ON true
    WHERE ${inScope('r.id', scope)}
    ORDER BY r.name`.execute(db);
  return rows.map((row) => {
    const approvedSince = row.review_seq !== null && row.seq !== null && row.review_seq > row.seq && row.decision === 'approve';
    return {
      name: row.name,
      lastIteration: row.seq === null ? null : { seq: row.seq, at: row.recorded_at, verdict: row.verdict ?? 'unknown' },
      chain: approvedSince ? 0 : (row.chain_position ?? 0),
      chainLimit: row.chain_limit,
      openFindings: approvedSince ? 0 : (row.open_count ?? 0),
      openBlocking: approvedSince ? 0 : (row.open_blocking ?? 0),
      lastReview: row.review_seq === null ? null : { seq: row.review_seq, reviewer: row.reviewer ?? '', decision: row.decision ?? '', at: row.review_at },
      waitingSince: row.waiting_since,
      records: Number(row.records),
      head: row.head ?? 0,
    };
  });
}

/** Whether a repository waits for a reviewer: its chain at or over the limit, or open findings that block, not approved since. */
export function needsReview(row: RepositoryRow): boolean {
  return row.lastIteration !== null && ((row.chainLimit !== null && row.chain >= row.chainLimit) || row.openBlocking > 0);
}

/** The review queue: repositories that wait for a reviewer, the longest waiting first. */
export async function reviewQueue(db: Kysely<InsightDatabase>, scope: InsightScope): Promise<RepositoryRow[]> {
  const rows = (await repositoryStates(db, scope)).filter(needsReview);
  return rows.sort((a, b) => (a.waitingSince?.getTime() ?? Infinity) - (b.waitingSince?.getTime() ?? Infinity) || a.name.localeCompare(b.name));
}
