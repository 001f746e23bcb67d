import type { Finding } from '../../../findings/finding.js';
import { iterationsSinceLastReview } from '../../../iterations/review.js';
import type { LedgerRecord } from '../../../ledger/record.js';
import { cweGuide } from '../../../rules/cwe-guides.js';
import { utcMinute } from '../components/chart.js';
import type { Person } from '../view.js';

type IterationRecord = Extract<LedgerRecord, { kind: 'iteration' }>;

/** One finding as a reviewer reads it: where, what rule and weakness, the code, why it matters and how to fix it. */
const FindingCard = ({ finding }: { finding: Finding }) => {
  const guide = cweGuide(finding.cwe[0] ?? 'CWE-unknown');
  return (
    <li class="finding">
      <h4>
        {finding.path}:{finding.startLine} · {finding.severity} · <a href={guide.cweUrl}>{finding.cwe.join(', ') || 'no CWE'}</a> {guide.name !== guide.cwe ? guide.name : ''}
      </h4>
      <p class="muted">
        {finding.ruleId}
        {finding.function ? ` in ${finding.function}` : ''}
      </p>
      {finding.snippet ? (
        <pre>
          <code>{finding.snippet}</code>
        </pre>
      ) : null}
      <p>
        <strong>Why:</strong> {finding.message}
      </p>
      <p>
        <strong>Fix:</strong> {finding.fix}
      </p>
    </li>
  );
};

const Findings = ({ title, findings, empty }: { title: string; findings: readonly Finding[]; empty: string }) => (
  <section>
    <h2>
      {title} ({findings.length})
    </h2>
    {findings.length === 0 ? <p>{empty}</p> : <ul class="findings">{findings.map((finding) => <FindingCard finding={finding} />)}</ul>}
  </section>
);

/** What a review just recorded says, above the page. */
export interface Recorded {
  decision: 'approve' | 'reject';
  seq: number;
}

/**
 * One iteration for a reviewer: provenance, verdict and its reasons, the findings diff with code, why and fix,
 * complexity per function, and, when it is the state to review and the person may review, Approve and Reject.
 */
export function iterationPage(records: readonly LedgerRecord[], iteration: IterationRecord, repository: string, person: Person, mayReview: boolean, recorded?: Recorded) {
  const payload = iteration.payload;
  const pending = iterationsSinceLastReview(records);
  const last = [...records].reverse().find((record): record is IterationRecord => record.kind === 'iteration');
  const reviewable = mayReview && last?.seq === iteration.seq && pending.length > 0;
  const provenance = payload.provenance;
  const functions = (payload.functions ?? []).filter((change) => change.delta.cyclomatic !== 0 || change.status === 'added' || change.status === 'removed');
  return {
    title: `${repository}: iteration #${iteration.seq}`,
    body: (
      <>
        {recorded ? (
          <p class="notice" role="status">
            {recorded.decision === 'approve'
              ? `Approved (record #${recorded.seq}): the AI chain of ${repository} starts again, so its next AI iteration counts as 1.`
              : `Rejected (record #${recorded.seq}): the chain stays stopped until a change is approved.`}
          </p>
        ) : null}
        <dl class="provenance">
          <dt>Made by</dt>
          <dd>{provenance.actor === 'ai' ? 'an AI agent' : provenance.attestation === 'none' ? 'a person (unattested: nobody was seen at a terminal)' : 'a person'}</dd>
          <dt>Tool and model</dt>
          <dd>{[provenance.tool, provenance.model].filter(Boolean).join(' · ') || '–'}</dd>
          <dt>Prompt strategy</dt>
          <dd>{provenance.strategy ?? '–'}</dd>
          <dt>Author</dt>
          <dd>{provenance.author ?? '–'}</dd>
          <dt>Recorded</dt>
          <dd>{utcMinute(iteration.recordedAt)}</dd>
          <dt>Commit</dt>
          <dd>{payload.revision?.commit ? <code>{payload.revision.commit.slice(0, 12)}</code> : 'working tree'}</dd>
          <dt>Verdict</dt>
          <dd>
            <strong class={payload.verdict.level === 'pass' ? undefined : 'alert'}>{payload.verdict.level}</strong>, AI chain {payload.verdict.chain.aiIterationsSinceReview} of {payload.verdict.chain.limit}
          </dd>
          <dt>Risk</dt>
          <dd>
            {payload.risk.before} → {payload.risk.after}
          </dd>
          <dt>Complexity</dt>
          <dd>
            {payload.complexity.before} → {payload.complexity.after} ({payload.complexity.changePercent >= 0 ? '+' : ''}
            {payload.complexity.changePercent} %)
          </dd>
        </dl>
        {payload.verdict.reasons.length > 0 ? (
          <section>
            <h2>Why the verdict is {payload.verdict.level}</h2>
            <ul>
              {payload.verdict.reasons.map((reason) => (
                <li>
                  <strong>{reason.level}</strong>: {reason.message}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <Findings title="Introduced" findings={payload.introduced} empty="This iteration introduced no finding." />
        <Findings title="Fixed" findings={payload.fixed} empty="This iteration fixed no finding." />
        <Findings title="Edited but still there" findings={(payload.changed ?? []).map((change) => change.after)} empty="No finding's code was edited without fixing it." />
        <p>{payload.persistingCount} other findings persist unchanged.</p>
        <section>
          <h2>Complexity per function</h2>
          {functions.length === 0 ? (
            <p>No function's cyclomatic complexity changed.</p>
          ) : (
            <table>
              <caption>Functions whose complexity changed</caption>
              <thead>
                <tr>
                  <th scope="col">Function</th>
                  <th scope="col">Change</th>
                  <th scope="col" class="num">Cyclomatic</th>
                  <th scope="col" class="num">Cognitive</th>
                  <th scope="col" class="num">Nesting</th>
                </tr>
              </thead>
              <tbody>
                {functions.map((change) => (
                  <tr>
                    <th scope="row">
                      {change.path}: {change.name}
                    </th>
                    <td>{change.status}</td>
                    <td class="num">{signed(change.delta.cyclomatic)}</td>
                    <td class="num">{signed(change.delta.cognitive)}</td>
                    <td class="num">{signed(change.delta.maxNesting)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        {reviewable ? (
          <section>
            <h2>Review</h2>
            <p>
              Your review covers the {pending.length} {pending.length === 1 ? 'iteration' : 'iterations'} since the last review (#{pending.map((record) => record.seq).join(', #')}). Approving accepts this state and starts the AI
              chain again for the repository's checks and hooks; rejecting keeps it stopped.
            </p>
            <form class="review-form" method="post" action="/dashboard/review">
              <input type="hidden" name="csrf" value={person.csrfToken} />
              <input type="hidden" name="repo" value={repository} />
              <input type="hidden" name="head" value={iteration.hash} />
              <input type="hidden" name="seq" value={String(iteration.seq)} />
              <label for="review-note">Note (what you checked, or what must change)</label>
              <textarea id="review-note" name="note" maxlength={2000}></textarea>
              <div class="actions">
                <button type="submit" name="decision" value="approve">
                  Approve
                </button>
                <button type="submit" name="decision" value="reject">
                  Reject
                </button>
              </div>
            </form>
          </section>
        ) : mayReview && last?.seq !== iteration.seq && last ? (
          <p>
            A later iteration was recorded: <a href={`/dashboard/iteration?repo=${encodeURIComponent(repository)}&seq=${last.seq}`}>review #{last.seq}</a>.
          </p>
        ) : null}
      </>
    ),
  };
}

const signed = (value: number) => (value > 0 ? `+${value}` : String(value));
