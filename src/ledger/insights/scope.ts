import { sql, type RawBuilder } from 'kysely';

/**
 * The repositories a query may read: decided by the door from the principal's rights (never from a filter
 * alone), so no figure of a repository the asker cannot read reaches them, whatever the filters say.
 */
export interface InsightScope {
  repositoryIds: readonly string[];
}

/** The optional narrowing every view takes besides its scope: who made the iterations, and when. */
export interface InsightFilters {
  tool?: string;
  model?: string;
  strategy?: string;
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
}

/** `column = ANY(ids)`: the first predicate of every query. */
export function inScope(column: string, scope: InsightScope): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} = ANY(${scope.repositoryIds.map(Number)}::bigint[])`;
}

/**
 * The filters as predicates on a table alias's columns, each present only when given (an `x IS NULL OR`
 * predicate would keep the planner from the indexes). `dimensions`: whether the table has tool, model, strategy.
 */
export function filtered(alias: string, filters: InsightFilters, time = 'recorded_at', dimensions = true): RawBuilder<boolean> {
  const parts: RawBuilder<unknown>[] = [];
  const column = (name: string) => sql.ref(`${alias}.${name}`);
  if (dimensions && filters.tool !== undefined) parts.push(sql`${column('tool')} = ${filters.tool}`);
  if (dimensions && filters.model !== undefined) parts.push(sql`${column('model')} = ${filters.model}`);
  if (dimensions && filters.strategy !== undefined) parts.push(sql`${column('strategy')} = ${filters.strategy}`);
  if (filters.from !== undefined) parts.push(sql`${column(time)} >= ${filters.from}`);
  if (filters.to !== undefined) parts.push(sql`${column(time)} < ${filters.to}`);
  return parts.length === 0 ? sql<boolean>`true` : sql<boolean>`(${sql.join(parts, sql` AND `)})`;
}
