import { createHash } from 'node:crypto';
import type { IterationPayload } from '../../src/ledger/record.js';

/** A snapshot of no files, told apart by `label`: the body and its id, as a server must hold it before a record names it. */
export function testSnapshot(label = 'a'): { id: string; body: string } {
  const body = JSON.stringify({ files: [], label });
  return { id: createHash('sha256').update(body).digest('hex'), body };
}

/** A minimal iteration payload by `actor`: what a check records when nothing was found. */
export function iterationPayload(actor: 'ai' | 'human', snapshotId = testSnapshot('a').id): IterationPayload {
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
