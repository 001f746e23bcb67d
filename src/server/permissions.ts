import type { LedgerRecord } from '../ledger/record.js';
import type { Principal } from './accounts.js';

/** What a request wants to do; every route names one. */
export type Action = 'read' | 'record-iteration' | 'record-review' | 'administer';

/**
 * Whether `principal` may do `action` on the repository `repositoryId` (none for account-wide actions).
 * admin: accounts, tokens and repositories, and reading; lead: reading everything; reviewer: reading and
 * reviewing the repositories assigned; developer: reading and recording iterations in those; an agent
 * token: reading its repository and recording AI iterations there. Nobody else, nothing else.
 */
export function allowed(principal: Principal, action: Action, repositoryId?: string): boolean {
  if (principal.kind === 'token') {
    if (repositoryId === undefined || repositoryId !== principal.repositoryId) return false;
    return action === 'read' || action === 'record-iteration';
  }
  const assigned = repositoryId !== undefined && principal.repositories.has(repositoryId);
  switch (principal.role) {
    case 'admin':
      return action === 'administer' || action === 'read';
    case 'lead':
      return action === 'read';
    case 'reviewer':
      return assigned && (action === 'read' || action === 'record-review');
    case 'developer':
      return assigned && (action === 'read' || action === 'record-iteration');
  }
}

/**
 * Why `principal` may not append these records, or undefined: a review needs the reviewer role, and an agent
 * records AI iterations only, whatever the records say.
 */
export function recordsRefusal(principal: Principal, records: readonly Pick<LedgerRecord, 'kind' | 'payload' | 'seq'>[], mayReview: boolean): string | undefined {
  for (const record of records) {
    if (record.kind === 'review' && !mayReview) return `record ${record.seq} is a review: only a reviewer of this repository may record one`;
    if (record.kind === 'review') {
      // A reviewer pushes their own reviews only: the review must name them, and only the server attests `server`.
      const payload = record.payload as { reviewer?: unknown; attestation?: { kind?: unknown } };
      if (payload.reviewer !== principal.name) return `record ${record.seq} is a review by ${String(payload.reviewer)}: a reviewer pushes only reviews that name them (${principal.name})`;
      if (payload.attestation?.kind === 'server') return `record ${record.seq} claims the server's attestation: only POST …/reviews records that`;
    }
    const provenance = (record.payload as { provenance?: { actor?: string; attestation?: string } }).provenance;
    if (record.kind === 'iteration' && principal.kind === 'token' && principal.role === 'agent' && provenance?.actor !== 'ai') {
      return `record ${record.seq} claims a human iteration: an agent token records AI iterations only`;
    }
    // A token is a secret a program holds, not a person at a terminal: it records a person's iteration only as
    // unattested, which neither ends the AI chain nor accepts what an agent wrote (reviewers do that).
    if (record.kind === 'iteration' && principal.kind === 'token' && provenance?.actor === 'human' && provenance.attestation !== 'none') {
      return `record ${record.seq} claims a person seen at a terminal: an API token cannot attest that (record it with attestation none; a reviewer resets the chain)`;
    }
  }
  return undefined;
}
