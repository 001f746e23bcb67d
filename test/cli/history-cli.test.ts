import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gitRepo, runCli } from '../helpers.js';
import { CLAUDE, SAFE_DB, UNSAFE_DB, commit, git } from './commit-chain-helpers.js';

const GIT_AI_NOTE = `app/report.py
  s_e7f2a90b31cc48::t_deadbeef012345 1-2
---
{"schema_version":"authorship/3.0.0","base_commit_sha":"0","prompts":{},"sessions":{"s_e7f2a90b31cc48":{"agent_id":{"tool":"cursor","id":"conv-7","model":"gpt-5"}}}}
`;

test('history records each commit after --since (trailers and git-ai notes); a second run records nothing new', () => {
  const root = gitRepo({ 'app/db.py': SAFE_DB });
  const base = git(root, 'rev-parse', 'HEAD');
  assert.equal(runCli(['init'], root).status, 0);
  const ai = commit(root, `Add search${CLAUDE}`, { 'app/db.py': UNSAFE_DB });
  const noted = commit(root, 'Add a report', { 'app/report.py': 'LIMIT = 10\nNAME = "report"\n' });
  git(root, 'notes', '--ref=ai', 'add', '-m', GIT_AI_NOTE, noted);
  // A commit without AI trailers is a human one, unattested: an agent writes its own commit messages, so
  // it ends no AI chain (the chain stays at 2).
  const human = commit(root, 'Fix the query', { 'app/db.py': SAFE_DB });

  const first = runCli(['history', '--since', base], root);
  assert.equal(first.status, 0, first.stderr);
  const lines = first.stdout.trim().split('\n');
  assert.equal(lines.length, 4);
  assert.match(lines[0]!, new RegExp(`^${ai.slice(0, 12)}  ai/claude-code +BLOCK +introduced 1 \\(CWE-89\\)  #1  Add search$`));
  assert.match(lines[1]!, new RegExp(`^${noted.slice(0, 12)}  ai/cursor +BLOCK +introduced 0  #2  Add a report$`));
  assert.match(lines[2]!, new RegExp(`^${human.slice(0, 12)}  human +PASS +introduced 0  #3  Fix the query$`));
  assert.equal(lines[3], `3 commits after ${base.slice(0, 12)} (2 by AI): 3 recorded, 0 unchanged, 0 skipped; now PASS (iteration #3, AI chain 2/3)`);

  const records = JSON.parse(runCli(['ledger', 'export', '--format', 'json'], root).stdout).records;
  assert.deepEqual(
    records.map((r: { payload: { provenance: object; revision: { commit: string } } }) => [r.payload.revision.commit, r.payload.provenance]),
    [
      [ai, { actor: 'ai', tool: 'claude-code' }],
      [noted, { actor: 'ai', tool: 'cursor', model: 'gpt-5', session: 'conv-7' }],
      [human, { actor: 'human', attestation: 'none' }],
    ],
  );

  const second = runCli(['history', '--since', base], root);
  assert.equal(second.status, 0, second.stderr);
  assert.match(second.stdout, /skipped: already recorded  Add search\n/);
  assert.match(second.stdout.trim().split('\n').at(-1)!, /: 0 recorded, 1 unchanged, 2 skipped; now PASS \(iteration #3/);
  assert.equal(JSON.parse(runCli(['ledger', 'export', '--format', 'json'], root).stdout).records.length, 3);
  assert.equal(runCli(['ledger', 'verify'], root).status, 0);
});

test('history: a --since that names no commit is one line, exit 2, nothing recorded', () => {
  const root = gitRepo({ 'app/db.py': SAFE_DB });
  const result = runCli(['history', '--since', 'v9.9'], root);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /^loopwarden: --since v9.9: not a commit in \S+\n$/);
  const missing = runCli(['history'], root);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /required option '--since <rev>' not specified/);
});
