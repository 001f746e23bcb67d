import type { UserRole } from '../accounts.js';
import type { DashboardView, Person } from './view.js';
import { degradationView } from './pages/degradation.js';
import { modelsView } from './pages/models.js';
import { peopleView } from './pages/people.js';
import { queueView } from './pages/queue.js';
import { repositoriesView } from './pages/repositories.js';
import { trendsView } from './pages/trends.js';

/** The data views, in navigation order. Adding a view is its page file and one line here. */
export const VIEWS: readonly DashboardView[] = [queueView, degradationView, modelsView, peopleView, trendsView, repositoriesView];

/** Where each role lands first, best first; a view not registered yet is skipped. */
const LANDING: Record<UserRole, readonly string[]> = {
  reviewer: ['/queue'],
  lead: ['/degradation'],
  admin: ['/degradation'],
  developer: ['/repositories'],
};

/** The views `person` may see, in navigation order. */
export function navigationFor(person: Person, views: readonly DashboardView[] = VIEWS): DashboardView[] {
  return views.filter((view) => view.mayView(person));
}

/** The view a person lands on: the role's own when it exists, else the first they may see (undefined: none). */
export function landingFor(person: Person, views: readonly DashboardView[] = VIEWS): DashboardView | undefined {
  const visible = navigationFor(person, views);
  for (const path of LANDING[person.role]) {
    const view = visible.find((candidate) => candidate.path === path);
    if (view) return view;
  }
  return visible[0];
}
