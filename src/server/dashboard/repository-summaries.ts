import { RepositoryLedger, type PostgresLedgers } from '../../ledger/postgres-ledger.js';
import { allowed } from '../permissions.js';
import type { Principal } from '../accounts.js';

/** One repository as the Repositories page lists it. */
export interface RepositorySummary {
  name: string;
  /** Records in its ledger. */
  records: number;
  /** The last record's sequence number and when it was recorded (ISO), absent for an empty ledger. */
  head?: { seq: number; recordedAt: string };
}

/**
 * The repositories `principal` may read, by name, with their record count and head, read from the ledger
 * (to be replaced by the insights query of the Repositories view).
 */
export async function repositorySummaries(ledgers: PostgresLedgers, principal: Principal): Promise<RepositorySummary[]> {
  const repositories = await ledgers.db.selectFrom('repositories').select(['id', 'name']).orderBy('name').execute();
  const visible = repositories.filter((row) => allowed(principal, 'read', String(row.id)));
  if (visible.length === 0) return [];
  const counts = await ledgers.db
    .selectFrom('ledger_records')
    .select((eb) => ['repository_id', eb.fn.countAll<string>().as('records')])
    .where(
      'repository_id',
      'in',
      visible.map((row) => String(row.id)),
    )
    .groupBy('repository_id')
    .execute();
  const countOf = new Map(counts.map((row) => [String(row.repository_id), Number(row.records)]));
  return Promise.all(
    visible.map(async (row): Promise<RepositorySummary> => {
      const ledger = new RepositoryLedger(ledgers.db, String(row.id), row.name);
      const records = countOf.get(String(row.id)) ?? 0;
      const head = await ledger.head();
      if (!head) return { name: row.name, records };
      // The head record itself: the records after the one before it.
      const last = (await ledger.recordsAfter(head.seq - 1)).records[0];
      return { name: row.name, records, head: { seq: head.seq, recordedAt: last?.recordedAt ?? '' } };
    }),
  );
}
