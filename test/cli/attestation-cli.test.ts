import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gitRepo, runCli, runCliInTerminal } from '../helpers.js';

const SAFE_DB = 'def find(cursor, name):\n    return cursor.execute("SELECT * FROM t WHERE n = ?", (name,))\n';
const UNSAFE_DB = 'def find(cursor, name):\n    return cursor.execute("SELECT * FROM t WHERE n = \'" + name + "\'")\n';
const SUPPRESSED_DB = UNSAFE_DB.replace('\n    return', '\n    # loopwarden-ignore python-sqli-built-query: false alarm\n    return');

type CheckJson = { verdict: { level: string; reasons: { code: string }[] }; chain: { aiIterationsSinceReview: number }; iteration: { provenance: { actor: string; attestation?: string } }; baseline: { why: string } };

function check(root: string, ...args: string[]): CheckJson {
  return JSON.parse(runCli(['check', '--format', 'json', ...args], root).stdout) as CheckJson;
}

function status(root: string): { baseline: { why: string } } {
  return JSON.parse(runCli(['status', '--format', 'json'], root).stdout) as { baseline: { why: string } };
}

function aiChain(root: string, iterations: number): void {
  for (let i = 0; i < iterations; i++) {
    writeFileSync(join(root, 'app/util.py'), `def helper(x):\n    return x + ${i}\n`);
    check(root, '--actor', 'ai');
  }
}

test('a human iteration nobody saw a person make (stripped agent variables, no terminal) ends no chain and accepts no suppression', () => {
  const root = gitRepo({ 'app/db.py': SAFE_DB, 'app/util.py': 'def helper(x):\n    return x\n' });
  writeFileSync(join(root, 'app/db.py'), UNSAFE_DB);
  assert.equal(check(root, '--actor', 'ai').verdict.level, 'block');
  aiChain(root, 3);
  // The agent's shell without CLAUDECODE and the rest: no terminal, so the "human" check is only claimed.
  writeFileSync(join(root, 'app/db.py'), SUPPRESSED_DB);
  const claimed = check(root);
  assert.equal(claimed.iteration.provenance.actor, 'human');
  assert.equal(claimed.iteration.provenance.attestation, 'none');
  assert.equal(claimed.chain.aiIterationsSinceReview, 4, 'the chain was reset');
  assert.equal(claimed.verdict.level, 'review-required');
  const codes = claimed.verdict.reasons.map((r) => r.code);
  assert.ok(codes.includes('suppression-by-ai'), codes.join());
  assert.ok(codes.includes('chain-limit'), codes.join());
  // The same claim again, after more AI work: still not accepted.
  writeFileSync(join(root, 'app/util.py'), 'def helper(x):\n    return x * 2\n');
  assert.equal(check(root, '--actor', 'human').verdict.level, 'review-required');
  assert.equal(status(root).baseline.why, 'before-first-check');
  assert.match(runCli(['check'], root).stdout, /human \(unattested: no person seen at a terminal; ends no chain, accepts nothing\)/);
});

test('a person at a terminal records an attested human iteration: it ends the chain and becomes the accepted baseline', () => {
  const root = gitRepo({ 'app/db.py': SAFE_DB, 'app/util.py': 'def helper(x):\n    return x\n' });
  check(root);
  aiChain(root, 4);
  writeFileSync(join(root, 'app/util.py'), 'def helper(x):\n    return -x\n');
  const atTerminal = runCliInTerminal(['check', '--format', 'json'], root);
  const json = JSON.parse(atTerminal.output.slice(atTerminal.output.indexOf('{'))) as CheckJson;
  assert.equal(json.iteration.provenance.attestation, 'terminal');
  assert.equal(json.chain.aiIterationsSinceReview, 0);
  assert.equal(status(root).baseline.why, 'human-iteration');
  // Inside an agent's environment a terminal does not count: the actor is ai.
  writeFileSync(join(root, 'app/util.py'), 'def helper(x):\n    return x - 1\n');
  const agent = runCliInTerminal(['check', '--format', 'json'], root, { CLAUDECODE: '1' });
  assert.equal((JSON.parse(agent.output.slice(agent.output.indexOf('{'))) as CheckJson).iteration.provenance.actor, 'ai');
});
