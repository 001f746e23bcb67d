import type { FC } from 'hono/jsx';
import { FILTER_LABELS, type DashboardFilters, type FilterOptions } from '../filter-query.js';

type ChoiceField = 'repository' | 'team' | 'tool' | 'model' | 'strategy';
const CHOICES: [ChoiceField, keyof FilterOptions, string][] = [
  ['repository', 'repositories', 'All repositories'],
  ['team', 'teams', 'All teams'],
  ['tool', 'tools', 'All tools'],
  ['model', 'models', 'All models'],
  ['strategy', 'strategies', 'All strategies'],
];

/** The filter form (GET, so the filters stay in the URL): the fields the page offers options for, each labelled. */
export const FilterForm: FC<{ action: string; values: DashboardFilters; options: FilterOptions }> = ({ action, values, options }) => {
  const choices = CHOICES.filter(([, key]) => options[key] !== undefined);
  if (choices.length === 0 && !options.dates) return null;
  return (
    <form class="filters" method="get" action={action} role="search" aria-label="Filters">
      <fieldset>
        <legend>Filters</legend>
        {choices.map(([field, key, all]) => {
          const list = options[key] as readonly string[];
          const chosen = values[field];
          return (
            <div>
              <label for={`filter-${field}`}>{FILTER_LABELS[field]}</label>
              <select id={`filter-${field}`} name={field}>
                <option value="">{all}</option>
                {list.map((value) => (
                  <option value={value} selected={value === chosen}>
                    {value}
                  </option>
                ))}
                {chosen !== undefined && !list.includes(chosen) ? (
                  <option value={chosen} selected>
                    {chosen} (none)
                  </option>
                ) : null}
              </select>
            </div>
          );
        })}
        {options.dates
          ? (['from', 'to'] as const).map((field) => (
              <div>
                <label for={`filter-${field}`}>{FILTER_LABELS[field]}</label>
                <input id={`filter-${field}`} name={field} type="date" value={values[field] ?? ''} />
              </div>
            ))
          : null}
        <div>
          <button type="submit">Apply filters</button>
        </div>
      </fieldset>
    </form>
  );
};
