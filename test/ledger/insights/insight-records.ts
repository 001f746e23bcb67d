import type { Finding } from '../../../src/findings/finding.js';
import type { LedgerRecord, IterationPayload, ReviewPayload } from '../../../src/ledger/record.js';
import type { OpenFinding } from '../../../src/policy/verdict.js';
import { canonicalJson } from '../../../src/ledger/canonical-json.js';
import { GENESIS_HASH, recordHash } from '../../../src/ledger/record.js';
import { iterationPayload } from '../payloads.js';

/** A finding of `rule` (CWE `cwe`, `severity`) told apart by `fingerprint`. */
export function finding(fingerprint: string, cwe = 'CWE-89', severity: Finding['severity'] = 'high'): Finding {
  return {
    ruleId: `rule-${cwe.toLowerCase()}`, cwe: [cwe], severity, securitySeverity: 7.5, confidence: 'high', path: 'app.py', startLine: 3, startColumn: 1, endLine: 3, endColumn: 9,
    message: 'why', fix: 'how', snippet: 'x', function: null, fingerprint, references: [],
  };
}

export type Step =
  | { kind: 'iteration'; actor?: 'ai' | 'human' | 'unattested'; introduced?: Finding[]; fixed?: Finding[]; open?: OpenFinding[]; chain?: number; model?: string; block?: boolean }
  | { kind: 'review'; decision: 'approve' | 'reject'; reviewer?: string; covers?: number[] };

/** An iteration payload as a check would record it, from a step. */
export function stepPayload(step: Extract<Step, { kind: 'iteration' }>): IterationPayload {
  const actor = step.actor ?? 'ai';
  const base = iterationPayload(actor === 'ai' ? 'ai' : 'human');
  const open = step.open ?? [];
  return {
    ...base,
    provenance: actor === 'ai' ? { actor: 'ai', tool: 'claude-code', model: step.model ?? 'model-a', strategy: 'feature', author: 'ann' } : { actor: 'human', author: 'bob', attestation: actor === 'unattested' ? 'none' : 'terminal' },
    introduced: step.introduced ?? [],
    fixed: step.fixed ?? [],
    open,
    risk: { before: 1, after: 2, delta: 1 },
    complexity: { before: 10, after: 12, changePercent: 20 },
    verdict: {
      level: step.block ? 'block' : 'pass',
      reasons: step.block ? open.map((item) => ({ level: 'block' as const, code: 'finding-open' as const, subject: item.fingerprint, message: 'open' })) : [],
      chain: { aiIterationsSinceReview: step.chain ?? 0, limit: 3 },
    },
  };
}

/** A hash-chained list of records from steps, recorded a minute apart from 2026-01-01. */
export function chainOf(steps: readonly Step[]): LedgerRecord[] {
  const records: LedgerRecord[] = [];
  let prevHash = GENESIS_HASH;
  steps.forEach((step, index) => {
    const seq = index + 1;
    const recordedAt = new Date(Date.UTC(2026, 0, 1, 0, index)).toISOString();
    const payload: IterationPayload | ReviewPayload =
      step.kind === 'iteration' ? stepPayload(step) : { decision: step.decision, reviewer: step.reviewer ?? 'rita', note: '', covers: step.covers ?? [], attestation: { kind: 'server', account: step.reviewer ?? 'rita' } };
    const hash = recordHash(seq, step.kind, recordedAt, canonicalJson(payload), prevHash);
    records.push({ seq, kind: step.kind, recordedAt, payload, prevHash, hash } as LedgerRecord);
    prevHash = hash;
  });
  return records;
}

/** `finding` open since iteration `since`. */
export const open = (item: Finding, since: number): OpenFinding => ({ ...item, since });
