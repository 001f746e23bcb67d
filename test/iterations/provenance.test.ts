import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveProvenance } from '../../src/iterations/provenance.js';

test('explicit values beat the environment, which beats commit trailers; actor defaults to human', () => {
  assert.deepEqual(resolveProvenance({}, {}, undefined), { actor: 'human', tool: undefined, model: undefined, strategy: undefined, author: undefined });
  assert.equal(resolveProvenance({}, {}, { actor: 'ai', tool: 'copilot' }).tool, 'copilot');
  const env = { LOOPWARDEN_ACTOR: 'ai', LOOPWARDEN_TOOL: 'cursor', LOOPWARDEN_MODEL: 'gpt-5', LOOPWARDEN_STRATEGY: 'feature', LOOPWARDEN_AUTHOR: 'dev' };
  assert.deepEqual(resolveProvenance({}, env, { actor: 'human', tool: 'copilot' }), { actor: 'ai', tool: 'cursor', model: 'gpt-5', strategy: 'feature', author: 'dev' });
  assert.equal(resolveProvenance({ actor: 'human', tool: 'claude-code' }, env, undefined).tool, 'claude-code');
  assert.equal(resolveProvenance({ actor: 'human' }, env, undefined).actor, 'human');
});

test('an invalid LOOPWARDEN_ACTOR is a user error naming the variable', () => {
  assert.throws(() => resolveProvenance({}, { LOOPWARDEN_ACTOR: 'robot' }, undefined), /LOOPWARDEN_ACTOR: 'robot' is not one of ai, human/);
});
