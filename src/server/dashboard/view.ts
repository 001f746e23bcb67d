import type { Child } from 'hono/jsx';
import type { PostgresLedgers } from '../../ledger/postgres-ledger.js';
import type { Principal } from '../accounts.js';
import type { DashboardFilters, FilterOptions } from './filter-query.js';
import type { Policy } from '../../policy/policy.js';
import type { TeamStore } from '../teams.js';

/** A person logged in to the dashboard (API tokens never are). */
export type Person = Extract<Principal, { kind: 'user' }>;

/** What a view is asked for: who asks, the filters of the query string, and the database. */
export interface ViewRequest {
  person: Person;
  filters: DashboardFilters;
  ledgers: PostgresLedgers;
  teams: TeamStore;
  /** The server's policy: the chain limit the charts draw. */
  policy: Policy;
}

/** What a view answers: its title (the page's one `<h1>`), the filter form's options, and the page body. */
export interface ViewContent {
  title: string;
  filterOptions: FilterOptions;
  body: Child;
}

/** A data view of the dashboard: where it lives, its name in the navigation, who may see it, and what it shows. */
export interface DashboardView {
  /** Below `/dashboard`, e.g. `/repositories`. */
  path: string;
  label: string;
  mayView(person: Person): boolean;
  render(request: ViewRequest): Promise<ViewContent>;
}
