import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chainState, type ChainEvent } from '../../src/policy/chain.js';
import { DEFAULT_POLICY, type Policy } from '../../src/policy/policy.js';
import { policyFrom } from '../../src/policy/policy-schema.js';
import { decideVerdict } from '../../src/policy/verdict.js';
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
    risk: { before: 0, after: 0, delta: 0 },
    functions: [],
    complexity: { before: { cyclomatic: 100, cognitive: 0, functions: 10 }, after: { cyclomatic: 100, cognitive: 0, functions: 10 }, cyclomaticChangePercent: 0 },
    ...overrides,
  };
}

function finding(severity: Finding['severity'], path = 'app.py'): Finding {
  return { ruleId: 'r', cwe: ['CWE-89'], severity, securitySeverity: 9, confidence: 'high', path, startLine: 1, startColumn: 1, endLine: 1, endColumn: 2, message: 'Bad thing. More.', fix: 'fix', snippet: 'x', function: null, fingerprint: '0'.repeat(32), references: [] };
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
  const verdict = decideVerdict(DEFAULT_POLICY, three, 'ai', diff());
  assert.equal(verdict.level, 'review-required');
  assert.equal(verdict.reasons[0]!.code, 'chain-limit');
  assert.deepEqual(verdict.chain, { aiIterationsSinceReview: 4, limit: 3 });
  assert.equal(decideVerdict(DEFAULT_POLICY, chainState([ai, ai], DEFAULT_POLICY), 'ai', diff()).level, 'pass');
  assert.equal(decideVerdict(DEFAULT_POLICY, three, 'human', diff()).level, 'pass');
});

test('introduced findings: high and critical block, medium and low warn, per-path overrides apply', () => {
  const start = chainState([], DEFAULT_POLICY);
  assert.equal(decideVerdict(DEFAULT_POLICY, start, 'ai', diff({ introduced: [finding('critical')] })).level, 'block');
  assert.equal(decideVerdict(DEFAULT_POLICY, start, 'ai', diff({ introduced: [finding('medium')] })).level, 'warn');
  const policy = policyFrom({ overrides: [{ paths: ['tests/**'], findings: { block: [], warn: ['critical', 'high', 'medium', 'low'] } }] });
  assert.equal(decideVerdict(policy, start, 'ai', diff({ introduced: [finding('critical', 'tests/test_db.py')] })).level, 'warn');
  assert.equal(decideVerdict(policy, start, 'ai', diff({ introduced: [finding('critical', 'app/db.py')] })).level, 'block');
});

test('rising complexity warns, and requires review once the AI chain is already two long', () => {
  const change = { status: 'modified' as const, path: 'a.py', name: 'f', before: { cyclomatic: 2, cognitive: 1, maxNesting: 1, lines: 5, parameters: 1 }, after: { cyclomatic: 8, cognitive: 9, maxNesting: 3, lines: 20, parameters: 1 }, delta: { cyclomatic: 6, cognitive: 8, maxNesting: 2, lines: 15, parameters: 0 } };
  const early = decideVerdict(DEFAULT_POLICY, chainState([ai], DEFAULT_POLICY), 'ai', diff({ functions: [change] }));
  assert.equal(early.level, 'warn');
  assert.equal(early.reasons[0]!.code, 'function-complexity');
  const late = decideVerdict(DEFAULT_POLICY, chainState([ai, ai], DEFAULT_POLICY), 'ai', diff({ functions: [change] }));
  assert.equal(late.level, 'review-required');
  const total = diff({ complexity: { before: { cyclomatic: 100, cognitive: 0, functions: 1 }, after: { cyclomatic: 125, cognitive: 0, functions: 1 }, cyclomaticChangePercent: 25 } });
  assert.equal(decideVerdict(DEFAULT_POLICY, chainState([], DEFAULT_POLICY), 'ai', total).reasons[0]!.code, 'total-complexity');
});

test('policy defaults are the study\'s and unknown fields are refused', () => {
  assert.deepEqual(policyFrom({}), DEFAULT_POLICY);
  assert.throws(() => policyFrom({ chain: { maxConsecutive: 3 } }), /Unrecognized key/);
});
