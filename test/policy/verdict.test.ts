import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chainState, type ChainEvent, type ChainState } from '../../src/policy/chain.js';
import { DEFAULT_POLICY, type Policy } from '../../src/policy/policy.js';
import { policyFrom } from '../../src/policy/policy-schema.js';
import { decideVerdict, type VerdictInput } from '../../src/policy/verdict.js';
import type { IterationDiff } from '../../src/diff/iteration-diff.js';
import type { Finding } from '../../src/findings/finding.js';

const ai: ChainEvent = { kind: 'iteration', actor: 'ai' };
const human: ChainEvent = { kind: 'iteration', actor: 'human' };
const approve: ChainEvent = { kind: 'review', decision: 'approve' };
const reject: ChainEvent = { kind: 'review', decision: 'reject' };

function diff(overrides: Partial<IterationDiff> = {}): IterationDiff {
  return {
    files: { added: [], removed: [], modified: [] },
    introduced: [],
    fixed: [],
    persisting: [],
    notRechecked: [],
    changed: [],
    suppressedAdded: [],
    risk: { before: 0, after: 0, delta: 0 },
    functions: [],
    complexity: { before: { cyclomatic: 100, cognitive: 0, functions: 10 }, after: { cyclomatic: 100, cognitive: 0, functions: 10 }, cyclomaticChangePercent: 0 },
    ...overrides,
  };
}

function finding(severity: Finding['severity'], path = 'app.py'): Finding {
  return { ruleId: 'r', cwe: ['CWE-89'], severity, securitySeverity: 9, confidence: 'high', path, startLine: 1, startColumn: 1, endLine: 1, endColumn: 2, message: 'Bad thing. More.', fix: 'fix', snippet: 'x', function: null, fingerprint: '0'.repeat(32), references: [] };
}

/** A verdict for an AI iteration #seq with nothing else going on, with `overrides` applied. */
function input(chainBefore: ChainState, overrides: Partial<VerdictInput> = {}): VerdictInput {
  return { actor: 'ai', lastActor: 'ai', seq: 5, chainBefore, open: [], aiSuppressions: [], sinceBaseline: diff(), guardChanges: [], ...overrides };
}

test('the chain counts AI iterations since the last approval; rejection leaves it; human iterations end it by default', () => {
  assert.equal(chainState([ai, ai, ai], DEFAULT_POLICY).aiIterationsSinceReview, 3);
  assert.equal(chainState([ai, ai, approve, ai], DEFAULT_POLICY).aiIterationsSinceReview, 1);
  assert.equal(chainState([ai, ai, reject, ai], DEFAULT_POLICY).aiIterationsSinceReview, 3);
  assert.equal(chainState([ai, ai, human, ai], DEFAULT_POLICY).aiIterationsSinceReview, 1);
  const strict: Policy = { ...DEFAULT_POLICY, chain: { ...DEFAULT_POLICY.chain, humanIterationEndsChain: false } };
  assert.equal(chainState([ai, ai, human, ai], strict).aiIterationsSinceReview, 3);
});

test('the fourth consecutive AI iteration requires review; a human one never does', () => {
  const three = chainState([ai, ai, ai], DEFAULT_POLICY);
  const verdict = decideVerdict(DEFAULT_POLICY, input(three));
  assert.equal(verdict.level, 'review-required');
  assert.equal(verdict.reasons[0]!.code, 'chain-limit');
  assert.deepEqual(verdict.chain, { aiIterationsSinceReview: 4, limit: 3 });
  assert.equal(decideVerdict(DEFAULT_POLICY, input(chainState([ai, ai], DEFAULT_POLICY))).level, 'pass');
  assert.equal(decideVerdict(DEFAULT_POLICY, input(three, { actor: 'human' })).level, 'pass');
  // Nothing recorded (an unchanged state): the chain is not counted again, and still needs review.
  const four = chainState([ai, ai, ai, ai], DEFAULT_POLICY);
  const unchanged = decideVerdict(DEFAULT_POLICY, input(four, { actor: null, seq: null }));
  assert.deepEqual([unchanged.level, unchanged.chain.aiIterationsSinceReview], ['review-required', 4]);
});

test('open findings: high and critical block, medium and low warn, per-path overrides apply', () => {
  const start = chainState([], DEFAULT_POLICY);
  const open = (f: Finding, since = 5) => ({ open: [{ ...f, since }] });
  assert.equal(decideVerdict(DEFAULT_POLICY, input(start, open(finding('critical')))).level, 'block');
  assert.equal(decideVerdict(DEFAULT_POLICY, input(start, open(finding('medium')))).level, 'warn');
  const policy = policyFrom({ overrides: [{ paths: ['tests/**'], findings: { block: [], warn: ['critical', 'high', 'medium', 'low'] } }] });
  assert.equal(decideVerdict(policy, input(start, open(finding('critical', 'tests/test_db.py')))).level, 'warn');
  assert.equal(decideVerdict(policy, input(start, open(finding('critical', 'app/db.py')))).level, 'block');
});

test('a low-confidence finding only warns, whatever its severity, unless the policy gates that confidence too', () => {
  const start = chainState([], DEFAULT_POLICY);
  const undecided = { ...finding('critical'), confidence: 'low' as const, since: 5 };
  const verdict = decideVerdict(DEFAULT_POLICY, input(start, { open: [undecided] }));
  assert.deepEqual([verdict.level, verdict.reasons[0]!.code], ['warn', 'finding-introduced']);
  assert.equal(decideVerdict(DEFAULT_POLICY, input(start, { open: [{ ...undecided, confidence: 'medium' }] })).level, 'block');
  const strict = policyFrom({ findings: { gateConfidence: ['high', 'medium', 'low'] } });
  assert.equal(decideVerdict(strict, input(start, { open: [undecided] })).level, 'block');
  // A path override that gates only high confidence lets medium findings there warn.
  const lenient = policyFrom({ overrides: [{ paths: ['scripts/**'], findings: { gateConfidence: ['high'] } }] });
  assert.equal(decideVerdict(lenient, input(start, { open: [{ ...undecided, confidence: 'medium', path: 'scripts/x.py' }] })).level, 'warn');
  assert.equal(decideVerdict(lenient, input(start, { open: [{ ...undecided, confidence: 'medium' }] })).level, 'block');
});

test('a finding introduced earlier and still there blocks every later iteration, named as still open', () => {
  const verdict = decideVerdict(DEFAULT_POLICY, input(chainState([ai], DEFAULT_POLICY), { open: [{ ...finding('critical'), since: 2 }] }));
  assert.equal(verdict.level, 'block');
  assert.equal(verdict.reasons[0]!.code, 'finding-open');
  assert.match(verdict.reasons[0]!.message, /^still open since iteration #2: critical CWE-89 r at app.py:1: Bad thing\.$/);
  const fresh = decideVerdict(DEFAULT_POLICY, input(chainState([ai], DEFAULT_POLICY), { open: [{ ...finding('critical'), since: 5 }] }));
  assert.match(fresh.reasons[0]!.message, /^new critical/);
});

test('an agent\'s suppressions, policy changes and a standing rejection each need a person', () => {
  const start = chainState([ai], DEFAULT_POLICY);
  const suppressed = { ...finding('critical'), since: 4, suppression: { reason: 'trust me', line: 1 } };
  const bySuppression = decideVerdict(DEFAULT_POLICY, input(start, { aiSuppressions: [suppressed] }));
  assert.deepEqual([bySuppression.level, bySuppression.reasons[0]!.code], ['review-required', 'suppression-by-ai']);
  const byPolicy = decideVerdict(DEFAULT_POLICY, input(start, { guardChanges: ['the config file .loopwarden.yml'] }));
  assert.deepEqual([byPolicy.level, byPolicy.reasons[0]!.code], ['review-required', 'guarded-change']);
  assert.equal(decideVerdict(DEFAULT_POLICY, input(start, { actor: 'human', guardChanges: ['the config file .loopwarden.yml'] })).level, 'pass');
  const rejection = { seq: 7, reviewer: 'Ana', note: 'no' };
  assert.equal(decideVerdict(DEFAULT_POLICY, input(start, { actor: null, seq: null, rejection })).level, 'review-required');
  assert.equal(decideVerdict(DEFAULT_POLICY, input(start, { rejection })).level, 'pass');
});

test('rising complexity warns, and requires review once the AI chain is already two long', () => {
  const change = { status: 'modified' as const, path: 'a.py', name: 'f', before: { cyclomatic: 2, cognitive: 1, maxNesting: 1, lines: 5, parameters: 1 }, after: { cyclomatic: 8, cognitive: 9, maxNesting: 3, lines: 20, parameters: 1 }, delta: { cyclomatic: 6, cognitive: 8, maxNesting: 2, lines: 15, parameters: 0 } };
  const early = decideVerdict(DEFAULT_POLICY, input(chainState([ai], DEFAULT_POLICY), { sinceBaseline: diff({ functions: [change] }) }));
  assert.equal(early.level, 'warn');
  assert.equal(early.reasons[0]!.code, 'function-complexity');
  const late = decideVerdict(DEFAULT_POLICY, input(chainState([ai, ai], DEFAULT_POLICY), { sinceBaseline: diff({ functions: [change] }) }));
  assert.equal(late.level, 'review-required');
  const total = diff({ complexity: { before: { cyclomatic: 100, cognitive: 0, functions: 1 }, after: { cyclomatic: 125, cognitive: 0, functions: 1 }, cyclomaticChangePercent: 25 } });
  assert.equal(decideVerdict(DEFAULT_POLICY, input(chainState([], DEFAULT_POLICY), { sinceBaseline: total })).reasons[0]!.code, 'total-complexity');
});

test('policy defaults are the study\'s and unknown fields are refused', () => {
  assert.deepEqual(policyFrom({}), DEFAULT_POLICY);
  assert.throws(() => policyFrom({ chain: { maxConsecutive: 3 } }), /Unrecognized key/);
});
