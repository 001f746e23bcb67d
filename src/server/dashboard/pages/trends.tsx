import { trends } from '../../../ledger/insights/trends.js';
import { trendsSpec } from '../../../report/dashboard-charts.js';
import { Chart, DataLinks, chartSvg, figure } from '../components/chart.js';
import { apiHref, filtersOf, optionsFor, scopeOf } from '../insight-request.js';
import type { DashboardView } from '../view.js';

/** Trends: open findings, risk and unreviewed AI iterations per day, for the repositories or team chosen. */
export const trendsView: DashboardView = {
  path: '/trends',
  label: 'Trends',
  mayView: () => true,
  async render(request) {
    const scope = await scopeOf(request);
    const { from, to } = filtersOf(request.filters);
    const rows = await trends(request.ledgers.insights, scope, { ...(from ? { from } : {}), ...(to ? { to } : {}) });
    const last = rows[rows.length - 1];
    return {
      title: 'Trends',
      filterOptions: await optionsFor(request, { dimensions: false, dates: true }),
      body: (
        <>
          <p>
            At the end of each day (UTC): findings introduced since each repository's last accepted state and still open, the summed risk score of each repository's latest state, and AI iterations no
            review has covered yet.
          </p>
          {rows.length === 0 ? (
            <p>Nothing was recorded in this range.</p>
          ) : (
            <>
              <Chart
                svg={await chartSvg(trendsSpec(rows))}
                caption="Open findings, unreviewed AI iterations and risk score per day."
                description={`Three line charts from ${rows[0]!.day} to ${last!.day}; at the end: ${last!.openFindings} open findings, ${last!.unreviewedAiIterations} unreviewed AI iterations, risk ${figure(last!.risk, 1)}.`}
                table="trends-table"
              />
              <table id="trends-table">
                <caption>Per day</caption>
                <thead>
                  <tr>
                    <th scope="col">Day</th>
                    <th scope="col" class="num">Open findings</th>
                    <th scope="col" class="num">Unreviewed AI iterations</th>
                    <th scope="col" class="num">Risk score</th>
                  </tr>
                </thead>
                <tbody>
                  {[...rows].reverse().map((row) => (
                    <tr>
                      <th scope="row">{row.day}</th>
                      <td class="num">{row.openFindings}</td>
                      <td class="num">{row.unreviewedAiIterations}</td>
                      <td class="num">{figure(row.risk, 1)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          <DataLinks json={apiHref('trends', request.filters, 'json')} csv={apiHref('trends', request.filters, 'csv')} />
        </>
      ),
    };
  },
};
