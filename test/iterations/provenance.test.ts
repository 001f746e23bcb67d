import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveProvenance } from '../../src/iterations/provenance.js';

test('explicit values beat the environment, which beats commit trailers; actor defaults to human', () => {
  assert.deepEqual(resolveProvenance({}, {}, undefined), { actor: 'human', tool: undefined, model: undefined, strategy: undefined, author: undefined, attestation: 'none' });
  // Only the door says a person was seen; inside an agent even a terminal does not count.
  assert.equal(resolveProvenance({ attestation: 'terminal' }, {}, undefined).attestation, 'terminal');
  assert.equal(resolveProvenance({ attestation: 'terminal' }, { CLAUDECODE: '1' }, undefined).attestation, undefined);
  assert.equal(resolveProvenance({}, {}, { actor: 'ai', tool: 'copilot' }).tool, 'copilot');
  const env = { LOOPWARDEN_ACTOR: 'ai', LOOPWARDEN_TOOL: 'cursor', LOOPWARDEN_MODEL: 'gpt-5', LOOPWARDEN_STRATEGY: 'feature', LOOPWARDEN_AUTHOR: 'dev' };
  assert.deepEqual(resolveProvenance({}, env, { actor: 'human', tool: 'copilot' }), { actor: 'ai', tool: 'cursor', model: 'gpt-5', strategy: 'feature', author: 'dev' });
  const humanEnv = { ...env, LOOPWARDEN_ACTOR: 'human' };
  assert.equal(resolveProvenance({ actor: 'human', tool: 'claude-code' }, humanEnv, undefined).tool, 'claude-code');
  assert.equal(resolveProvenance({ actor: 'human' }, humanEnv, undefined).actor, 'human');
});

test('inside a coding agent the actor is ai whatever is claimed; claiming human is refused', () => {
  assert.equal(resolveProvenance({}, { CLAUDECODE: '1' }, undefined).actor, 'ai');
  assert.equal(resolveProvenance({}, { CLAUDECODE: '1' }, undefined).tool, 'claude-code');
  assert.equal(resolveProvenance({}, { CODEX_SANDBOX: 'seatbelt' }, { actor: 'human' }).actor, 'ai');
  assert.throws(() => resolveProvenance({ actor: 'human' }, { CLAUDECODE: '1' }, undefined), /actor human refused: the environment shows Claude Code \(CLAUDECODE\)/);
  assert.throws(() => resolveProvenance({ actor: 'human' }, { LOOPWARDEN_ACTOR: 'ai' }, undefined), /actor human refused/);
  assert.throws(() => resolveProvenance({}, { GEMINI_CLI: '1', LOOPWARDEN_ACTOR: 'human' }, undefined), /actor human refused: the environment shows Gemini CLI/);
  assert.equal(resolveProvenance({}, { CLAUDECODE: '' }, undefined).actor, 'human');
});

test('an invalid LOOPWARDEN_ACTOR is a user error naming the variable', () => {
  assert.throws(() => resolveProvenance({}, { LOOPWARDEN_ACTOR: 'robot' }, undefined), /LOOPWARDEN_ACTOR: 'robot' is not one of ai, human/);
});
