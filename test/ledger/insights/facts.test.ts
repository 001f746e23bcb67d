import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CHAIN_START, contextNeeds, projectRecords } from '../../../src/ledger/insights/facts.js';
import { chainOf, finding, open } from './insight-records.js';

const sqli = finding('f-sqli', 'CWE-89', 'critical');
const xss = finding('f-xss', 'CWE-79', 'medium');
const path = finding('f-path', 'CWE-22', 'high');

test('an iteration projects to who made it, its chain position, what it introduced and fixed, and what blocks', () => {
  const records = chainOf([
    { kind: 'iteration', chain: 1, introduced: [sqli, xss], open: [open(sqli, 1), open(xss, 1)], block: false },
    { kind: 'iteration', chain: 2, fixed: [xss], open: [open(sqli, 1)], block: true },
    { kind: 'iteration', actor: 'unattested', chain: 2, open: [open(sqli, 1)] },
  ]);
  const { rows } = projectRecords(records, CHAIN_START);
  assert.deepEqual(rows.iterations.map((fact) => [fact.seq, fact.actor, fact.chainPosition, fact.introduced, fact.introducedCriticalHigh, fact.fixed, fact.openCount, fact.openBlocking, fact.verdict]), [
    [1, 'ai', 1, 2, 1, 0, 2, 0, 'pass'],
    [2, 'ai', 2, 0, 0, 1, 1, 1, 'block'],
    [3, 'unattested', 2, 0, 0, 0, 1, 0, 'pass'],
  ]);
  assert.equal(rows.iterations[0]!.model, 'model-a');
  assert.equal(rows.iterations[2]!.model, null);
  assert.equal(rows.iterations[0]!.recordedAt?.toISOString(), '2026-01-01T00:00:00.000Z');
  assert.deepEqual(rows.events.map((event) => [event.seq, event.state, event.fingerprint, event.cwe, event.severity, event.chainPosition]), [
    [1, 'introduced', 'f-sqli', 'CWE-89', 'critical', 1],
    [1, 'introduced', 'f-xss', 'CWE-79', 'medium', 1],
    [2, 'fixed', 'f-xss', 'CWE-79', 'medium', 2],
  ]);
});

test('a rejection exposes its reviewer to what was open; an approval to what it accepted and to what was fixed before it', () => {
  const records = chainOf([
    /* 1 */ { kind: 'iteration', chain: 1, introduced: [sqli, xss], open: [open(sqli, 1), open(xss, 1)] },
    /* 2 */ { kind: 'review', decision: 'reject', reviewer: 'rita', covers: [1] },
    /* 3 */ { kind: 'iteration', chain: 2, fixed: [xss], introduced: [path], open: [open(sqli, 1), open(path, 3)] },
    /* 4 */ { kind: 'review', decision: 'approve', reviewer: 'sam', covers: [3] },
    /* 5 */ { kind: 'iteration', chain: 1, fixed: [sqli] },
  ]);
  const { rows, context } = projectRecords(records, CHAIN_START);
  assert.deepEqual(rows.reviews.map((review) => [review.seq, review.decision, review.reviewer, review.headSeq, review.covered]), [
    [2, 'reject', 'rita', 1, 1],
    [4, 'approve', 'sam', 3, 1],
  ]);
  assert.deepEqual(rows.exposures.map((row) => [row.reviewSeq, row.kind, row.reviewer, row.fingerprint, row.cwe, row.introducedSeq]), [
    [2, 'rejected-open', 'rita', 'f-sqli', 'CWE-89', 1],
    [2, 'rejected-open', 'rita', 'f-xss', 'CWE-79', 1],
    [4, 'approved-open', 'sam', 'f-sqli', 'CWE-89', 1],
    [4, 'approved-open', 'sam', 'f-path', 'CWE-22', 3],
    // xss: introduced at 1 and fixed at 3, both before the approval at 4.
    [4, 'fixed-in-window', 'sam', 'f-xss', 'CWE-79', 1],
  ]);
  // The approval accepted both iterations since the chain started, the one the rejection covered too.
  assert.deepEqual(rows.coverage.map((row) => [row.iterationSeq, row.kind, row.reviewSeq]), [
    [1, 'reviewed', 2],
    [3, 'reviewed', 4],
    [1, 'approved', 4],
    [3, 'approved', 4],
  ]);
  assert.deepEqual(context, { lastApprovalSeq: 4, head: { seq: 5, open: [] }, window: { iterations: [5], events: [{ seq: 5, state: 'fixed', ref: { fingerprint: 'f-sqli', ruleId: 'rule-cwe-89', cwe: 'CWE-89', severity: 'critical' } }] } });
});

test('projecting a chain in batches gives the rows projecting it whole gives', () => {
  const records = chainOf([
    { kind: 'iteration', chain: 1, introduced: [sqli], open: [open(sqli, 1)] },
    { kind: 'iteration', chain: 2, introduced: [xss], open: [open(sqli, 1), open(xss, 2)] },
    { kind: 'review', decision: 'reject', covers: [1, 2] },
    { kind: 'iteration', chain: 3, fixed: [xss], open: [open(sqli, 1)] },
    { kind: 'review', decision: 'approve', covers: [4] },
    { kind: 'iteration', chain: 1, fixed: [sqli] },
  ]);
  const whole = projectRecords(records, CHAIN_START).rows;
  for (let split = 1; split < records.length; split++) {
    const first = projectRecords(records.slice(0, split), CHAIN_START);
    const second = projectRecords(records.slice(split), first.context);
    for (const key of Object.keys(whole) as (keyof typeof whole)[]) {
      assert.deepEqual([...first.rows[key], ...second.rows[key]], whole[key], `split at ${split}: ${key}`);
    }
  }
});

test('a batch needs the head before it only when a review comes first, and the window only when it holds an approval', () => {
  const records = chainOf([{ kind: 'iteration' }, { kind: 'review', decision: 'reject' }, { kind: 'review', decision: 'approve' }]);
  assert.deepEqual(contextNeeds(records), { head: false, window: true });
  assert.deepEqual(contextNeeds(records.slice(1, 2)), { head: true, window: false });
  assert.deepEqual(contextNeeds(records.slice(0, 1)), { head: false, window: false });
});

test('payloads of older versions or odd shapes project without throwing: absent lists count as empty', () => {
  const [record] = chainOf([{ kind: 'iteration' }]);
  const payload = { ...record!.payload } as Record<string, unknown>;
  for (const key of ['open', 'changed', 'introduced', 'fixed', 'risk', 'complexity']) delete payload[key];
  const { rows } = projectRecords([{ ...record!, payload } as never, { ...record!, seq: 2, recordedAt: 'not a time' } as never], CHAIN_START);
  assert.equal(rows.iterations[0]!.introduced, 0);
  assert.equal(rows.iterations[0]!.riskAfter, 0);
  assert.equal(rows.iterations[1]!.recordedAt, null);
});
