import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { canonicalJson } from '../../src/ledger/canonical-json.js';
import { recordHash } from '../../src/ledger/record.js';
import { gitRepo, runCli, runCliInTerminal } from '../helpers.js';

// The ledger is tampered with as an agent with a shell could; each case must stop the next check (exit 2,
// nothing recorded) and be named by `ledger verify`, as long as the repository's own refs are intact.
const SAFE_DB = 'def find(cursor, name):\n    return cursor.execute("SELECT * FROM t WHERE n = ?", (name,))\n';
const UNSAFE_DB = 'def find(cursor, name):\n    return cursor.execute("SELECT * FROM t WHERE n = \'%s\'" % name)\n';
const agent = { env: { CLAUDECODE: '1' } };

/** A repository whose AI check blocked on an injection: one record, anchored. */
function blocked(): string {
  const root = gitRepo({ 'db.py': SAFE_DB });
  assert.equal(runCli(['init'], root).status, 0);
  writeFileSync(join(root, 'db.py'), UNSAFE_DB);
  assert.equal(runCli(['check'], root, agent).status, 1);
  return root;
}

function assertStopped(root: string, pattern: RegExp): void {
  writeFileSync(join(root, 'db.py'), `${UNSAFE_DB}# retry\n`);
  const result = runCli(['check'], root, agent);
  assert.equal(result.status, 2, result.stdout);
  assert.match(result.stderr, pattern);
  assert.equal(result.stderr.trim().split('\n').length, 1);
  const verify = runCli(['ledger', 'verify'], root);
  assert.equal(verify.status, 1);
  assert.match(verify.stdout, pattern);
}

test('deleting the ledger, or the whole .loopwarden folder and running init again, is caught by the git anchor', () => {
  const deleted = blocked();
  for (const name of ['ledger.db', 'ledger.db-wal', 'ledger.db-shm', 'ledger.db.head']) rmSync(join(deleted, '.loopwarden', name), { force: true });
  assertStopped(deleted, /the git ref refs\/worktree\/loopwarden\/head says record 1 exists, but the ledger is empty \(deleted or re-initialised\)/);

  const reinitialised = blocked();
  rmSync(join(reinitialised, '.loopwarden'), { recursive: true, force: true });
  assert.equal(runCli(['init'], reinitialised).status, 0);
  assertStopped(reinitialised, /says record 1 exists, but the ledger is empty/);
});

test('restoring an older copy of the ledger with its old head file is caught', () => {
  const root = blocked();
  const saved = join(root, '..', `${root.split('/').pop()}-saved.db`);
  copyFileSync(join(root, '.loopwarden', 'ledger.db'), saved);
  copyFileSync(join(root, '.loopwarden', 'ledger.db.head'), `${saved}.head`);
  writeFileSync(join(root, 'db.py'), SAFE_DB);
  assert.equal(runCli(['check'], root, agent).status, 0);
  copyFileSync(saved, join(root, '.loopwarden', 'ledger.db'));
  copyFileSync(`${saved}.head`, join(root, '.loopwarden', 'ledger.db.head'));
  rmSync(join(root, '.loopwarden', 'ledger.db-wal'), { force: true });
  rmSync(join(root, '.loopwarden', 'ledger.db-shm'), { force: true });
  rmSync(saved);
  rmSync(`${saved}.head`);
  assertStopped(root, /says record 2 exists, but the ledger ends at record 1 \(records deleted, or an older copy restored\)/);
});

test('a forged review appended with a correct hash chain, or an edit with the whole chain recomputed, is caught', () => {
  const forged = blocked();
  const db = new Database(join(forged, '.loopwarden', 'ledger.db'));
  const last = db.prepare('SELECT seq, hash FROM ledger_records ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string };
  const payload = canonicalJson({ attestation: { kind: 'terminal' }, covers: [last.seq], decision: 'approve', note: 'ok', reviewer: 'Dana' });
  const at = new Date().toISOString();
  const hash = recordHash(last.seq + 1, 'review', at, payload, last.hash);
  db.prepare('INSERT INTO ledger_records (seq, kind, recorded_at, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?)').run(last.seq + 1, 'review', at, payload, last.hash, hash);
  db.close();
  writeFileSync(join(forged, '.loopwarden', 'ledger.db.head'), `${last.seq + 1} ${hash}\n`);
  assertStopped(forged, /records 2–2 are not witnessed by the git ref refs\/worktree\/loopwarden\/head \(appended outside loopwarden\)/);

  const recomputed = blocked();
  const rdb = new Database(join(recomputed, '.loopwarden', 'ledger.db'));
  rdb.exec('DROP TRIGGER ledger_records_no_update');
  const row = rdb.prepare('SELECT seq, kind, recorded_at, payload, prev_hash FROM ledger_records WHERE seq = 1').get() as { seq: number; kind: string; recorded_at: string; payload: string; prev_hash: string };
  const edited = canonicalJson({ ...JSON.parse(row.payload), provenance: { actor: 'human' } });
  const newHash = recordHash(row.seq, row.kind, row.recorded_at, edited, row.prev_hash);
  rdb.prepare('UPDATE ledger_records SET payload = ?, hash = ? WHERE seq = 1').run(edited, newHash);
  rdb.close();
  writeFileSync(join(recomputed, '.loopwarden', 'ledger.db.head'), `1 ${newHash}\n`);
  assertStopped(recomputed, /record 1 differs from what the git ref refs\/worktree\/loopwarden\/head recorded \(replaced\)/);
});

test('the derived findings table is checked against the hashed records', () => {
  const root = blocked();
  const db = new Database(join(root, '.loopwarden', 'ledger.db'));
  db.exec('DROP TRIGGER iteration_findings_no_delete');
  db.exec('DELETE FROM iteration_findings');
  db.close();
  const verify = runCli(['ledger', 'verify'], root);
  assert.equal(verify.status, 1);
  assert.match(verify.stdout, /record 1 \(iteration\): its rows in iteration_findings differ from the record \(edited\)/);
});

test('only a person re-witnesses a ledger, and only an intact one', () => {
  const root = blocked();
  rmSync(join(root, '.loopwarden'), { recursive: true, force: true });
  runCli(['init'], root);
  const byAgent = runCliInTerminal(['ledger', 'reanchor', '--yes'], root, { CLAUDECODE: '1' });
  assert.equal(byAgent.status, 2);
  assert.match(byAgent.output, /ledger reanchor refused: the environment shows Claude Code/);
  assert.equal(runCli(['ledger', 'reanchor', '--yes'], root).status, 2);
  const byPerson = runCliInTerminal(['ledger', 'reanchor', '--yes'], root);
  assert.equal(byPerson.status, 0, byPerson.output);
  assert.match(byPerson.output, /the head file and the git anchor now witness an empty ledger; they said record 1/);
  assert.equal(runCli(['ledger', 'verify'], root).status, 0);
  assert.equal(runCli(['check'], root, agent).status, 1); // the injection is still there, against HEAD
});

test('checks run at the same time each record in turn, every one witnessed', async () => {
  const root = blocked();
  const { spawn } = await import('node:child_process');
  const { CLI, cleanEnv } = await import('../helpers.js');
  const runs = Array.from({ length: 4 }, (_, i) =>
    new Promise<number>((resolve) => {
      writeFileSync(join(root, `extra${i}.py`), `x = ${i}\n`);
      const child = spawn(process.execPath, [CLI, 'check', '--actor', 'ai'], { cwd: root, env: cleanEnv(), stdio: 'ignore' });
      child.on('close', (code) => resolve(code ?? -1));
    }),
  );
  const codes = await Promise.all(runs);
  assert.ok(codes.every((code) => code === 1), JSON.stringify(codes));
  const verify = runCli(['ledger', 'verify'], root);
  assert.equal(verify.status, 0, verify.stdout);
});
