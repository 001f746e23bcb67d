import { z } from 'zod';

/** The filters every view's form sends (GET, so they stay in the URL). */
export interface DashboardFilters {
  repository?: string;
  team?: string;
  tool?: string;
  model?: string;
  strategy?: string;
  /** A day, YYYY-MM-DD, inclusive. */
  from?: string;
  to?: string;
}

/** The choices a page offers in its filter form; a field is shown when the page gives its options. */
export interface FilterOptions {
  repositories?: readonly string[];
  teams?: readonly string[];
  tools?: readonly string[];
  models?: readonly string[];
  strategies?: readonly string[];
  /** Show the from / to dates. */
  dates?: boolean;
}

export const FILTER_LABELS: Record<keyof DashboardFilters, string> = {
  repository: 'Repository',
  team: 'Team',
  tool: 'Tool',
  model: 'Model',
  strategy: 'Strategy',
  from: 'From',
  to: 'To',
};

const CONTROL = /[\u0000-\u001f\u007f]/;
const choice = z
  .string()
  .trim()
  .max(200, 'at most 200 characters')
  .refine((value) => !CONTROL.test(value), 'control characters are not accepted')
  .optional()
  .transform((value) => (value ? value : undefined));
/** Whether `text` is a real calendar day written YYYY-MM-DD (2026-02-30 is not). */
function isDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const time = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(text);
}

const day = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined))
  .refine((value) => value === undefined || isDay(value), 'a date is written YYYY-MM-DD, e.g. 2026-11-26');

const filterQuery = z
  .object({ repository: choice, team: choice, tool: choice, model: choice, strategy: choice, from: day, to: day })
  .refine((filters) => !filters.from || !filters.to || filters.from <= filters.to, { message: 'the first day comes after the last', path: ['from'] });

/** Parses a query string's filters; unknown parameters are ignored. Returns the filters or what is wrong, in words. */
export function parseFilters(query: Record<string, string>): { ok: true; filters: DashboardFilters } | { ok: false; problems: string[] } {
  const result = filterQuery.safeParse(query);
  if (result.success) return { ok: true, filters: Object.fromEntries(Object.entries(result.data).filter(([, value]) => value !== undefined)) };
  return { ok: false, problems: result.error.issues.map((issue) => `${FILTER_LABELS[issue.path[0] as keyof DashboardFilters] ?? 'Filter'}: ${issue.message}`) };
}
