import { repositorySummaries, type RepositorySummary } from '../repository-summaries.js';
import type { DashboardView } from '../view.js';

const PATH = '/repositories';

/** `2026-11-26T20:13:05.123Z` → `2026-11-26 20:13 UTC`. */
function utcMinute(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(iso) ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : iso;
}

const Row = ({ summary }: { summary: RepositorySummary }) => (
  <tr>
    <th scope="row">{summary.name}</th>
    <td class="num">{summary.records}</td>
    <td class="num">{summary.head ? summary.head.seq : <span class="muted">none</span>}</td>
    <td>{summary.head ? <time datetime={summary.head.recordedAt}>{utcMinute(summary.head.recordedAt)}</time> : <span class="muted">nothing recorded yet</span>}</td>
  </tr>
);

/** Repositories: those the person may read, each with its record count and head. */
export const repositoriesView: DashboardView = {
  path: PATH,
  label: 'Repositories',
  mayView: () => true,
  async render({ person, filters, ledgers }) {
    const all = await repositorySummaries(ledgers, person);
    const shown = filters.repository === undefined ? all : all.filter((summary) => summary.name === filters.repository);
    const filterOptions = { repositories: all.map((summary) => summary.name) };
    const caption = filters.repository === undefined ? `Repositories you may read: ${all.length}` : `Repository ${filters.repository}`;
    return {
      title: 'Repositories',
      filterOptions,
      body: (
        <>
          {shown.length === 0 ? (
            <p>{filters.repository === undefined ? 'You may read no repository yet: an administrator assigns repositories to accounts.' : `No repository named ${filters.repository} among those you may read.`}</p>
          ) : (
            <table>
              <caption>{caption}</caption>
              <thead>
                <tr>
                  <th scope="col">Repository</th>
                  <th scope="col" class="num">
                    Records
                  </th>
                  <th scope="col" class="num">
                    Head record
                  </th>
                  <th scope="col">Last recorded</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((summary) => (
                  <Row summary={summary} />
                ))}
              </tbody>
            </table>
          )}
        </>
      ),
    };
  },
};
