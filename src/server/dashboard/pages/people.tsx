import { authors, type CoverageTotals } from '../../../ledger/insights/people.js';
import { mostMissed, reviewerProficiency, type ProficiencyRow } from '../../../ledger/insights/proficiency.js';
import { cweGuide } from '../../../rules/cwe-guides.js';
import { insightRows } from '../../insight-views.js';
import { DataLinks, figure, percent } from '../components/chart.js';
import { apiHref, filtersOf, optionsFor, scopeOf } from '../insight-request.js';
import type { DashboardView } from '../view.js';

/** Fewer findings than this make a catch rate too thin to read much into: shown, but marked. */
const THIN = 5;

/** People: AI share and review coverage per author and team, and each reviewer's catch rate per CWE with a learning plan. */
export const peopleView: DashboardView = {
  path: '/people',
  label: 'People',
  mayView: () => true,
  async render(request) {
    const scope = await scopeOf(request);
    const filters = filtersOf(request.filters);
    const [people, teams, proficiency] = await Promise.all([
      authors(request.ledgers.insights, scope, filters),
      insightRows(request.ledgers, request.teams, 'teams', scope, filters) as Promise<(CoverageTotals & { team: string; repositories: number })[]>,
      reviewerProficiency(request.ledgers.insights, scope, { ...(filters.from ? { from: filters.from } : {}), ...(filters.to ? { to: filters.to } : {}) }),
    ]);
    const reviewers = [...new Set(proficiency.map((row) => row.reviewer))];
    const totals = (reviewer: string) => {
      const mine = proficiency.filter((row) => row.reviewer === reviewer);
      const caught = mine.reduce((sum, row) => sum + row.caught, 0);
      const missed = mine.reduce((sum, row) => sum + row.missed, 0);
      return { caught, missed, rate: caught + missed > 0 ? caught / (caught + missed) : null };
    };
    return {
      title: 'People',
      filterOptions: await optionsFor(request, { dimensions: true, dates: true }),
      body: (
        <>
          <h2>Authors</h2>
          {people.length === 0 ? (
            <p>No iteration matches these filters.</p>
          ) : (
            <table id="authors-table">
              <caption>Per author (as the iterations' provenance names them)</caption>
              <thead>
                <tr>
                  <th scope="col">Author</th>
                  <th scope="col" class="num">Iterations</th>
                  <th scope="col" class="num">AI share</th>
                  <th scope="col" class="num">AI iterations reviewed</th>
                  <th scope="col" class="num">Median time to review</th>
                </tr>
              </thead>
              <tbody>
                {people.map((row) => (
                  <tr>
                    <th scope="row">{row.author ?? <span class="muted">not recorded</span>}</th>
                    <CoverageCells row={row} />
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <DataLinks json={apiHref('people', request.filters, 'json')} csv={apiHref('people', request.filters, 'csv')} />
          {teams.length > 0 ? (
            <>
              <h2>Teams</h2>
              <table id="teams-table">
                <caption>Per team (the team's repositories you may read)</caption>
                <thead>
                  <tr>
                    <th scope="col">Team</th>
                    <th scope="col" class="num">Repositories</th>
                    <th scope="col" class="num">Iterations</th>
                    <th scope="col" class="num">AI share</th>
                    <th scope="col" class="num">AI iterations reviewed</th>
                    <th scope="col" class="num">Median time to review</th>
                  </tr>
                </thead>
                <tbody>
                  {teams.map((row) => (
                    <tr>
                      <th scope="row">{row.team}</th>
                      <td class="num">{row.repositories}</td>
                      <CoverageCells row={row} />
                    </tr>
                  ))}
                </tbody>
              </table>
              <DataLinks json={apiHref('teams', request.filters, 'json')} csv={apiHref('teams', request.filters, 'csv')} />
            </>
          ) : null}
          <h2>Reviewer proficiency</h2>
          <p>
            Of the findings open in a state a reviewer judged: <strong>caught</strong> when they rejected it, or it was fixed before their approval; <strong>missed</strong> when they approved it and a later
            iteration fixed it (so it was a real problem). Findings approved and never fixed are counted apart. Tool, model and strategy filters do not apply: a review judges the whole state.
          </p>
          {reviewers.length === 0 ? (
            <p>No review in these repositories saw an open finding yet.</p>
          ) : (
            <>
              {reviewers.map((reviewer) => (
                <LearningPlan reviewer={reviewer} totals={totals(reviewer)} worst={mostMissed(proficiency, reviewer)} />
              ))}
              <table id="proficiency-table">
                <caption>Per reviewer and CWE</caption>
                <thead>
                  <tr>
                    <th scope="col">Reviewer</th>
                    <th scope="col">CWE</th>
                    <th scope="col" class="num">Caught</th>
                    <th scope="col" class="num">Missed</th>
                    <th scope="col" class="num">Catch rate</th>
                    <th scope="col" class="num">Accepted, never fixed</th>
                  </tr>
                </thead>
                <tbody>
                  {proficiency.map((row) => (
                    <tr>
                      <th scope="row">{row.reviewer}</th>
                      <td>
                        {row.cwe} {cweGuide(row.cwe).name !== row.cwe ? cweGuide(row.cwe).name : ''}
                      </td>
                      <td class="num">{row.caught}</td>
                      <td class="num">{row.missed}</td>
                      <td class="num">
                        {percent(row.catchRate)}
                        {row.caught + row.missed < THIN ? <span class="muted"> (few)</span> : null}
                      </td>
                      <td class="num">{row.accepted}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          <DataLinks json={apiHref('proficiency', request.filters, 'json')} csv={apiHref('proficiency', request.filters, 'csv')} />
        </>
      ),
    };
  },
};

/** Iterations, AI share, review coverage and median time to review: the cells an author's row and a team's share. */
const CoverageCells = ({ row }: { row: CoverageTotals }) => (
  <>
    <td class="num">{row.iterations}</td>
    <td class="num">{percent(row.aiShare)}</td>
    <td class="num">
      {percent(row.reviewCoverage)} <span class="muted">({row.reviewedAiIterations} of {row.aiIterations})</span>
    </td>
    <td class="num">{row.medianHoursToReview === null ? '–' : `${figure(row.medianHoursToReview, 1)} h`}</td>
  </>
);

/** One reviewer's catch rate and the CWEs they miss most, each with where to learn the defence. */
const LearningPlan = ({ reviewer, totals, worst }: { reviewer: string; totals: { caught: number; missed: number; rate: number | null }; worst: ProficiencyRow[] }) => (
  <section class="learning-plan" aria-label={`${reviewer}: learning plan`}>
    <h3>{reviewer}</h3>
    <p>
      Catch rate {percent(totals.rate)} ({totals.caught} caught, {totals.missed} missed).
    </p>
    {worst.length === 0 ? (
      <p>Nothing missed yet.</p>
    ) : (
      <ul>
        {worst.map((row) => {
          const guide = cweGuide(row.cwe);
          return (
            <li>
              Missed {row.missed} × <a href={guide.cweUrl}>{row.cwe}</a> {guide.name !== row.cwe ? guide.name : ''}
              {guide.cheatSheet ? (
                <>
                  {' '}
                  — read the <a href={guide.cheatSheet.url}>OWASP {guide.cheatSheet.title}</a>
                </>
              ) : null}
            </li>
          );
        })}
      </ul>
    )}
  </section>
);
