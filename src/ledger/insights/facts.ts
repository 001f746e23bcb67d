import type { Finding } from '../../findings/finding.js';
import { gateActorOf, type GateActor } from '../../policy/chain.js';
import type { IterationPayload, LedgerRecord, ReviewPayload } from '../record.js';

// The insights projection, computed from records alone: the same records always give the same rows, so the
// rows written on append and those a backfill writes agree, and a test can recompute them from the chain.

/** One iteration, flattened: who made it, where in the AI chain, what it did to the findings, risk and complexity. */
export interface IterationFact {
  seq: number;
  recordedAt: Date | null;
  actor: GateActor;
  tool: string | null;
  model: string | null;
  strategy: string | null;
  author: string | null;
  /** The AI chain including this iteration, as the check that recorded it counted it. */
  chainPosition: number;
  chainLimit: number;
  verdict: string;
  introduced: number;
  introducedCriticalHigh: number;
  fixed: number;
  /** Findings introduced since the accepted baseline and still there. */
  openCount: number;
  /** Of those, the ones the verdict blocked on. */
  openBlocking: number;
  riskBefore: number;
  riskAfter: number;
  complexityBefore: number;
  complexityAfter: number;
}

/** What a finding is, as the projection keeps it: its identity, rule, primary CWE and severity. */
export interface FindingRef {
  fingerprint: string;
  ruleId: string;
  /** The finding's first CWE (`CWE-89`), or `CWE-unknown`. */
  cwe: string;
  severity: string;
}

/** A finding an iteration introduced, fixed, or edited without fixing, with the iteration's dimensions. */
export interface FindingEvent extends FindingRef {
  seq: number;
  state: 'introduced' | 'fixed' | 'changed';
  /** Its place in the iteration's list: the same fingerprint may be introduced twice. */
  ordinal: number;
  path: string;
  startLine: number;
  recordedAt: Date | null;
  actor: GateActor;
  tool: string | null;
  model: string | null;
  strategy: string | null;
  chainPosition: number;
}

export interface ReviewFact {
  seq: number;
  recordedAt: Date | null;
  reviewer: string;
  decision: 'approve' | 'reject';
  attestation: string | null;
  /** The last iteration before the review: the state it judged. */
  headSeq: number | null;
  covered: number;
}

/** An iteration a review covered (`reviewed`: the first review of it) or an approval accepted (`approved`). */
export interface CoverageFact {
  iterationSeq: number;
  kind: 'reviewed' | 'approved';
  reviewSeq: number;
  reviewer: string;
  at: Date | null;
}

/**
 * A finding a reviewer was exposed to: open in the state they rejected or approved, or introduced and fixed
 * inside the run of iterations their approval closed (a fix before approval).
 */
export interface ExposureFact extends FindingRef {
  reviewSeq: number;
  kind: 'rejected-open' | 'approved-open' | 'fixed-in-window';
  reviewer: string;
  at: Date | null;
  /** The iteration that introduced the finding. */
  introducedSeq: number;
}

export interface FactRows {
  iterations: IterationFact[];
  events: FindingEvent[];
  reviews: ReviewFact[];
  coverage: CoverageFact[];
  exposures: ExposureFact[];
}

/**
 * What the records before a batch left that the batch's projection depends on: the last approval, the last
 * iteration and its open findings, and the finding events and iterations since the last approval.
 */
export interface ProjectionContext {
  lastApprovalSeq: number;
  /** The last iteration before the batch; undefined when there is none (or, for a batch that does not need it, not loaded). */
  head?: { seq: number; open: (FindingRef & { since: number })[] };
  /** Since the last approval: every iteration, and the introduced and fixed events. */
  window: { iterations: number[]; events: { seq: number; state: 'introduced' | 'fixed'; ref: FindingRef }[] };
}

/** What a batch's projection needs from before it: the head iteration when a review comes before any iteration; the window when it holds an approval. */
export function contextNeeds(records: readonly LedgerRecord[]): { head: boolean; window: boolean } {
  const firstReview = records.findIndex((record) => record.kind === 'review');
  const firstIteration = records.findIndex((record) => record.kind === 'iteration');
  return {
    head: firstReview >= 0 && (firstIteration < 0 || firstReview < firstIteration),
    window: records.some((record) => record.kind === 'review' && record.payload.decision === 'approve'),
  };
}

/** The empty context: the start of a chain. */
export const CHAIN_START: ProjectionContext = { lastApprovalSeq: 0, window: { iterations: [], events: [] } };

const timeOf = (recordedAt: string): Date | null => {
  const time = Date.parse(recordedAt);
  return Number.isNaN(time) ? null : new Date(time);
};

const text = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);
const count = (value: unknown): number => (Array.isArray(value) ? value.length : 0);
const number = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
// A record the server accepted must always project: numbers a client wrote (a finding's line, an open finding's
// `since`, complexity) are brought into the columns' range rather than let an insert fail and stop the repository.
const INT_MAX = 2 ** 31 - 1;
/** A client's number as an INTEGER column holds it: truncated and clamped. */
export const int32 = (value: unknown): number => Math.max(-INT_MAX - 1, Math.min(INT_MAX, Math.trunc(number(value))));
/** A client's number as a DOUBLE PRECISION column holds it (finite). */
const real = (value: unknown): number => Math.max(-Number.MAX_VALUE, Math.min(Number.MAX_VALUE, number(value)));

/** A finding's identity and class, tolerant of payloads written by older versions. */
export function findingRef(finding: Partial<Finding>): FindingRef {
  return {
    fingerprint: String(finding.fingerprint ?? ''),
    ruleId: String(finding.ruleId ?? 'unknown'),
    cwe: Array.isArray(finding.cwe) && typeof finding.cwe[0] === 'string' ? finding.cwe[0] : 'CWE-unknown',
    severity: String(finding.severity ?? 'unknown'),
  };
}

/** The rows a batch of consecutive records projects to, and the context the next batch starts from. */
export function projectRecords(records: readonly LedgerRecord[], context: ProjectionContext): { rows: FactRows; context: ProjectionContext } {
  const rows: FactRows = { iterations: [], events: [], reviews: [], coverage: [], exposures: [] };
  let { lastApprovalSeq, head } = context;
  let window = { iterations: [...context.window.iterations], events: [...context.window.events] };
  for (const record of records) {
    const at = timeOf(record.recordedAt);
    if (record.kind === 'iteration') {
      const fact = iterationFact(record.seq, at, record.payload);
      rows.iterations.push(fact);
      const dimensions = { seq: record.seq, recordedAt: at, actor: fact.actor, tool: fact.tool, model: fact.model, strategy: fact.strategy, chainPosition: fact.chainPosition };
      const states = [['introduced', record.payload.introduced], ['fixed', record.payload.fixed], ['changed', (record.payload.changed ?? []).map((change) => change.after)]] as const;
      for (const [state, findings] of states) {
        (findings ?? []).forEach((finding, ordinal) => {
          const ref = findingRef(finding);
          rows.events.push({ ...dimensions, ...ref, state, ordinal, path: String(finding.path ?? ''), startLine: int32(finding.startLine) });
          if (state !== 'changed') window.events.push({ seq: record.seq, state, ref });
        });
      }
      window.iterations.push(record.seq);
      head = { seq: record.seq, open: (record.payload.open ?? []).map((finding) => ({ ...findingRef(finding), since: int32(finding.since) })) };
      continue;
    }
    const review: ReviewPayload = record.payload;
    const reviewer = String(review.reviewer ?? '');
    rows.reviews.push({ seq: record.seq, recordedAt: at, reviewer, decision: review.decision, attestation: text(review.attestation?.kind), headSeq: head?.seq ?? null, covered: count(review.covers) });
    for (const seq of review.covers ?? []) rows.coverage.push({ iterationSeq: seq, kind: 'reviewed', reviewSeq: record.seq, reviewer, at });
    const kind = review.decision === 'approve' ? 'approved-open' : 'rejected-open';
    for (const finding of head?.open ?? []) rows.exposures.push({ ...finding, reviewSeq: record.seq, kind, reviewer, at, introducedSeq: finding.since });
    if (review.decision !== 'approve') continue;
    for (const seq of window.iterations) rows.coverage.push({ iterationSeq: seq, kind: 'approved', reviewSeq: record.seq, reviewer, at });
    rows.exposures.push(...fixedInWindow(window.events).map((event) => ({ ...event.ref, reviewSeq: record.seq, kind: 'fixed-in-window' as const, reviewer, at, introducedSeq: event.seq })));
    lastApprovalSeq = record.seq;
    window = { iterations: [], events: [] };
  }
  return { rows, context: { lastApprovalSeq, head, window } };
}

/** The introductions in a window that a later iteration of the same window fixed, one per fingerprint. */
function fixedInWindow(events: ProjectionContext['window']['events']): ProjectionContext['window']['events'] {
  const introduced = new Map<string, ProjectionContext['window']['events'][number]>();
  const found: ProjectionContext['window']['events'] = [];
  for (const event of events) {
    if (event.state === 'introduced') {
      if (!introduced.has(event.ref.fingerprint)) introduced.set(event.ref.fingerprint, event);
    } else {
      const first = introduced.get(event.ref.fingerprint);
      if (first && first.seq < event.seq) {
        found.push(first);
        introduced.delete(event.ref.fingerprint);
      }
    }
  }
  return found;
}

/** One iteration record's fact row. */
export function iterationFact(seq: number, recordedAt: Date | null, payload: IterationPayload): IterationFact {
  const provenance = payload.provenance ?? { actor: 'ai' };
  const blocking = new Set((payload.verdict?.reasons ?? []).filter((reason) => reason.level === 'block' && (reason.code === 'finding-open' || reason.code === 'finding-introduced')).map((reason) => reason.subject ?? reason.message));
  const open = payload.open ?? [];
  return {
    seq,
    recordedAt,
    actor: gateActorOf(provenance),
    tool: text(provenance.tool),
    model: text(provenance.model),
    strategy: text(provenance.strategy),
    author: text(provenance.author),
    chainPosition: int32(payload.verdict?.chain?.aiIterationsSinceReview),
    chainLimit: int32(payload.verdict?.chain?.limit),
    verdict: String(payload.verdict?.level ?? 'unknown'),
    introduced: count(payload.introduced),
    introducedCriticalHigh: (payload.introduced ?? []).filter((finding) => finding.severity === 'critical' || finding.severity === 'high').length,
    fixed: count(payload.fixed),
    openCount: open.length,
    openBlocking: open.filter((finding) => blocking.has(finding.fingerprint)).length,
    riskBefore: real(payload.risk?.before),
    riskAfter: real(payload.risk?.after),
    complexityBefore: int32(payload.complexity?.before),
    complexityAfter: int32(payload.complexity?.after),
  };
}
