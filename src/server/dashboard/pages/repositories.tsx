import { repositoryStates, type RepositoryRow } from '../../../ledger/insights/repositories.js';
import { DataLinks, Time } from '../components/chart.js';
import { apiHref, optionsFor, scopeOf } from '../insight-request.js';
import type { DashboardView } from '../view.js';

/** Where a repository's last iteration is shown (and reviewed). */
export const iterationHref = (repository: string, seq: number) => `/dashboard/iteration?repo=${encodeURIComponent(repository)}&seq=${seq}`;

/** The chain as `2 of 3`, with words when it is at or over the limit (never colour alone). */
export const ChainCell = ({ row }: { row: RepositoryRow }) => (
  <td class="num">
    {row.chainLimit === null ? row.chain : `${row.chain} of ${row.chainLimit}`}
    {row.chainLimit !== null && row.chain >= row.chainLimit ? <strong class="alert"> review needed</strong> : null}
  </td>
);

/** Whether the chain's records run 1…head with none missing: a gap is records deleted from the ledger. */
const LedgerCell = ({ row }: { row: RepositoryRow }) =>
  row.records === row.head ? (
    <td>no gaps ({row.records} records)</td>
  ) : (
    <td>
      <strong class="alert">broken: {row.head - row.records} of {row.head} records missing</strong>
    </td>
  );

/** Repositories: those the person may read, with chain state, open findings, last review and the ledger's continuity. */
export const repositoriesView: DashboardView = {
  path: '/repositories',
  label: 'Repositories',
  mayView: () => true,
  async render(request) {
    const rows = await repositoryStates(request.ledgers.insights, await scopeOf(request));
    const narrowed = request.filters.repository !== undefined || request.filters.team !== undefined;
    return {
      title: 'Repositories',
      filterOptions: await optionsFor(request, { dimensions: false, dates: false }),
      body: (
        <>
          {rows.length === 0 ? (
            <p>{narrowed ? 'No repository you may read matches these filters.' : 'You may read no repository yet: an administrator assigns repositories to accounts.'}</p>
          ) : (
            <table id="repositories-table">
              <caption>{narrowed ? `Repositories matching the filters: ${rows.length}` : `Repositories you may read: ${rows.length}`}</caption>
              <thead>
                <tr>
                  <th scope="col">Repository</th>
                  <th scope="col" class="num">AI chain</th>
                  <th scope="col" class="num">Open findings</th>
                  <th scope="col">Last iteration</th>
                  <th scope="col">Last review</th>
                  <th scope="col">Ledger</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr>
                    <th scope="row">{row.name}</th>
                    <ChainCell row={row} />
                    <td class="num">
                      {row.openFindings}
                      {row.openBlocking > 0 ? <strong class="alert"> ({row.openBlocking} blocking)</strong> : null}
                    </td>
                    <td>
                      {row.lastIteration ? (
                        <a href={iterationHref(row.name, row.lastIteration.seq)}>
                          #{row.lastIteration.seq}, {row.lastIteration.verdict}, <Time at={row.lastIteration.at} />
                        </a>
                      ) : (
                        <span class="muted">nothing recorded yet</span>
                      )}
                    </td>
                    <td>
                      {row.lastReview ? (
                        <>
                          {row.lastReview.decision === 'approve' ? 'approved' : 'rejected'} by {row.lastReview.reviewer}, <Time at={row.lastReview.at} />
                        </>
                      ) : (
                        <span class="muted">never reviewed</span>
                      )}
                    </td>
                    <LedgerCell row={row} />
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <DataLinks json={apiHref('repositories', request.filters, 'json')} csv={apiHref('repositories', request.filters, 'csv')} />
        </>
      ),
    };
  },
};
