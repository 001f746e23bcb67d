import { sql, type Kysely } from 'kysely';
import type { InsightDatabase } from './insight-tables.js';
import { filtered, inScope, type InsightFilters, type InsightScope } from './scope.js';

/** One author's iterations: how many an AI made, and how many of those a person reviewed, how soon. */
export interface AuthorRow {
  /** The provenance's author (free text as the check recorded it), or null when none was recorded. */
  author: string | null;
  iterations: number;
  aiIterations: number;
  aiShare: number;
  reviewedAiIterations: number;
  /** Share of the AI iterations a review covered or an approval accepted; null without AI iterations. */
  reviewCoverage: number | null;
  /** Median time from an AI iteration to its first review, in hours; null when none was reviewed. */
  medianHoursToReview: number | null;
}

/** The same figures for a whole scope (a team, an organisation): one row, author-blind. */
export type CoverageTotals = Omit<AuthorRow, 'author'>;

/** Per author: AI share of iterations and review coverage of the AI ones. */
export async function authors(db: Kysely<InsightDatabase>, scope: InsightScope, filters: InsightFilters): Promise<AuthorRow[]> {
  if (scope.repositoryIds.length === 0) return [];
  const rows = await coverageRows(db, scope, filters, true);
  return rows.sort((a, b) => b.aiIterations - a.aiIterations || String(a.author).localeCompare(String(b.author)));
}

/** AI share and review coverage over the whole scope. */
export async function reviewCoverage(db: Kysely<InsightDatabase>, scope: InsightScope, filters: InsightFilters): Promise<CoverageTotals> {
  const [row] = scope.repositoryIds.length === 0 ? [] : await coverageRows(db, scope, filters, false);
  const { author: _author, ...totals } = row ?? { author: null, iterations: 0, aiIterations: 0, aiShare: 0, reviewedAiIterations: 0, reviewCoverage: null, medianHoursToReview: null };
  return totals;
}

async function coverageRows(db: Kysely<InsightDatabase>, scope: InsightScope, filters: InsightFilters, byAuthor: boolean): Promise<AuthorRow[]> {
  const { rows } = await sql<{ author: string | null; iterations: string; ai_iterations: string; reviewed: string; median_seconds: number | null }>`
    SELECT ${byAuthor ? sql`f.author` : sql`NULL::text`} AS author, count(*) AS iterations, count(*) FILTER (WHERE f.actor = 'ai') AS ai_iterations,
      count(c.at) FILTER (WHERE f.actor = 'ai') AS reviewed,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.at - f.recorded_at)) FILTER (WHERE f.actor = 'ai' AND c.at IS NOT NULL) AS median_seconds
    FROM iteration_facts f
    -- The first review of each iteration, aggregated once and hash-joined (a probe per iteration costs more at 100,000).
    LEFT JOIN (SELECT r.repository_id, r.iteration_seq, min(r.at) AS at FROM review_coverage r WHERE ${inScope('r.repository_id', scope)} GROUP BY r.repository_id, r.iteration_seq) c
      ON c.repository_id = f.repository_id AND c.iteration_seq = f.seq
    WHERE ${inScope('f.repository_id', scope)} AND ${filtered('f', filters)}
    ${byAuthor ? sql`GROUP BY f.author` : sql``}`.execute(db);
  return rows
    .filter((row) => Number(row.iterations) > 0)
    .map((row) => {
      const iterations = Number(row.iterations);
      const aiIterations = Number(row.ai_iterations);
      const reviewed = Number(row.reviewed);
      return {
        author: row.author,
        iterations,
        aiIterations,
        aiShare: aiIterations / iterations,
        reviewedAiIterations: reviewed,
        reviewCoverage: aiIterations > 0 ? reviewed / aiIterations : null,
        medianHoursToReview: row.median_seconds === null ? null : Number(row.median_seconds) / 3600,
      };
    });
}
