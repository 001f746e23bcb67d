import { filterChoices } from '../../ledger/insights/choices.js';
import type { InsightFilters, InsightScope } from '../../ledger/insights/scope.js';
import { insightScope, readableRepositories, type InsightView } from '../insight-views.js';
import type { DashboardFilters, FilterOptions } from './filter-query.js';
import type { ViewRequest } from './view.js';

/** The repositories a page's figures cover: what the person may read, narrowed by the form's repository or team. */
export function scopeOf(request: ViewRequest): Promise<InsightScope> {
  return insightScope(request.ledgers, request.teams, request.person, { repo: request.filters.repository, team: request.filters.team });
}

/** The day after `day` (YYYY-MM-DD), at midnight UTC: the form's last day is inclusive, the queries' end exclusive. */
const dayAfter = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000);

/** The form's filters as the queries take them. */
export function filtersOf(filters: DashboardFilters): InsightFilters {
  return {
    ...(filters.tool ? { tool: filters.tool } : {}),
    ...(filters.model ? { model: filters.model } : {}),
    ...(filters.strategy ? { strategy: filters.strategy } : {}),
    ...(filters.from ? { from: new Date(`${filters.from}T00:00:00Z`) } : {}),
    ...(filters.to ? { to: dayAfter(filters.to) } : {}),
  };
}

/** The options of the filter form, all from the repositories the person may read (never a name from elsewhere). */
export async function optionsFor(request: ViewRequest, fields: { dimensions: boolean; dates: boolean }): Promise<FilterOptions> {
  const readable = await readableRepositories(request.ledgers, request.person);
  const ids = new Set(readable.map((row) => row.id));
  const teams = (await request.teams.list()).filter((team) => team.repositoryIds.some((id) => ids.has(id))).map((team) => team.name);
  const options: FilterOptions = { repositories: readable.map((row) => row.name), ...(teams.length > 0 ? { teams } : {}), dates: fields.dates };
  if (!fields.dimensions) return options;
  const choices = await filterChoices(request.ledgers.insights, { repositoryIds: [...ids] });
  return { ...options, tools: choices.tools, models: choices.models, strategies: choices.strategies };
}

/** The API's address of a view's rows with the page's filters, as JSON or CSV (the session cookie reads it). */
export function apiHref(view: InsightView, filters: DashboardFilters, format: 'json' | 'csv'): string {
  const query = new URLSearchParams();
  if (filters.repository) query.set('repo', filters.repository);
  for (const key of ['team', 'tool', 'model', 'strategy', 'from'] as const) if (filters[key]) query.set(key, filters[key]!);
  if (filters.to) query.set('to', dayAfter(filters.to).toISOString().slice(0, 10));
  if (format === 'csv') query.set('format', 'csv');
  const text = query.toString();
  return `/api/v1/insights/${view}${text ? `?${text}` : ''}`;
}
