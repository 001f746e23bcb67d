import { sql, type Kysely } from 'kysely';
import type { InsightDatabase } from './insight-tables.js';
import { filtered, inScope, type InsightFilters, type InsightScope } from './scope.js';

/** One tool and model's record over its AI iterations. */
export interface ModelRow {
  tool: string | null;
  model: string | null;
  aiIterations: number;
  introduced: number;
  introducedPer100: number;
  /** Mean change of the total cyclomatic complexity per AI iteration. */
  complexityGrowthPerIteration: number;
}

/** One model and CWE: findings of that CWE its AI iterations introduced, per 100 of its AI iterations. */
export interface ModelCweRow {
  model: string | null;
  cwe: string;
  introduced: number;
  per100: number;
}

/** Introduced findings per 100 AI iterations and complexity growth, by tool and model. */
export async function modelsAndTools(db: Kysely<InsightDatabase>, scope: InsightScope, filters: InsightFilters): Promise<ModelRow[]> {
  if (scope.repositoryIds.length === 0) return [];
  const { rows } = await sql<{ tool: string | null; model: string | null; ai_iterations: string; introduced: string; growth: string }>`
    SELECT f.tool, f.model, count(*) AS ai_iterations, sum(f.introduced) AS introduced, sum(f.complexity_after - f.complexity_before) AS growth
    FROM iteration_facts f
    WHERE ${inScope('f.repository_id', scope)} AND f.actor = 'ai' AND ${filtered('f', filters)}
    GROUP BY f.tool, f.model`.execute(db);
  return rows
    .map((row) => {
      const aiIterations = Number(row.ai_iterations);
      return { tool: row.tool, model: row.model, aiIterations, introduced: Number(row.introduced), introducedPer100: (100 * Number(row.introduced)) / aiIterations, complexityGrowthPerIteration: Number(row.growth) / aiIterations };
    })
    .sort((a, b) => b.introducedPer100 - a.introducedPer100 || String(a.tool).localeCompare(String(b.tool)) || String(a.model).localeCompare(String(b.model)));
}

/** The model × CWE heat map: introduced findings of each CWE per 100 AI iterations of each model. */
export async function modelsByCwe(db: Kysely<InsightDatabase>, scope: InsightScope, filters: InsightFilters): Promise<ModelCweRow[]> {
  if (scope.repositoryIds.length === 0) return [];
  const { rows } = await sql<{ model: string | null; cwe: string; introduced: string; ai_iterations: string }>`
    WITH denominators AS (
      SELECT f.model, count(*) AS ai_iterations FROM iteration_facts f
      WHERE ${inScope('f.repository_id', scope)} AND f.actor = 'ai' AND ${filtered('f', filters)}
      GROUP BY f.model)
    SELECT e.model, e.cwe, count(*) AS introduced, d.ai_iterations
    FROM finding_events e JOIN denominators d ON d.model IS NOT DISTINCT FROM e.model
    WHERE ${inScope('e.repository_id', scope)} AND e.state = 'introduced' AND e.actor = 'ai' AND ${filtered('e', filters)}
    GROUP BY e.model, e.cwe, d.ai_iterations`.execute(db);
  return rows
    .map((row) => ({ model: row.model, cwe: row.cwe, introduced: Number(row.introduced), per100: (100 * Number(row.introduced)) / Number(row.ai_iterations) }))
    .sort((a, b) => String(a.model).localeCompare(String(b.model)) || b.per100 - a.per100 || a.cwe.localeCompare(b.cwe));
}
