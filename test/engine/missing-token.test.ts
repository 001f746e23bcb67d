import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstMissingTokenLine } from '../../src/engine/parse.js';
import { parseSnippet } from '../helpers.js';

test('a token tree-sitter had to invent is found, though the tree has no ERROR node', () => {
  const python = parseSnippet('python', 'x = 1\ndef broken(:\n    pass\n');
  assert.equal(python.firstErrorLine, undefined, 'the parser recovered without an ERROR node');
  assert.equal(firstMissingTokenLine(python), 2);
  assert.equal(firstMissingTokenLine(parseSnippet('c', 'int main(void) {\n  return 0\n}\n')), 2);
});

test('complete code, and empty code, have no missing token', () => {
  assert.equal(firstMissingTokenLine(parseSnippet('python', 'def f(x):\n    return x\n')), undefined);
  assert.equal(firstMissingTokenLine(parseSnippet('java', 'class A { void f() { String s = ""; } }\n')), undefined);
  assert.equal(firstMissingTokenLine(parseSnippet('javascript', 'const s = ``;\nlet t = "";\n')), undefined);
  assert.equal(firstMissingTokenLine(parseSnippet('python', '')), undefined);
});
