import type { IterationPayload } from '../../src/ledger/record.js';

/** A minimal iteration payload by `actor`: what a check records when nothing was found. */
export function iterationPayload(actor: 'ai' | 'human', snapshotId = 'a'.repeat(64)): IterationPayload {
  return {
    provenance: { actor, ...(actor === 'ai' ? { tool: 'claude-code', model: 'test-model' } : { attestation: 'terminal' as const }) },
    revision: { commit: null, worktree: true },
    snapshotId,
    baseline: { kind: 'empty' },
    introduced: [],
    fixed: [],
    persistingCount: 0,
    open: [],
    risk: { before: 0, after: 0, delta: 0 },
    functions: [],
    complexity: { before: 0, after: 0, changePercent: 0 },
    files: { added: [], removed: [], modified: [] },
    verdict: { level: 'pass', reasons: [], chain: { aiIterationsSinceReview: actor === 'ai' ? 1 : 0, limit: 3 } },
  };
}
