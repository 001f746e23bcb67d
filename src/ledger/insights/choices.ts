import { sql, type Kysely } from 'kysely';
import type { InsightDatabase } from './insight-tables.js';
import { inScope, type InsightScope } from './scope.js';

/** The tools, models and strategies recorded in the scope: the filter form offers these and nothing from elsewhere. */
export async function filterChoices(db: Kysely<InsightDatabase>, scope: InsightScope): Promise<{ tools: string[]; models: string[]; strategies: string[] }> {
  if (scope.repositoryIds.length === 0) return { tools: [], models: [], strategies: [] };
  const distinct = async (column: 'tool' | 'model' | 'strategy') =>
    (await sql<{ value: string }>`SELECT DISTINCT ${sql.ref(`f.${column}`)} AS value FROM iteration_facts f WHERE ${inScope('f.repository_id', scope)} AND ${sql.ref(`f.${column}`)} IS NOT NULL ORDER BY 1`.execute(db)).rows.map((row) => row.value);
  const [tools, models, strategies] = await Promise.all([distinct('tool'), distinct('model'), distinct('strategy')]);
  return { tools, models, strategies };
}
