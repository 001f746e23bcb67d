import type { Child, FC } from 'hono/jsx';
import type { DashboardView, Person } from './view.js';
import type { DashboardFilters, FilterOptions } from './filter-query.js';
import { FilterForm } from './components/filters.js';

/** The URLs of the stylesheet and the script (content-hashed names). */
export interface AssetUrls {
  css: string;
  js: string;
}

/**
 * Every page's frame: a skip link, the header with the navigation (only the views the person may see) and the
 * logout form, then `<main id="main">` holding the page's one `<h1>` and, on a data view, its filter form.
 */
export const Layout: FC<{ title: string; assets: AssetUrls; person?: Person; navigation?: readonly DashboardView[]; current?: string; filters?: { values: DashboardFilters; options: FilterOptions }; children?: Child }> = ({ title, assets, person, navigation = [], current, filters, children }) => (
  <html lang="en">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{`${title} · loopwarden`}</title>
      {/* No favicon to fetch (a 404 on every page otherwise). */}
      <link rel="icon" href="data:," />
      <link rel="stylesheet" href={assets.css} />
      <script type="module" src={assets.js}></script>
    </head>
    <body>
      <a class="skip-link" href="#main">
        Skip to main content
      </a>
      <header class="site-header">
        <p class="brand">loopwarden</p>
        {person ? (
          <nav class="site-nav" aria-label="Dashboard">
            <ul>
              {navigation.map((view) => (
                <li>
                  <a href={`/dashboard${view.path}`} aria-current={view.path === current ? 'page' : undefined}>
                    {view.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        {person ? (
          <div class="account">
            <span>
              {person.name} ({person.role})
            </span>
            <form method="post" action="/dashboard/logout">
              <input type="hidden" name="csrf" value={person.csrfToken} />
              <button type="submit">Log out</button>
            </form>
          </div>
        ) : null}
      </header>
      <main id="main" tabindex={-1}>
        <h1>{title}</h1>
        {filters && current ? <FilterForm action={`/dashboard${current}`} values={filters.values} options={filters.options} /> : null}
        {children}
      </main>
    </body>
  </html>
);
