import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { startPostgres } from './postgres.js';

const postgres = await startPostgres();
after(() => postgres.stop());

test('the test setup starts a real PostgreSQL on a loopback port, with a fresh database per call', async () => {
  const url = await postgres.database();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ version: string; address: string }>('SELECT version(), inet_server_addr()::text AS address');
    assert.match(rows[0]!.version, /^PostgreSQL \d+/);
    assert.equal(rows[0]!.address, '127.0.0.1/32');
  } finally {
    await client.end();
  }
});
