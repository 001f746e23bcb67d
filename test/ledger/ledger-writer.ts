import { createHash } from 'node:crypto';
import { openSqliteLedger } from '../../src/ledger/sqlite-ledger.js';

// A separate process that appends records, for the concurrency and crash tests. Prints "written <seq>"
// after each append returns, i.e. once the record is reported as written.
const [path, countText, tag] = process.argv.slice(2);
const ledger = await openSqliteLedger(path!);
const body = '{"files":[]}';
const snapshotId = createHash('sha256').update(body).digest('hex');
ledger.putSnapshot(snapshotId, body);
for (let i = 0; i < Number(countText); i++) {
  const record = await ledger.appendAtomically((history) => ({
    kind: 'review',
    payload: { decision: 'reject', reviewer: `${tag}-${i}`, note: `after ${history.length}`, covers: [] },
  }));
  process.stdout.write(`written ${record!.seq}\n`);
}
ledger.close();
