import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldConstant } from '../../src/engine/constant-fold.js';
import { parseSnippet } from '../helpers.js';

// Adjacent string literals are one string: their pieces joined, not the source text between the outer quotes.
for (const [languageId, source] of [
  ['c', 'const char *s = "ab" "cd";'],
  ['python', 's = ("ab"\n     "cd")'],
] as const) {
  test(`${languageId}: adjacent literals fold to the joined string`, () => {
    const parsed = parseSnippet(languageId, source);
    const literal = parsed.root.find({ rule: { kind: 'concatenated_string' } })!;
    assert.equal(foldConstant(literal, parsed.language, () => undefined), 'abcd');
  });
}

test('python: adjacent literals with an f-string piece do not fold', () => {
  const parsed = parseSnippet('python', 's = ("ab" f"{x}")');
  assert.equal(foldConstant(parsed.root.find({ rule: { kind: 'concatenated_string' } })!, parsed.language, () => undefined), undefined);
});
