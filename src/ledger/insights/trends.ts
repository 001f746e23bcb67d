import { sql, type Kysely } from 'kysely';
import type { InsightDatabase } from './insight-tables.js';
import { inScope, type InsightFilters, type InsightScope } from './scope.js';

/** The scope's state at the end of one day (UTC). */
export interface TrendRow {
  /** YYYY-MM-DD. */
  day: string;
  /** Findings introduced since each repository's accepted state and still open, summed over the repositories. */
  openFindings: number;
  /** The risk score of each repository's latest state, summed. */
  risk: number;
  /** AI iterations no review has covered yet. */
  unreviewedAiIterations: number;
}

/**
 * Open findings, risk and unreviewed AI iterations per day. Levels are carried across days by summing each
 * day's changes from the start of the chains, and the time range applies after, so its first day starts at
 * the right level. Only the time range of the filters applies: a state is every tool's and model's.
 */
export async function trends(db: Kysely<InsightDatabase>, scope: InsightScope, filters: Pick<InsightFilters, 'from' | 'to'>): Promise<TrendRow[]> {
  if (scope.repositoryIds.length === 0) return [];
  const range = [
    ...(filters.from ? [sql`day >= date_trunc('day', ${filters.from}::timestamptz AT TIME ZONE 'UTC')`] : []),
    ...(filters.to ? [sql`day < ${filters.to}::timestamptz AT TIME ZONE 'UTC'`] : []),
  ];
  const { rows } = await sql<{ day: string; open_findings: string; risk: string; unreviewed: string }>`
    WITH deltas AS (
      SELECT f.recorded_at AS at,
        f.open_count - coalesce(lag(f.open_count) OVER w, 0) AS open_delta,
        f.risk_after - coalesce(lag(f.risk_after) OVER w, 0) AS risk_delta
      FROM iteration_facts f
      WHERE ${inScope('f.repository_id', scope)}
      WINDOW w AS (PARTITION BY f.repository_id ORDER BY f.seq)),
    unreviewed AS (
      SELECT f.recorded_at AS at, 1 AS delta FROM iteration_facts f WHERE ${inScope('f.repository_id', scope)} AND f.actor = 'ai'
      UNION ALL
      SELECT min(c.at), -1 FROM review_coverage c
      JOIN iteration_facts f ON f.repository_id = c.repository_id AND f.seq = c.iteration_seq AND f.actor = 'ai'
      WHERE ${inScope('c.repository_id', scope)}
      GROUP BY c.repository_id, c.iteration_seq),
    days AS (
      SELECT date_trunc('day', at AT TIME ZONE 'UTC') AS day, sum(open_delta) AS open_delta, sum(risk_delta) AS risk_delta, 0 AS unreviewed_delta FROM deltas WHERE at IS NOT NULL GROUP BY 1
      UNION ALL
      SELECT date_trunc('day', at AT TIME ZONE 'UTC'), 0, 0, sum(delta) FROM unreviewed WHERE at IS NOT NULL GROUP BY 1),
    levels AS (
      SELECT day, sum(sum(open_delta)) OVER (ORDER BY day) AS open_findings, sum(sum(risk_delta)) OVER (ORDER BY day) AS risk,
        sum(sum(unreviewed_delta)) OVER (ORDER BY day) AS unreviewed
      FROM days GROUP BY day)
    SELECT to_char(day, 'YYYY-MM-DD') AS day, open_findings, risk, unreviewed FROM levels
    ${range.length > 0 ? sql`WHERE ${sql.join(range, sql` AND `)}` : sql``}
    ORDER BY levels.day`.execute(db);
  return rows.map((row) => ({ day: row.day, openFindings: Number(row.open_findings), risk: Math.round(Number(row.risk) * 100) / 100, unreviewedAiIterations: Number(row.unreviewed) }));
}
