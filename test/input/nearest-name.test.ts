import { test } from 'node:test';
import assert from 'node:assert/strict';
import { editDistance, nearestName } from '../../src/input/nearest-name.js';

test('edit distance counts insertions, deletions, substitutions and a swap of neighbours as one each', () => {
  assert.equal(editDistance('policy', 'policy'), 0);
  assert.equal(editDistance('polcy', 'policy'), 1);
  assert.equal(editDistance('scna', 'scan'), 1);
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('', 'abc'), 3);
});

test('the nearest name is suggested only when it is close, ignoring case', () => {
  assert.equal(nearestName('polcy', ['scan', 'policy']), 'policy');
  assert.equal(nearestName('maxConsecutiveAIIterations', ['maxConsecutiveAiIterations', 'humanIterationEndsChain']), 'maxConsecutiveAiIterations');
  assert.equal(nearestName('exlude', ['include', 'exclude']), 'exclude');
  // One edit per three characters: 'foo' is not a slip for 'scan', nor 'ab' for 'xy'.
  assert.equal(nearestName('foo', ['scan', 'policy']), undefined);
  assert.equal(nearestName('ab', ['xy']), undefined);
  assert.equal(nearestName('plicy', []), undefined);
});
