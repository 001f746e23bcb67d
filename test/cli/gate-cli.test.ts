import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, chmodSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import Database from 'better-sqlite3';
import { gitRepo, runCli, runCliInTerminal } from '../helpers.js';
import { canonicalJson } from '../../src/ledger/canonical-json.js';
import { recordHash } from '../../src/ledger/record.js';

const SAFE_DB = 'def find(cursor, name):\n    return cursor.execute("SELECT * FROM t WHERE n = ?", (name,))\n';
const UNSAFE_DB = 'def find(cursor, name):\n    return cursor.execute("SELECT * FROM t WHERE n = \'" + name + "\'")\n';

function check(root: string, args: string[] = ['--actor', 'ai'], env: Record<string, string> = {}) {
  const result = runCli(['check', '--format', 'json', ...args], root, { env });
  return { ...result, json: result.stdout ? JSON.parse(result.stdout) : undefined };
}

const codes = (json: { verdict: { reasons: { code: string }[] } }) => json.verdict.reasons.map((r) => r.code);
const recordCount = (root: string) => JSON.parse(runCli(['ledger', 'export', '--format', 'json'], root).stdout).records.length;

function blockedRepo(): string {
  const root = gitRepo({ 'app/db.py': SAFE_DB, 'app/util.py': 'def helper(x):\n    return x\n' });
  assert.equal(runCli(['init'], root).status, 0);
  writeFileSync(join(root, 'app/db.py'), UNSAFE_DB);
  const first = check(root);
  assert.equal(first.json.verdict.level, 'block');
  assert.deepEqual(codes(first.json), ['finding-introduced']);
  return root;
}

test('an agent that retries without fixing stays blocked through three retries', () => {
  const root = blockedRepo();
  for (let retry = 1; retry <= 3; retry++) {
    appendFileSync(join(root, 'app/util.py'), `# retry ${retry}\n`);
    const again = check(root);
    assert.equal(again.status, 1, `retry ${retry}`);
    assert.equal(again.json.verdict.level, 'block');
    assert.ok(codes(again.json).includes('finding-open'));
    assert.match(again.json.verdict.reasons[0].message, /^still open since iteration #1: critical CWE-89 python-sqli-built-query at app\/db.py:2/);
    assert.deepEqual(again.json.counts, { open: 1, introduced: 0, stillOpen: 1, fixed: 0, persistingChanged: 0 });
  }
  writeFileSync(join(root, 'app/db.py'), SAFE_DB);
  const fixed = check(root);
  assert.equal(fixed.json.verdict.level, 'review-required'); // the fix came in the fifth AI iteration: over the chain limit
  assert.deepEqual(codes(fixed.json), ['chain-limit']);
  assert.deepEqual(fixed.json.open, []);
  assert.equal(fixed.json.diff.fixed.length, 1);
});

test('a check of an unchanged tree records nothing, counts nothing, and answers with the standing state', () => {
  const root = blockedRepo();
  const before = recordCount(root);
  for (let i = 0; i < 3; i++) {
    const same = check(root);
    assert.equal(same.status, 1);
    assert.equal(same.json.recorded, false);
    assert.equal(same.json.verdict.level, 'block');
    assert.deepEqual(same.json.chain, { aiIterationsSinceReview: 1, limit: 3 });
  }
  assert.equal(recordCount(root), before);
  const text = runCli(['check', '--actor', 'ai'], root);
  assert.match(text.stdout, /^BLOCK {2}chain 1\/3 {2}open 1 \(introduced 0, still open 1\) {2}fixed 0 {2}risk 0 → 7.5 {2}complexity 2 → 2\n/);
  assert.match(text.stdout, /nothing changed since iteration #1: nothing recorded, nothing counted/);
  // A human checking the same tree does not accept it either: only a review does.
  assert.equal(check(root, ['--actor', 'human']).json.verdict.level, 'block');
});

test('a rejection keeps the chain and the open findings; the next check is still not a pass until the code changes', () => {
  const root = gitRepo({ 'app/db.py': SAFE_DB });
  writeFileSync(join(root, 'app/db.py'), SAFE_DB.replace('find', 'find_one'));
  assert.equal(check(root).json.verdict.level, 'pass');
  const rejected = runCliInTerminal(['review', '--reject', '--yes', '--note', 'renaming breaks callers'], root);
  assert.equal(rejected.status, 0, rejected.output);
  assert.match(rejected.output, /recorded review #2: reject by Dev of iterations #1; the chain and the open findings stay/);
  const standing = check(root);
  assert.equal(standing.json.recorded, false);
  assert.equal(standing.json.verdict.level, 'review-required');
  assert.deepEqual(codes(standing.json), ['review-rejected']);
  assert.equal(standing.json.chain.aiIterationsSinceReview, 1);
  writeFileSync(join(root, 'app/db.py'), SAFE_DB);
  const changed = check(root);
  assert.equal(changed.json.verdict.level, 'pass');
  assert.equal(changed.json.chain.aiIterationsSinceReview, 2);
  // A rejection with an open finding: still blocked after the rejection.
  const blocked = blockedRepo();
  assert.equal(runCliInTerminal(['review', '--reject', '--yes'], blocked).status, 0);
  assert.deepEqual(codes(check(blocked).json), ['finding-open', 'review-rejected']);
});

test('the first check in a repository with findings says they are the baseline and does not gate on them', () => {
  const root = gitRepo({ 'app/db.py': UNSAFE_DB, 'app/util.py': 'x = 1\n' });
  appendFileSync(join(root, 'app/util.py'), 'y = 2\n');
  const first = runCli(['check', '--actor', 'ai'], root);
  assert.equal(first.status, 0, first.stdout);
  assert.match(first.stdout, /^PASS /);
  assert.match(first.stdout, /\nbaseline: 1 existing finding \(1 critical\) — not gating; `loopwarden scan` lists them\n/);
});

test('reviews: refused to an agent and without a terminal; a person at a terminal is asked, and may say no', () => {
  const root = blockedRepo();
  const fromAgent = runCliInTerminal(['review', '--approve', '--yes', '--note', 'lgtm'], root, { CLAUDECODE: '1' });
  assert.equal(fromAgent.status, 2);
  assert.match(fromAgent.output, /review refused: the environment shows Claude Code \(CLAUDECODE\)/);
  const loopwardenAi = runCliInTerminal(['review', '--approve', '--yes'], root, { LOOPWARDEN_ACTOR: 'ai' });
  assert.equal(loopwardenAi.status, 2);
  const noTerminal = runCli(['review', '--approve', '--yes', '--note', 'lgtm'], root);
  assert.equal(noTerminal.status, 2);
  assert.equal(noTerminal.stderr, 'loopwarden: review refused: no terminal (standard input and output must be a TTY); a person does it at a terminal, or signs the review with --sign\n');
  assert.equal(recordCount(root), 1);

  const declined = runCliInTerminal(['review', '--approve', '--note', 'lgtm'], root, {}, 'n\n');
  assert.equal(declined.status, 1);
  assert.match(declined.output, /open findings an approval accepts: 1\r?\n {2}critical CWE-89 python-sqli-built-query at app\/db.py:2 \(since iteration #1\)/);
  assert.match(declined.output, /approve as Dev\? \[y\/N\]/);
  assert.match(declined.output, /not recorded/);
  assert.equal(recordCount(root), 1);

  const approved = runCliInTerminal(['review', '--approve', '--note', 'accepted, ticket SEC-1'], root, {}, 'y\n');
  assert.equal(approved.status, 0, approved.output);
  assert.match(approved.output, /recorded review #2: approve by Dev of iterations #1; iteration #1 is the accepted baseline and the AI chain is reset/);
  const afterApproval = check(root);
  assert.equal(afterApproval.json.verdict.level, 'pass');
  assert.equal(afterApproval.json.baseline.why, 'approval');
  // Safe to run twice: the same approval again records nothing.
  const twice = runCliInTerminal(['review', '--approve', '--yes'], root);
  assert.match(twice.output, /nothing to record: review #2 already approved this state/);
  assert.equal(recordCount(root), 2);
  const badName = runCliInTerminal(['review', '--reject', '--yes', '--reviewer', 'Eve\u001b[2J'], root);
  assert.equal(badName.status, 2);
  assert.match(badName.output, /--reviewer: control characters/);
});

test('inside an agent, check records AI iterations and refuses to record a human one', () => {
  const root = blockedRepo();
  appendFileSync(join(root, 'app/util.py'), '# agent\n');
  const asHuman = runCli(['check', '--actor', 'human'], root, { env: { CLAUDECODE: '1' } });
  assert.equal(asHuman.status, 2);
  assert.match(asHuman.stderr, /actor human refused: the environment shows Claude Code/);
  const byDefault = check(root, [], { CLAUDECODE: '1' });
  assert.deepEqual(byDefault.json.iteration.provenance, { actor: 'ai', tool: 'claude-code' });
  assert.equal(byDefault.json.verdict.level, 'block');
});

test('an AI iteration that loosens its own policy, or poisons the config cache, is not a pass', () => {
  const root = blockedRepo();
  writeFileSync(join(root, '.loopwarden.yml'), 'policy:\n  findings:\n    block: []\n    warn: []\n');
  const loosened = check(root);
  assert.equal(loosened.status, 1);
  assert.equal(loosened.json.verdict.level, 'review-required');
  assert.deepEqual(codes(loosened.json), ['guarded-change', 'guarded-change']);
  assert.match(loosened.json.verdict.reasons.map((r: { message: string }) => r.message).join('\n'), /the config file \.loopwarden\.yml changed since the accepted baseline in an AI iteration/);
  // Retrying does not wear it down.
  appendFileSync(join(root, 'app/util.py'), '# again\n');
  assert.equal(check(root).json.verdict.level, 'review-required');

  const cached = blockedRepo();
  const cachePath = join(cached, '.loopwarden', 'config.cache.json');
  const cache = JSON.parse(readFileSync(cachePath, 'utf8'));
  cache.config.policy.findings = { block: [], reviewRequired: [], warn: [] };
  writeFileSync(cachePath, JSON.stringify(cache));
  appendFileSync(join(cached, 'app/util.py'), '# poisoned\n');
  const poisoned = check(cached);
  assert.equal(poisoned.json.verdict.level, 'review-required');
  assert.match(poisoned.json.verdict.reasons[0].message, /the effective policy and scan settings changed/);
});

test('a suppression written by an AI iteration needs a person', () => {
  const root = blockedRepo();
  writeFileSync(join(root, 'app/db.py'), UNSAFE_DB.replace('    return', '    # loopwarden-ignore python-sqli-built-query: names are validated upstream\n    return'));
  const suppressed = check(root);
  assert.equal(suppressed.json.verdict.level, 'review-required');
  assert.deepEqual(codes(suppressed.json), ['suppression-by-ai']);
  assert.match(suppressed.json.verdict.reasons[0].message, /python-sqli-built-query at app\/db.py:3 was suppressed in AI iteration #2 \("names are validated upstream"\)/);
  appendFileSync(join(root, 'app/util.py'), '# later\n');
  assert.deepEqual(codes(check(root).json), ['suppression-by-ai']);
  assert.equal(runCliInTerminal(['review', '--approve', '--yes'], root).status, 0);
  appendFileSync(join(root, 'app/util.py'), '# after review\n');
  assert.equal(check(root).json.verdict.level, 'pass');
  // Fixed for real, the comment stays behind: check names it as unused.
  writeFileSync(join(root, 'app/db.py'), SAFE_DB.replace('    return', '    # loopwarden-ignore python-sqli-built-query: names are validated upstream\n    return'));
  const fixed = check(root);
  assert.equal(fixed.json.verdict.level, 'pass');
  assert.deepEqual(fixed.json.unusedSuppressions, [{ path: 'app/db.py', line: 2, ruleId: 'python-sqli-built-query', reason: 'names are validated upstream' }]);
  assert.match(runCli(['check', '--actor', 'ai'], root).stdout, /unused suppressions \(they silence nothing; remove them\): 1\n {2}app\/db.py:2 loopwarden-ignore python-sqli-built-query/);
});

test('an edited query that is still injectable persists (changed): it is not fixed plus introduced', () => {
  const root = blockedRepo();
  writeFileSync(join(root, 'app/db.py'), 'def find(cursor, name):\n    query = "SELECT id FROM t WHERE n = \'" + name + "\'"\n    return cursor.execute(query)\n');
  const edited = check(root);
  assert.deepEqual(edited.json.diff.introduced, []);
  assert.deepEqual(edited.json.diff.fixed, []);
  assert.equal(edited.json.diff.changed.length, 1);
  assert.equal(edited.json.diff.changed[0].before.startLine, 2);
  assert.equal(edited.json.counts.persistingChanged, 1);
  assert.equal(edited.json.open[0].since, 1);
  assert.match(runCli(['diff', 'HEAD', 'WORKTREE'], root).stdout, /persisting in changed files: 0/);
});

test('signed reviews: accepted from a key in the allowed signers, refused otherwise, and checked by ledger verify', () => {
  const keys = mkdtempSync(join(tmpdir(), 'loopwarden-keys-'));
  after(() => rmSync(keys, { recursive: true, force: true }));
  const keygen = (name: string) => execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', join(keys, name)]);
  keygen('ana');
  keygen('mallory');
  const signers = join(keys, 'allowed_signers');
  writeFileSync(signers, `ana@example.com ${readFileSync(join(keys, 'ana.pub'), 'utf8')}`);
  const root = gitRepo({ 'app/db.py': SAFE_DB, '.loopwarden.yml': `policy:\n  review:\n    allowedSigners: ${signers}\n` });
  writeFileSync(join(root, 'app/db.py'), UNSAFE_DB);
  assert.equal(check(root).json.verdict.level, 'block');

  const wrongKey = runCli(['review', '--approve', '--sign', join(keys, 'mallory')], root, { env: { CLAUDECODE: '1' } });
  assert.equal(wrongKey.status, 2);
  assert.match(wrongKey.stderr, /review refused: the signing key is not in the allowed signers/);
  const signed = runCli(['review', '--approve', '--sign', join(keys, 'ana'), '--note', 'signed off'], root, { env: { CLAUDECODE: '1' } });
  assert.equal(signed.status, 0, signed.stderr);
  assert.match(signed.stdout, /recorded review #2: approve by ana@example.com \(SSH signature verified\) of iterations #1/);
  assert.equal(check(root).json.verdict.level, 'pass');
  assert.equal(runCli(['ledger', 'verify'], root).status, 0);

  // The signature covers the note and the state: editing either, even with the hash chain recomputed, is caught.
  const copy = mkdtempSync(join(tmpdir(), 'loopwarden-forged-'));
  after(() => rmSync(copy, { recursive: true, force: true }));
  execFileSync('cp', ['-a', `${root}/.`, copy]);
  const db = new Database(join(copy, '.loopwarden', 'ledger.db'));
  db.exec('DROP TRIGGER ledger_records_no_update');
  const rows = db.prepare('SELECT seq, kind, recorded_at, payload, prev_hash FROM ledger_records ORDER BY seq').all() as { seq: number; kind: string; recorded_at: string; payload: string; prev_hash: string }[];
  let prevHash = rows[0]!.prev_hash;
  for (const row of rows) {
    const payload = JSON.parse(row.payload);
    if (row.kind === 'review') payload.note = 'forged note';
    const text = canonicalJson(payload);
    const hash = recordHash(row.seq, row.kind, row.recorded_at, text, prevHash);
    db.prepare('UPDATE ledger_records SET payload = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(text, prevHash, hash, row.seq);
    prevHash = hash;
  }
  db.close();
  writeFileSync(join(copy, '.loopwarden', 'ledger.db.head'), `${rows.length} ${prevHash}\n`);
  const forged = runCli(['ledger', 'verify'], copy);
  assert.equal(forged.status, 1);
  assert.match(forged.stdout, /record 2 \(review by ana@example.com\): the signed text does not match the review or the state it covers/);

  // An agent that adds its own key to the allowed signers cannot sign with it.
  appendFileSync(signers, `mallory@example.com ${readFileSync(join(keys, 'mallory.pub'), 'utf8')}`);
  appendFileSync(join(root, 'app/db.py'), '# more\n');
  check(root);
  const selfSigned = runCli(['review', '--approve', '--sign', join(keys, 'mallory')], root, { env: { CLAUDECODE: '1' } });
  assert.equal(selfSigned.status, 2);
  assert.match(selfSigned.stderr, /the allowed-signers file .* is not the one in force at the accepted baseline/);
});

test('moving the vulnerable code where it is not analysed is not a fix: vendored, too large, one long line', () => {
  const padding = `${'# filler line\n'.repeat(80_000)}`; // past the 1 MiB default limit
  const moves: [string, (root: string) => void][] = [
    ['vendor/db.py', (root) => { mkdirSync(join(root, 'vendor')); renameSync(join(root, 'app/db.py'), join(root, 'vendor/db.py')); }],
    ['app/db.py (too-large)', (root) => writeFileSync(join(root, 'app/db.py'), UNSAFE_DB + padding)],
    ['app/db.py (binary)', (root) => writeFileSync(join(root, 'app/db.py'), `${UNSAFE_DB.replace(/\n/g, '; ').replace(':;', ':')}${' '.repeat(5000)}x = 1\n`)],
  ];
  for (const [label, move] of moves) {
    const root = blockedRepo();
    move(root);
    const moved = check(root);
    assert.equal(moved.status, 1, `${label}: ${moved.stdout.slice(0, 400)}`);
    assert.ok(codes(moved.json).includes('guarded-change'), `${label}: ${JSON.stringify(codes(moved.json))}`);
    assert.match(moved.json.verdict.reasons.find((r: { code: string }) => r.code === 'guarded-change').message, /the source files loopwarden does not analyse/);
  }
});

test('code moved into a script without an extension is still analysed by its #! line, in the work tree and in a commit', () => {
  const root = blockedRepo();
  rmSync(join(root, 'app/db.py'));
  mkdirSync(join(root, 'bin'));
  writeFileSync(join(root, 'bin/db'), `#!/usr/bin/env python3\n${UNSAFE_DB}`);
  const moved = check(root);
  assert.equal(moved.json.verdict.level, 'block', JSON.stringify(moved.json.verdict));
  assert.deepEqual(moved.json.open.map((f: { path: string; startLine: number }) => `${f.path}:${f.startLine}`), ['bin/db:3']);
  execFileSync('git', ['add', '-A'], { cwd: root });
  execFileSync('git', ['commit', '-qm', 'move the query into a script'], { cwd: root });
  const committed = check(root, ['--actor', 'ai', '--rev', 'HEAD']);
  assert.equal(committed.json.verdict.level, 'block');
  assert.deepEqual(committed.json.open.map((f: { path: string }) => f.path), ['bin/db']);
});

test('a script without an extension that cannot be read is not passed over: moving code into it does not open the gate', (t) => {
  // root reads any file: the check runs as nobody, who owns the repository but may not read the script.
  if (process.getuid?.() !== 0) return t.skip('needs root to run the check as another user');
  const root = blockedRepo();
  rmSync(join(root, 'app/db.py'));
  mkdirSync(join(root, 'bin'));
  writeFileSync(join(root, 'bin/db'), `#!/usr/bin/env python3\n${UNSAFE_DB}`);
  execFileSync('chown', ['-R', '65534:65534', root]);
  chmodSync(join(root, 'bin/db'), 0o000);
  const result = runCli(['check', '--format', 'json', '--actor', 'ai'], root, { uid: 65534, gid: 65534, env: { HOME: root } });
  const json = JSON.parse(result.stdout);
  assert.notEqual(json.verdict.level, 'pass', JSON.stringify(json.verdict));
  assert.ok(codes(json).includes('guarded-change'), JSON.stringify(codes(json)));
});

test('ignore rules, symbolic links and going back with --rev do not open the gate', () => {
  const ignored = blockedRepo();
  execFileSync('git', ['rm', '-q', '--cached', 'app/db.py'], { cwd: ignored });
  appendFileSync(join(ignored, '.git/info/exclude'), 'app/db.py\n');
  const hidden = check(ignored);
  assert.equal(hidden.status, 1);
  assert.ok(codes(hidden.json).includes('guarded-change'), JSON.stringify(codes(hidden.json)));
  assert.match(JSON.stringify(hidden.json.verdict.reasons), /the ignore rules/);

  const linked = blockedRepo();
  const outside = mkdtempSync(join(tmpdir(), 'loopwarden-outside-'));
  after(() => rmSync(outside, { recursive: true, force: true }));
  writeFileSync(join(outside, 'secret.py'), 'API_KEY = "sk-live-0123456789abcdef0123"\n');
  renameSync(join(linked, 'app/db.py'), join(outside, 'db.py'));
  symlinkSync(join(outside, 'db.py'), join(linked, 'app/db.py'));
  symlinkSync(join(outside, 'secret.py'), join(linked, 'app/secret.py'));
  const viaLink = check(linked);
  assert.equal(viaLink.status, 1);
  assert.match(JSON.stringify(viaLink.json.verdict.reasons), /app\/db.py \(symbolic link\)/);
  assert.doesNotMatch(readFileSync(join(linked, '.loopwarden/ledger.db')).toString('latin1'), /sk-live-0123456789abcdef0123/);

  const rev = blockedRepo();
  execFileSync('git', ['commit', '-qam', 'unsafe'], { cwd: rev });
  assert.equal(check(rev, ['--actor', 'ai', '--rev', 'HEAD']).json.verdict.level, 'block');
  const back = runCli(['check', '--actor', 'ai', '--rev', 'HEAD~1'], rev, { env: { CLAUDECODE: '1' } });
  assert.equal(back.status, 2);
  assert.match(back.stderr, /--rev [0-9a-f]{12}: older than the state last recorded \(iteration #2, commit [0-9a-f]{12}\); iterations are recorded forward only/);
});
