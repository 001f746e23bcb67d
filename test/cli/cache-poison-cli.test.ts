import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { gitRepo, runCli } from '../helpers.js';

// Every cache the ledger keeps is poisoned the way an agent with a shell would: the verdict must not change.
const SAFE_DB = 'def find(cursor, name):\n    return cursor.execute("SELECT * FROM t WHERE n = ?", (name,))\n';
const UNSAFE_DB = 'def find(cursor, name):\n    return cursor.execute("SELECT * FROM t WHERE n = \'%s\'" % name)\n';

function check(root: string) {
  const result = runCli(['check', '--format', 'json'], root, { env: { CLAUDECODE: '1' } });
  return { ...result, json: result.stdout ? JSON.parse(result.stdout) : undefined };
}

function database(root: string): Database.Database {
  const db = new Database(join(root, '.loopwarden', 'ledger.db'));
  for (const table of ['file_analyses', 'file_stat_cache', 'analyses', 'snapshots']) {
    db.exec(`DROP TRIGGER IF EXISTS ${table}_no_update; DROP TRIGGER IF EXISTS ${table}_no_delete;`);
  }
  return db;
}

const blobId = (text: string) => execFileSync('git', ['hash-object', '--stdin'], { input: text }).toString().trim();
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A repository whose first AI check was clean (so the clean analysis is cached), then the injection. */
function cleanThenUnsafe(): string {
  const root = gitRepo({ 'db.py': SAFE_DB });
  assert.equal(runCli(['init'], root).status, 0);
  writeFileSync(join(root, 'db.py'), `${SAFE_DB}# v1\n`);
  assert.equal(check(root).json.verdict.level, 'pass');
  return root;
}

test('an analysis row put under the key of the vulnerable content is never used', () => {
  const root = cleanThenUnsafe();
  const db = database(root);
  const clean = db.prepare('SELECT analysis FROM analyses LIMIT 1').get() as { analysis: string };
  const unsafe = `${UNSAFE_DB}# v2\n`;
  // The old key-addressed table, and a forged row in the new one under a digest that does not match.
  const key = (db.prepare('SELECT analysis_key FROM file_analyses LIMIT 1').get() as { analysis_key: string } | undefined)?.analysis_key;
  if (key) db.prepare('INSERT OR REPLACE INTO file_analyses (analysis_key, analysis, summary) VALUES (?, ?, ?)').run(key.replace(/[0-9a-f]{40}$/, blobId(unsafe)), clean.analysis, '{}');
  db.prepare('INSERT INTO analyses (digest, analysis) VALUES (?, ?)').run(sha256(unsafe), clean.analysis);
  db.close();
  writeFileSync(join(root, 'db.py'), unsafe);
  const poisoned = check(root);
  assert.equal(poisoned.status, 1, poisoned.stdout + poisoned.stderr);
  assert.equal(poisoned.json.verdict.level, 'block');
});

test('a stat cache pointing the file at the clean content, or a file whose size and time were kept, changes nothing', () => {
  const root = cleanThenUnsafe();
  const padded = `${SAFE_DB}# v1\n`;
  const unsafe = UNSAFE_DB.padEnd(padded.length - 1, ' ') + '\n';
  assert.equal(unsafe.length, padded.length);
  const before = statSync(join(root, 'db.py'));
  writeFileSync(join(root, 'db.py'), unsafe);
  utimesSync(join(root, 'db.py'), before.atime, before.mtime);
  const db = database(root);
  db.prepare('INSERT OR REPLACE INTO file_stat_cache (path, size, mtime_ms, hash) VALUES (?, ?, ?, ?)').run('db.py', before.size, before.mtimeMs, blobId(padded));
  db.close();
  const poisoned = check(root);
  assert.equal(poisoned.json.recorded, true);
  assert.equal(poisoned.json.verdict.level, 'block');
});

test('an edited snapshot or analysis of an earlier iteration stops the check (exit 2) and ledger verify names it', () => {
  const root = cleanThenUnsafe();
  writeFileSync(join(root, 'db.py'), UNSAFE_DB);
  assert.equal(check(root).json.verdict.level, 'block');
  const db = database(root);
  const row = db.prepare("SELECT digest, analysis FROM analyses WHERE analysis LIKE '%python-sqli%'").get() as { digest: string; analysis: string };
  const emptied = JSON.parse(row.analysis);
  emptied.findings = [];
  db.prepare('UPDATE analyses SET analysis = ? WHERE digest = ?').run(JSON.stringify(emptied), row.digest);
  db.close();
  writeFileSync(join(root, 'db.py'), `${UNSAFE_DB}# retry\n`);
  const after = check(root);
  assert.equal(after.status, 2, after.stdout);
  assert.match(after.stderr, /^loopwarden: \.loopwarden\/ledger\.db: the analysis of db\.py \([0-9a-f]{12}\) is missing or does not match its digest \(the ledger was edited\); run loopwarden ledger verify\n$/);
  const verify = runCli(['ledger', 'verify'], root);
  assert.equal(verify.status, 1);
  assert.match(verify.stdout, /the analysis of db\.py \([0-9a-f]{12}\) is missing or was edited/);

  const other = cleanThenUnsafe();
  const odb = database(other);
  const snapshot = odb.prepare('SELECT id, body FROM snapshots ORDER BY rowid DESC LIMIT 1').get() as { id: string; body: string };
  odb.prepare('UPDATE snapshots SET body = ? WHERE id = ?').run(snapshot.body.replace('"risk":0', '"risk":1'), snapshot.id);
  odb.close();
  writeFileSync(join(other, 'db.py'), UNSAFE_DB);
  const edited = check(other);
  assert.equal(edited.status, 2);
  assert.match(edited.stderr, /snapshot [0-9a-f]{12} does not match its hash \(the ledger was edited\)/);
});

test('a config cache edited before the first check is not used: the first baseline has the real policy', () => {
  const root = gitRepo({ 'db.py': SAFE_DB, '.loopwarden.yml': 'policy:\n  chain:\n    maxConsecutiveAiIterations: 3\n' });
  assert.equal(runCli(['init'], root).status, 0);
  assert.equal(runCli(['status'], root).status, 0); // writes the cache
  const cachePath = join(root, '.loopwarden', 'config.cache.json');
  const cache = JSON.parse(readFileSync(cachePath, 'utf8'));
  cache.config.policy.findings = { block: [], reviewRequired: [], warn: [] };
  cache.config.policy.chain.maxConsecutiveAiIterations = 1000;
  writeFileSync(cachePath, JSON.stringify(cache));
  writeFileSync(join(root, 'db.py'), UNSAFE_DB);
  const first = check(root);
  assert.equal(first.json.verdict.level, 'block');
  assert.deepEqual(first.json.chain, { aiIterationsSinceReview: 1, limit: 3 });
});
