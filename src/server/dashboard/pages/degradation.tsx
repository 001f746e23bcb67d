import { degradationByPosition } from '../../../ledger/insights/degradation.js';
import { degradationSpec } from '../../../report/dashboard-charts.js';
import { Chart, DataLinks, chartSvg, figure } from '../components/chart.js';
import { apiHref, filtersOf, optionsFor, scopeOf } from '../insight-request.js';
import type { DashboardView } from '../view.js';

/** Degradation by chain position: introduced findings per AI iteration at each position since the last approval, with the policy limit. */
export const degradationView: DashboardView = {
  path: '/degradation',
  label: 'Degradation',
  mayView: () => true,
  async render(request) {
    const scope = await scopeOf(request);
    const rows = await degradationByPosition(request.ledgers.insights, scope, filtersOf(request.filters));
    const limit = request.policy.chain.maxConsecutiveAiIterations;
    const beyond = rows.filter((row) => row.position > limit);
    const within = rows.filter((row) => row.position >= 1 && row.position <= limit);
    const rate = (list: typeof rows) => list.reduce((sum, row) => sum + row.introduced, 0) / Math.max(1, list.reduce((sum, row) => sum + row.aiIterations, 0));
    return {
      title: 'Degradation by chain position',
      filterOptions: await optionsFor(request, { dimensions: true, dates: true }),
      body: (
        <>
          <p>
            Findings each AI iteration introduced, by its position in the chain of AI iterations since the last approval, over {scope.repositoryIds.length} {scope.repositoryIds.length === 1 ? 'repository' : 'repositories'}. The
            study behind loopwarden found vulnerabilities rising with every unreviewed AI iteration; the policy stops a chain for review at {limit}.
          </p>
          {rows.length === 0 ? (
            <p>No AI iteration matches these filters.</p>
          ) : (
            <>
              <Chart
                svg={await chartSvg(degradationSpec(rows, limit))}
                caption={`Findings introduced per AI iteration by chain position; the dashed line is the policy limit (${limit}).`}
                description={`Line chart: findings introduced per AI iteration at positions ${rows[0]!.position} to ${rows[rows.length - 1]!.position}; ${figure(rate(within))} per iteration up to the limit${beyond.length > 0 ? `, ${figure(rate(beyond))} beyond it` : ''}.`}
                table="degradation-table"
              />
              <table id="degradation-table">
                <caption>Findings introduced per AI iteration, by position in the chain</caption>
                <thead>
                  <tr>
                    <th scope="col" class="num">Position</th>
                    <th scope="col" class="num">AI iterations</th>
                    <th scope="col" class="num">Introduced</th>
                    <th scope="col" class="num">Per iteration</th>
                    <th scope="col" class="num">Critical + high per iteration</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr class={row.position > limit ? 'over-limit' : undefined}>
                      <th scope="row" class="num">
                        {row.position}
                        {row.position > limit ? ' (over the limit)' : ''}
                      </th>
                      <td class="num">{row.aiIterations}</td>
                      <td class="num">{row.introduced}</td>
                      <td class="num">{figure(row.introducedPerIteration, 3)}</td>
                      <td class="num">{figure(row.criticalHighPerIteration, 3)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          <DataLinks json={apiHref('degradation', request.filters, 'json')} csv={apiHref('degradation', request.filters, 'csv')} />
        </>
      ),
    };
  },
};
