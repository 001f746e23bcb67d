import { sql, type Kysely } from 'kysely';
import type { InsightDatabase } from './insight-tables.js';
import { filtered, inScope, type InsightFilters, type InsightScope } from './scope.js';

/**
 * How one reviewer did on one CWE. The unit is a finding (repository and fingerprint) the reviewer was exposed
 * to. Caught: they rejected a state where it was open, or it was fixed before their approval. Missed: they
 * approved a state where it was open and a later iteration fixed it (it was a real problem); a finding both
 * caught and missed counts as missed. Accepted: approved open and not fixed since (outside the rate).
 */
export interface ProficiencyRow {
  reviewer: string;
  cwe: string;
  caught: number;
  missed: number;
  accepted: number;
  /** caught / (caught + missed); null when neither. */
  catchRate: number | null;
}

/** Reviewer proficiency per reviewer and CWE; tool, model and strategy filters do not apply (a review judges a whole state). */
export async function reviewerProficiency(db: Kysely<InsightDatabase>, scope: InsightScope, filters: InsightFilters): Promise<ProficiencyRow[]> {
  if (scope.repositoryIds.length === 0) return [];
  const { rows } = await sql<{ reviewer: string; cwe: string; caught: string; missed: string; accepted: string }>`
    WITH exposure AS (
      SELECT x.reviewer, x.cwe, x.repository_id, x.fingerprint,
        bool_or(x.kind IN ('rejected-open', 'fixed-in-window')) AS caught,
        bool_or(x.kind = 'approved-open' AND EXISTS (
          SELECT 1 FROM finding_events e
          WHERE e.repository_id = x.repository_id AND e.fingerprint = x.fingerprint AND e.state = 'fixed' AND e.seq > x.review_seq)) AS missed,
        bool_or(x.kind = 'approved-open') AS approved_open
      FROM review_exposures x
      WHERE ${inScope('x.repository_id', scope)} AND ${filtered('x', filters, 'at', false)}
      GROUP BY x.reviewer, x.cwe, x.repository_id, x.fingerprint)
    SELECT reviewer, cwe,
      count(*) FILTER (WHERE caught AND NOT missed) AS caught,
      count(*) FILTER (WHERE missed) AS missed,
      count(*) FILTER (WHERE approved_open AND NOT missed AND NOT caught) AS accepted
    FROM exposure GROUP BY reviewer, cwe`.execute(db);
  return rows
    .map((row) => {
      const caught = Number(row.caught);
      const missed = Number(row.missed);
      return { reviewer: row.reviewer, cwe: row.cwe, caught, missed, accepted: Number(row.accepted), catchRate: caught + missed > 0 ? caught / (caught + missed) : null };
    })
    .sort((a, b) => a.reviewer.localeCompare(b.reviewer) || b.missed - a.missed || a.cwe.localeCompare(b.cwe));
}

/** The CWEs a reviewer misses most (at most `limit`, each missed at least once): the start of a learning plan. */
export function mostMissed(rows: readonly ProficiencyRow[], reviewer: string, limit = 3): ProficiencyRow[] {
  return rows.filter((row) => row.reviewer === reviewer && row.missed > 0).sort((a, b) => b.missed - a.missed || a.cwe.localeCompare(b.cwe)).slice(0, limit);
}
