import { reviewQueue } from '../../../ledger/insights/repositories.js';
import { allowed } from '../../permissions.js';
import { readableRepositories } from '../../insight-views.js';
import { DataLinks, Time } from '../components/chart.js';
import { apiHref, optionsFor, scopeOf } from '../insight-request.js';
import type { DashboardView } from '../view.js';
import { ChainCell, iterationHref } from './repositories.js';

/** The review queue: repositories whose AI chain reached the limit or whose open findings block, the longest waiting first. */
export const queueView: DashboardView = {
  path: '/queue',
  label: 'Review queue',
  mayView: (person) => person.role !== 'developer',
  async render(request) {
    const rows = await reviewQueue(request.ledgers.insights, await scopeOf(request));
    const ids = new Map((await readableRepositories(request.ledgers, request.person)).map((row) => [row.name, row.id]));
    const mayReview = (name: string) => allowed(request.person, 'record-review', ids.get(name));
    return {
      title: 'Review queue',
      filterOptions: await optionsFor(request, { dimensions: false, dates: false }),
      body: (
        <>
          <p>Repositories whose chain of AI iterations reached the policy's limit, or whose open findings block, and that nobody approved since. The longest waiting come first.</p>
          {rows.length === 0 ? (
            <p>Nothing waits for review.</p>
          ) : (
            <table id="queue-table">
              <caption>Waiting for review: {rows.length}</caption>
              <thead>
                <tr>
                  <th scope="col">Repository</th>
                  <th scope="col" class="num">AI chain</th>
                  <th scope="col" class="num">Blocking findings</th>
                  <th scope="col">Waiting since</th>
                  <th scope="col">Last review</th>
                  <th scope="col">Action</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr>
                    <th scope="row">{row.name}</th>
                    <ChainCell row={row} />
                    <td class="num">{row.openBlocking}</td>
                    <td>
                      <Time at={row.waitingSince} />
                    </td>
                    <td>{row.lastReview ? `${row.lastReview.decision === 'approve' ? 'approved' : 'rejected'} by ${row.lastReview.reviewer}` : <span class="muted">never reviewed</span>}</td>
                    <td>
                      <a href={iterationHref(row.name, row.lastIteration!.seq)}>{mayReview(row.name) ? `Review #${row.lastIteration!.seq}` : `Open #${row.lastIteration!.seq}`}</a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <DataLinks json={apiHref('queue', request.filters, 'json')} csv={apiHref('queue', request.filters, 'csv')} />
        </>
      ),
    };
  },
};
