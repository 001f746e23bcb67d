import type { IterationPayload, LedgerRecord, ReviewPayload } from '../../../src/ledger/record.js';

// The dashboard's figures computed the slow, obvious way from the records themselves (no projection, no SQL),
// to check the queries against.

type Chains = Record<string, LedgerRecord[]>;
type Iteration = { repo: string; seq: number; at: number; payload: IterationPayload };
type Review = { repo: string; seq: number; at: number; payload: ReviewPayload };

const iterationsOf = (chains: Chains): Iteration[] =>
  Object.entries(chains).flatMap(([repo, records]) => records.flatMap((record) => (record.kind === 'iteration' ? [{ repo, seq: record.seq, at: Date.parse(record.recordedAt), payload: record.payload }] : [])));
const reviewsOf = (chains: Chains, repo: string): Review[] =>
  (chains[repo] ?? []).flatMap((record) => (record.kind === 'review' ? [{ repo, seq: record.seq, at: Date.parse(record.recordedAt), payload: record.payload }] : []));
const isAi = (iteration: Iteration) => iteration.payload.provenance.actor === 'ai';

/** introduced per AI iteration by chain position. */
export function degradation(chains: Chains): { position: number; aiIterations: number; introduced: number }[] {
  const by = new Map<number, { position: number; aiIterations: number; introduced: number }>();
  for (const iteration of iterationsOf(chains).filter(isAi)) {
    const position = iteration.payload.verdict.chain.aiIterationsSinceReview;
    const row = by.get(position) ?? { position, aiIterations: 0, introduced: 0 };
    row.aiIterations++;
    row.introduced += iteration.payload.introduced.length;
    by.set(position, row);
  }
  return [...by.values()].sort((a, b) => a.position - b.position);
}

/** introduced per model and CWE. */
export function modelCwe(chains: Chains): Map<string, number> {
  const counts = new Map<string, number>();
  for (const iteration of iterationsOf(chains).filter(isAi)) {
    for (const item of iteration.payload.introduced) {
      const key = `${iteration.payload.provenance.model}|${item.cwe[0]}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

/** When each iteration was first reviewed: a review listing it, or the approval that accepted it (the first approval after it). */
export function firstReviewed(chains: Chains, repo: string, seq: number): number | undefined {
  const times = reviewsOf(chains, repo)
    .filter((review) => review.seq > seq && (review.payload.covers.includes(seq) || review.payload.decision === 'approve'))
    .map((review) => review.at);
  return times.length > 0 ? Math.min(...times) : undefined;
}

/** Per author: iterations, AI iterations, AI iterations reviewed. */
export function authors(chains: Chains): Map<string, { iterations: number; aiIterations: number; reviewed: number }> {
  const by = new Map<string, { iterations: number; aiIterations: number; reviewed: number }>();
  for (const iteration of iterationsOf(chains)) {
    const author = iteration.payload.provenance.author ?? '';
    const row = by.get(author) ?? { iterations: 0, aiIterations: 0, reviewed: 0 };
    row.iterations++;
    if (isAi(iteration)) {
      row.aiIterations++;
      if (firstReviewed(chains, iteration.repo, iteration.seq) !== undefined) row.reviewed++;
    }
    by.set(author, row);
  }
  return by;
}

/** Caught, missed and accepted per reviewer and CWE, by the definitions of proficiency.ts, from the records. */
export function proficiency(chains: Chains): Map<string, { caught: number; missed: number; accepted: number }> {
  const verdicts = new Map<string, { caught: boolean; missed: boolean; approvedOpen: boolean }>();
  for (const [repo, records] of Object.entries(chains)) {
    const note = (reviewer: string, cwe: string, fingerprint: string, change: Partial<{ caught: boolean; missed: boolean; approvedOpen: boolean }>) => {
      const key = `${reviewer}|${cwe}|${repo}|${fingerprint}`;
      const now = verdicts.get(key) ?? { caught: false, missed: false, approvedOpen: false };
      verdicts.set(key, { caught: now.caught || !!change.caught, missed: now.missed || !!change.missed, approvedOpen: now.approvedOpen || !!change.approvedOpen });
    };
    let lastApproval = 0;
    for (const record of records) {
      if (record.kind !== 'review') continue;
      const { reviewer, decision } = record.payload;
      const head = records.filter((other) => other.kind === 'iteration' && other.seq < record.seq).at(-1);
      for (const item of head?.kind === 'iteration' ? (head.payload.open ?? []) : []) {
        const fixedLater = records.some((other) => other.kind === 'iteration' && other.seq > record.seq && other.payload.fixed.some((fixed) => fixed.fingerprint === item.fingerprint));
        if (decision === 'reject') note(reviewer, item.cwe[0]!, item.fingerprint, { caught: true });
        else note(reviewer, item.cwe[0]!, item.fingerprint, { approvedOpen: true, missed: fixedLater });
      }
      if (decision !== 'approve') continue;
      const window = records.filter((other) => other.kind === 'iteration' && other.seq > lastApproval && other.seq < record.seq) as Extract<LedgerRecord, { kind: 'iteration' }>[];
      for (const introducing of window) {
        for (const item of introducing.payload.introduced) {
          if (window.some((other) => other.seq > introducing.seq && other.payload.fixed.some((fixed) => fixed.fingerprint === item.fingerprint))) note(reviewer, item.cwe[0]!, item.fingerprint, { caught: true });
        }
      }
      lastApproval = record.seq;
    }
  }
  const totals = new Map<string, { caught: number; missed: number; accepted: number }>();
  for (const [key, verdict] of verdicts) {
    const [reviewer, cwe] = key.split('|');
    const row = totals.get(`${reviewer}|${cwe}`) ?? { caught: 0, missed: 0, accepted: 0 };
    if (verdict.missed) row.missed++;
    else if (verdict.caught) row.caught++;
    else if (verdict.approvedOpen) row.accepted++;
    totals.set(`${reviewer}|${cwe}`, row);
  }
  return totals;
}

/** At the end of `day` (UTC, YYYY-MM-DD): open findings and risk of each repository's latest iteration, and AI iterations not reviewed yet, summed. */
export function levelsAt(chains: Chains, day: string): { openFindings: number; risk: number; unreviewedAiIterations: number } {
  const end = Date.parse(`${day}T00:00:00.000Z`) + 86_400_000;
  let openFindings = 0;
  let risk = 0;
  let unreviewed = 0;
  for (const repo of Object.keys(chains)) {
    const iterations = iterationsOf({ [repo]: chains[repo]! }).filter((iteration) => iteration.at < end);
    const latest = iterations.at(-1);
    openFindings += latest?.payload.open?.length ?? 0;
    risk += latest?.payload.risk.after ?? 0;
    for (const iteration of iterations.filter(isAi)) {
      const reviewed = firstReviewed(chains, repo, iteration.seq);
      if (reviewed === undefined || reviewed >= end) unreviewed++;
    }
  }
  return { openFindings, risk, unreviewedAiIterations: unreviewed };
}
