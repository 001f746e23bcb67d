import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { RepositoryLedger } from '../ledger/postgres-ledger.js';
import type { RuleSelectionFlags } from '../rules/select.js';

/** What a worker brings to every job: where it keeps clones and copies, and which installed rules it runs. */
export interface WorkContext {
  workDir: string;
  /** Narrows the installed rules (`loopwarden worker --select/--ignore`), as the config's scan.select/ignore do. */
  ruleSelection: RuleSelectionFlags;
}

/** Where a worker keeps one repository's clone (`clone/`) and its copy of the chain and content cache (`ledger.db`). */
export function repositoryDirectory(context: WorkContext, repository: RepositoryLedger): string {
  // Ids restart at 1 in every database: a work directory shared by servers (or a database restored or made
  // anew) must not hand one repository's copy of its chain to another, which the copy would rightly refuse.
  const identity = createHash('sha256').update(`${repository.name}\u0000${repository.createdAt?.toISOString() ?? ''}`).digest('hex').slice(0, 16);
  return join(context.workDir, `repository-${repository.id}-${identity}`);
}

/** Hears how far a job is: commits done of the total. */
export type ProgressListener = (done: number, total: number) => Promise<void>;
