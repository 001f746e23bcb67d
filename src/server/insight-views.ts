import type { PostgresLedgers } from '../ledger/postgres-ledger.js';
import { degradationByPosition } from '../ledger/insights/degradation.js';
import { modelsAndTools, modelsByCwe } from '../ledger/insights/models.js';
import { authors, reviewCoverage } from '../ledger/insights/people.js';
import { reviewerProficiency } from '../ledger/insights/proficiency.js';
import { repositoryStates, reviewQueue } from '../ledger/insights/repositories.js';
import type { InsightFilters, InsightScope } from '../ledger/insights/scope.js';
import { trends } from '../ledger/insights/trends.js';
import type { Principal } from './accounts.js';
import { allowed } from './permissions.js';
import type { TeamStore } from './teams.js';

/** The views of the dashboard, each also served as JSON and CSV by `/api/v1/insights/{view}`. */
export const INSIGHT_VIEWS = ['repositories', 'queue', 'degradation', 'models', 'models-cwe', 'people', 'teams', 'proficiency', 'trends'] as const;
export type InsightView = (typeof INSIGHT_VIEWS)[number];

/** Each view's CSV columns, for the header of a view with no rows (nested fields are dotted, as the CSV writes them). */
const REPOSITORY_COLUMNS = ['name', 'lastIteration.seq', 'lastIteration.at', 'lastIteration.verdict', 'chain', 'chainLimit', 'openFindings', 'openBlocking', 'lastReview.seq', 'lastReview.reviewer', 'lastReview.decision', 'lastReview.at', 'waitingSince', 'records', 'head'];

/** Each view's CSV columns, for the header of a view with no rows (nested fields are dotted, as the CSV writes them). */
export const INSIGHT_COLUMNS: Record<InsightView, readonly string[]> = {
  repositories: REPOSITORY_COLUMNS,
  queue: REPOSITORY_COLUMNS,
  degradation: ['position', 'aiIterations', 'introduced', 'introducedPerIteration', 'criticalHighPerIteration'],
  models: ['tool', 'model', 'aiIterations', 'introduced', 'introducedPer100', 'complexityGrowthPerIteration'],
  'models-cwe': ['model', 'cwe', 'introduced', 'per100'],
  people: ['author', 'iterations', 'aiIterations', 'aiShare', 'reviewedAiIterations', 'reviewCoverage', 'medianHoursToReview'],
  teams: ['team', 'repositories', 'iterations', 'aiIterations', 'aiShare', 'reviewedAiIterations', 'reviewCoverage', 'medianHoursToReview'],
  proficiency: ['reviewer', 'cwe', 'caught', 'missed', 'accepted', 'catchRate'],
  trends: ['day', 'openFindings', 'risk', 'unreviewedAiIterations'],
};

/** What a request narrows the view to: a repository or a team (within what the asker may read), and the filters. */
export interface InsightRequest extends InsightFilters {
  repo?: string;
  team?: string;
}

/** A repository the asker named but may not read (or that does not exist: the two answer alike). */
export class ScopeRefused extends Error {}

/** The repositories the principal may read, by id and name: the most any view of theirs covers. */
export async function readableRepositories(ledgers: PostgresLedgers, principal: Principal): Promise<{ id: string; name: string }[]> {
  const rows = await ledgers.db.selectFrom('repositories').select(['id', 'name']).orderBy('name').execute();
  return rows.map((row) => ({ id: String(row.id), name: row.name })).filter((row) => allowed(principal, 'read', row.id));
}

/**
 * The scope of a request: what the principal may read, narrowed by the repository or team it names. A
 * repository they may not read is refused, as one that does not exist; a team narrows to its repositories
 * they may read (a team of none they may read is an empty scope, and says nothing of the team).
 */
export async function insightScope(ledgers: PostgresLedgers, teams: TeamStore, principal: Principal, request: InsightRequest): Promise<InsightScope> {
  let readable = await readableRepositories(ledgers, principal);
  if (request.repo !== undefined) {
    readable = readable.filter((row) => row.name === request.repo);
    if (readable.length === 0) throw new ScopeRefused(`you may not read ${request.repo}, or it does not exist`);
  }
  if (request.team !== undefined) {
    const team = (await teams.list()).find((candidate) => candidate.name === request.team);
    const members = new Set(team?.repositoryIds ?? []);
    readable = readable.filter((row) => members.has(row.id));
  }
  return { repositoryIds: readable.map((row) => row.id) };
}

/** The rows of one view for a scope and filters, as the API serves them. */
export async function insightRows(ledgers: PostgresLedgers, teams: TeamStore, view: InsightView, scope: InsightScope, filters: InsightFilters): Promise<object[]> {
  const db = ledgers.insights;
  switch (view) {
    case 'repositories':
      return repositoryStates(db, scope);
    case 'queue':
      return reviewQueue(db, scope);
    case 'degradation':
      return degradationByPosition(db, scope, filters);
    case 'models':
      return modelsAndTools(db, scope, filters);
    case 'models-cwe':
      return modelsByCwe(db, scope, filters);
    case 'people':
      return authors(db, scope, filters);
    case 'teams': {
      const inScope = new Set(scope.repositoryIds);
      const rows = [];
      for (const team of await teams.list()) {
        const repositoryIds = team.repositoryIds.filter((id) => inScope.has(id));
        if (repositoryIds.length > 0) rows.push({ team: team.name, repositories: repositoryIds.length, ...(await reviewCoverage(db, { repositoryIds }, filters)) });
      }
      return rows;
    }
    case 'proficiency':
      return reviewerProficiency(db, scope, filters);
    case 'trends':
      return trends(db, scope, filters);
  }
}
