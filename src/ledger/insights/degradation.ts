import { sql, type Kysely } from 'kysely';
import type { InsightDatabase } from './insight-tables.js';
import { filtered, inScope, type InsightFilters, type InsightScope } from './scope.js';

/** Findings introduced by the AI iterations at one position of the chain since the last approval. */
export interface DegradationRow {
  position: number;
  aiIterations: number;
  introduced: number;
  introducedPerIteration: number;
  criticalHighPerIteration: number;
}

/** The study's curve on the organisation's own chains: introduced findings per AI iteration by chain position. */
export async function degradationByPosition(db: Kysely<InsightDatabase>, scope: InsightScope, filters: InsightFilters): Promise<DegradationRow[]> {
  if (scope.repositoryIds.length === 0) return [];
  const { rows } = await sql<{ position: number; ai_iterations: string; introduced: string; critical_high: string }>`
    SELECT f.chain_position AS position, count(*) AS ai_iterations, sum(f.introduced) AS introduced, sum(f.introduced_critical_high) AS critical_high
    FROM iteration_facts f
    WHERE ${inScope('f.repository_id', scope)} AND f.actor = 'ai' AND ${filtered('f', filters)}
    GROUP BY f.chain_position ORDER BY f.chain_position`.execute(db);
  return rows.map((row) => {
    const aiIterations = Number(row.ai_iterations);
    return { position: row.position, aiIterations, introduced: Number(row.introduced), introducedPerIteration: Number(row.introduced) / aiIterations, criticalHighPerIteration: Number(row.critical_high) / aiIterations };
  });
}
