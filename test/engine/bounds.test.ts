import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkBound, isSignedSizeRisk, type BoundLimit, type BoundVerdict } from '../../src/engine/bounds.js';
import { parseSnippet } from '../helpers.js';

// Each case: source, the limit, the expected verdict for the last memcpy's size (or subscript's index) against its buffer.
const cases: [string, BoundLimit, BoundVerdict][] = [
  ['void f(char *s) { char b[16]; memcpy(b, s, 16); }', 'size', 'within'],
  ['void f(char *s) { char b[16]; memcpy(b, s, 17); }', 'size', 'exceeds'],
  ['#define N 4\n#define M (N * 4)\nvoid f(char *s) { char b[M]; memcpy(b, s, sizeof b); }', 'size', 'within'],
  ['void f(char *s) { int b[4]; memcpy(b, s, 4 * sizeof(long)); }', 'size', 'exceeds'],
  ['void f(char *s, size_t n) { char b[16]; memcpy(b, s, n); }', 'size', 'unchecked'],
  ['void f(char *s, size_t n) { char b[16]; if (n > sizeof b) return; memcpy(b, s, n); }', 'size', 'within'],
  ['void f(char *s, size_t n) { char b[16]; memcpy(b, s, MIN(n, sizeof b)); }', 'size', 'within'],
  ['void f(char *d, char *s, size_t n) { memcpy(d, s, n); }', 'size', 'unknown'],
  ['void f(char *s, size_t n) { char *p = malloc(n + 1); memcpy(p, s, n); }', 'size', 'within'],
  ['void f(char *s, size_t n) { char *p = malloc(n + 1); memcpy(p, s, n + 2); }', 'size', 'exceeds'],
  ['void f(char *s, size_t n, size_t m) { char *p = malloc(n); memcpy(p, s, m); }', 'size', 'unchecked'],
  ['void f(void) { char b[8]; b[sizeof b] = 0; }', 'index', 'exceeds'],
  ['void f(void) { char b[8]; for (int i = 0; i <= 8; i++) b[i] = 0; }', 'index', 'exceeds'],
  ['void f(void) { char b[8]; for (int i = 0; i < 8; i++) b[i] = 0; }', 'index', 'within'],
  ['void f(unsigned k) { char b[8]; b[k % 8] = 0; }', 'index', 'within'],
];

for (const [source, limit, expected] of cases) {
  test(`bounds: ${source.replace(/\n/g, ' ')} → ${expected}`, () => {
    const parsed = parseSnippet('c', source);
    const [buffer, value] = limit === 'size'
      ? (() => { const args = parsed.root.findAll({ rule: { kind: 'call_expression', regex: '^memcpy' } }).at(-1)!.field('arguments')!.namedChildren(); return [args[0]!, args[2]!]; })()
      : (() => { const subscript = parsed.root.findAll({ rule: { kind: 'subscript_expression' } }).at(-1)!; return [subscript.field('argument')!, subscript.field('index')!]; })();
    assert.equal(checkBound(value, buffer, limit, parsed.language), expected);
  });
}

const signedCases: [string, boolean][] = [
  ['void f(char *s, int n) { char b[64]; if (n > 64) return; memcpy(b, s, n); }', true],
  ['void f(char *s, int n) { char b[64]; if (n < 0 || n > 64) return; memcpy(b, s, n); }', false],
  ['void f(char *s, int n) { char b[64]; if (n > sizeof b) return; memcpy(b, s, n); }', false],
  ['void f(char *s, size_t n) { char b[64]; if (n > 64) return; memcpy(b, s, n); }', false],
  ['void f(char *s) { int n = atoi(s); char *p = malloc(n); }', true],
];

for (const [source, expected] of signedCases) {
  test(`signed size: ${source} → ${expected}`, () => {
    const parsed = parseSnippet('c', source);
    const call = parsed.root.findAll({ rule: { kind: 'call_expression', regex: '^(memcpy|malloc)' } }).at(-1)!;
    assert.equal(isSignedSizeRisk(call.field('arguments')!.namedChildren().at(-1)!, parsed.language), expected);
  });
}
