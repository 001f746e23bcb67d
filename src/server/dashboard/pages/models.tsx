import { modelsAndTools, modelsByCwe } from '../../../ledger/insights/models.js';
import { complexitySpec, heatMapSpec, modelLabel, modelsSpec } from '../../../report/dashboard-charts.js';
import { cweGuide } from '../../../rules/cwe-guides.js';
import { Chart, DataLinks, chartSvg, figure } from '../components/chart.js';
import { apiHref, filtersOf, optionsFor, scopeOf } from '../insight-request.js';
import type { DashboardView } from '../view.js';

/** Models and tools: introduced findings per 100 AI iterations, the model × CWE heat map, complexity growth. */
export const modelsView: DashboardView = {
  path: '/models',
  label: 'Models',
  mayView: () => true,
  async render(request) {
    const scope = await scopeOf(request);
    const filters = filtersOf(request.filters);
    const [models, cells] = await Promise.all([modelsAndTools(request.ledgers.insights, scope, filters), modelsByCwe(request.ledgers.insights, scope, filters)]);
    const worst = [...cells].sort((a, b) => b.per100 - a.per100)[0];
    return {
      title: 'Models and tools',
      filterOptions: await optionsFor(request, { dimensions: true, dates: true }),
      body: (
        <>
          {models.length === 0 ? (
            <p>No AI iteration matches these filters.</p>
          ) : (
            <>
              <h2>Findings introduced per 100 AI iterations</h2>
              <Chart
                svg={await chartSvg(modelsSpec(models))}
                caption="Findings introduced per 100 AI iterations, by tool and model."
                description={`Bar chart: ${models.map((row) => `${modelLabel(row)} ${figure(row.introducedPer100, 1)}`).join('; ')}.`}
                table="models-table"
              />
              <table id="models-table">
                <caption>Per tool and model</caption>
                <thead>
                  <tr>
                    <th scope="col">Tool</th>
                    <th scope="col">Model</th>
                    <th scope="col" class="num">AI iterations</th>
                    <th scope="col" class="num">Introduced</th>
                    <th scope="col" class="num">Per 100 AI iterations</th>
                    <th scope="col" class="num">Complexity added per AI iteration</th>
                  </tr>
                </thead>
                <tbody>
                  {models.map((row) => (
                    <tr>
                      <th scope="row">{row.tool ?? 'unknown'}</th>
                      <td>{row.model ?? 'unknown'}</td>
                      <td class="num">{row.aiIterations}</td>
                      <td class="num">{row.introduced}</td>
                      <td class="num">{figure(row.introducedPer100, 1)}</td>
                      <td class="num">{figure(row.complexityGrowthPerIteration, 2)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <DataLinks json={apiHref('models', request.filters, 'json')} csv={apiHref('models', request.filters, 'csv')} />
              <h2>Which models introduce which weaknesses</h2>
              {cells.length === 0 ? (
                <p>The AI iterations that match introduced no findings.</p>
              ) : (
                <>
                  <Chart
                    svg={await chartSvg(heatMapSpec(cells))}
                    caption="Findings of each CWE introduced per 100 AI iterations of each model; each cell prints its value."
                    description={`Heat map of ${cells.length} model and CWE pairs${worst ? `; the highest is ${worst.model ?? 'unknown'} with ${worst.cwe} at ${figure(worst.per100, 1)} per 100 AI iterations` : ''}.`}
                    table="models-cwe-table"
                  />
                  <table id="models-cwe-table">
                    <caption>Per model and CWE</caption>
                    <thead>
                      <tr>
                        <th scope="col">Model</th>
                        <th scope="col">CWE</th>
                        <th scope="col" class="num">Introduced</th>
                        <th scope="col" class="num">Per 100 AI iterations</th>
                      </tr>
                    </thead>
                    <tbody>
                      {cells.map((cell) => (
                        <tr>
                          <th scope="row">{cell.model ?? 'unknown'}</th>
                          <td>
                            <a href={cweGuide(cell.cwe).cweUrl}>{cell.cwe}</a> {cweGuide(cell.cwe).name !== cell.cwe ? cweGuide(cell.cwe).name : ''}
                          </td>
                          <td class="num">{cell.introduced}</td>
                          <td class="num">{figure(cell.per100, 1)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </>
              )}
              <DataLinks json={apiHref('models-cwe', request.filters, 'json')} csv={apiHref('models-cwe', request.filters, 'csv')} />
              <h2>Complexity growth</h2>
              <Chart
                svg={await chartSvg(complexitySpec(models))}
                caption="Total cyclomatic complexity added per AI iteration, by tool and model."
                description={`Bar chart: ${models.map((row) => `${modelLabel(row)} ${figure(row.complexityGrowthPerIteration, 2)}`).join('; ')}.`}
                table="models-table"
              />
            </>
          )}
        </>
      ),
    };
  },
};
