import type { Finding } from '../../../src/findings/finding.js';
import type { LedgerRecord } from '../../../src/ledger/record.js';
import type { OpenFinding } from '../../../src/policy/verdict.js';
import { canonicalJson } from '../../../src/ledger/canonical-json.js';
import { GENESIS_HASH, recordHash } from '../../../src/ledger/record.js';
import { finding, stepPayload } from './insight-records.js';
import { Random } from '../../../src/server/demo/synthetic-catalogue.js';

/** The demo's deterministic PRNG: the same seed, the same chains. */
export function random(seed: number): () => number {
  const source = new Random(seed);
  return () => source.next();
}

const CWES = ['CWE-89', 'CWE-79', 'CWE-22', 'CWE-78', 'CWE-798'] as const;
const MODELS = [['claude-code', 'model-a'], ['codex', 'model-b'], ['cursor', 'model-c']] as const;

/**
 * A plausible chain: AI and human iterations that introduce and fix findings, the open list and chain count
 * kept as a check keeps them (approval and attested human iterations accept the state), and reviews when the
 * chain reaches three or a finding blocks. Times spread over days so the trends have several points.
 */
export function generatedChain(seed: number, length: number, start = Date.UTC(2026, 2, 1)): LedgerRecord[] {
  const next = random(seed);
  const records: LedgerRecord[] = [];
  let prevHash = GENESIS_HASH;
  let chain = 0;
  let lastReviewSeq = 0;
  let open: OpenFinding[] = [];
  // In the code but accepted (by an approval or a person): a later iteration may still fix them.
  let accepted: OpenFinding[] = [];
  let time = start;
  let serial = 0;
  const [tool, model] = MODELS[seed % MODELS.length]!;
  const push = (kind: 'iteration' | 'review', payload: object) => {
    const seq = records.length + 1;
    time += Math.floor(next() * 10 * 3600_000);
    const recordedAt = new Date(time).toISOString();
    const hash = recordHash(seq, kind, recordedAt, canonicalJson(payload), prevHash);
    records.push({ seq, kind, recordedAt, payload, prevHash, hash } as LedgerRecord);
    prevHash = hash;
  };
  while (records.length < length) {
    const seq = records.length + 1;
    const ai = next() < 0.7;
    const actor = ai ? 'ai' : next() < 0.8 ? 'human' : 'unattested';
    const introduced: Finding[] = [];
    if (ai) for (let n = Math.floor(next() * (1 + chain)); n > 0; n--) introduced.push(finding(`s${seed}-f${serial++}`, CWES[Math.floor(next() * CWES.length)], next() < 0.5 ? 'high' : 'medium'));
    const fixed = [...open, ...accepted].filter(() => next() < (ai ? 0.25 : 0.4));
    accepted = accepted.filter((item) => !fixed.includes(item));
    open = [...open.filter((item) => !fixed.includes(item)), ...introduced.map((item) => ({ ...item, since: seq }))];
    if (ai) chain++;
    else if (actor === 'human') chain = 0;
    const block = open.some((item) => item.severity === 'high') && ai;
    const payload = stepPayload({ kind: 'iteration', actor, introduced, fixed: fixed.map(({ since: _since, ...item }) => item), open, chain, block });
    payload.provenance = ai ? { actor: 'ai', tool, model, strategy: next() < 0.5 ? 'feature' : 'security', author: `dev${seed % 2}` } : { actor: 'human', author: `dev${seed % 2}`, attestation: actor === 'human' ? 'terminal' : 'none' };
    payload.risk = { before: open.length, after: open.length + introduced.length, delta: introduced.length };
    payload.complexity = { before: 10 * seq, after: 10 * seq + (ai ? 3 : 1), changePercent: 1 };
    push('iteration', payload);
    // An attested human iteration accepts what is open.
    if (actor === 'human') [accepted, open] = [[...accepted, ...open], []];
    if ((chain >= 3 || block) && records.length < length) {
      const reject = open.length > 0 && next() < 0.4;
      const covers = records.filter((record) => record.kind === 'iteration' && record.seq > lastReviewSeq).map((record) => record.seq);
      push('review', { decision: reject ? 'reject' : 'approve', reviewer: next() < 0.5 ? 'rita' : 'sam', note: '', covers, attestation: { kind: 'server', account: 'rita' } });
      lastReviewSeq = records.length;
      if (!reject) {
        chain = 0;
        [accepted, open] = [[...accepted, ...open], []];
      }
    }
  }
  return records;
}
