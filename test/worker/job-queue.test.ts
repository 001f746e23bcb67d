import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { JOB_QUEUE, startBoss } from '../../src/worker/job-queue.js';
import { startPostgres } from '../postgres.js';

const postgres = await startPostgres();
after(() => postgres.stop());

test('eight queue starts at once on a new database all succeed (the schema install takes turns), and the last expiry asked for holds', async () => {
  const database = await postgres.database();
  const starts = Array.from({ length: 8 }, (_, i) => startBoss(database, { max: 2, supervise: true, expireInSeconds: 100 + i }));
  const settled = await Promise.allSettled(starts);
  const failures = settled.flatMap((result) => (result.status === 'rejected' ? [(result.reason as Error).message] : []));
  try {
    assert.deepEqual(failures, []);
    const client = new pg.Client({ connectionString: database });
    await client.connect();
    try {
      const queues = await client.query<{ name: string; expire_seconds: number }>(`SELECT name, expire_seconds FROM pgboss.queue`);
      assert.deepEqual(queues.rows.map((row) => row.name), [JOB_QUEUE]);
      assert.ok(queues.rows[0]!.expire_seconds >= 100 && queues.rows[0]!.expire_seconds <= 107, String(queues.rows[0]!.expire_seconds));
      const locks = await client.query(`SELECT 1 FROM pg_locks WHERE locktype = 'advisory'`);
      assert.equal(locks.rowCount, 0, 'no start still holds its lock');
    } finally {
      await client.end();
    }
  } finally {
    await Promise.all(settled.map((result) => (result.status === 'fulfilled' ? result.value.stop({ graceful: false, wait: true }) : undefined)));
  }
});
