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
  ['void f(char *s, struct stat st) { char *p = NULL; size_t len = (size_t)st.st_size; if ((p = malloc(st.st_size)) == NULL) return; memcpy(p, s, len); }', 'size', 'within'],
  ['void f(void) { char b[8]; b[sizeof b] = 0; }', 'index', 'exceeds'],
  ['void f(void) { char b[8]; for (int i = 0; i <= 8; i++) b[i] = 0; }', 'index', 'exceeds'],
  ['void f(void) { char b[8]; for (int i = 0; i < 8; i++) b[i] = 0; }', 'index', 'within'],
  ['void f(unsigned k) { char b[8]; b[k % 8] = 0; }', 'index', 'within'],
  // A local pointer is followed to the array or constant allocation it points to, with its offset.
  ['void f(char *s) { char small[50]; char *p; p = small; memcpy(p, s, 100); }', 'size', 'exceeds'],
  ['void f(char *s) { char big[100]; char *p; p = big; memcpy(p, s, 100); }', 'size', 'within'],
  ['void f(char *s) { char *p = NULL; if (s) { p = (char *)alloca(50); } memcpy(p, s, 100); }', 'size', 'exceeds'],
  ['void f(char *s) { char b[100]; char *p = b - 8; memcpy(p, s, 10); }', 'size', 'exceeds'],
  ['void f(char *s) { char b[100]; char *p = &b[60]; memcpy(p, s, 50); }', 'size', 'exceeds'],
  ['void f(char *s) { wchar_t b[10]; memcpy(b, s, 10 * sizeof(wchar_t)); }', 'size', 'within'],
  ['void f(char *s) { wchar_t b[10]; memcpy(b, s, 11 * sizeof(wchar_t)); }', 'size', 'exceeds'],
  ['void f(void) { int *p = (int *)malloc(10); for (int i = 0; i < 10; i++) p[i] = 0; }', 'index', 'exceeds'],
  ['void f(void) { int *p = (int *)malloc(10 * sizeof(int)); for (int i = 0; i < 10; i++) p[i] = 0; }', 'index', 'within'],
  ['void f(void) { char b[10]; char *p = b - 2; p[1] = 0; }', 'index', 'exceeds'],
  ['void f(void) { char b[10]; char *p = b - 2; p[11] = 0; }', 'index', 'within'],
  // An index needs an upper bound; a signed one read from input a lower one too.
  ['void f(char *s) { int b[10]; int n = atoi(s); if (n >= 0) b[n] = 1; }', 'index', 'unchecked'],
  ['void f(char *s) { int b[10]; int n = atoi(s); if (n < 10) b[n] = 1; }', 'index', 'unchecked'],
  ['void f(char *s) { int b[10]; int n = atoi(s); if (n >= 0 && n < 10) b[n] = 1; }', 'index', 'within'],
  ['void f(int n) { int b[10]; if (n < 10) b[n] = 1; }', 'index', 'within'],
  ['void f(char *s) { int b[10]; size_t n = strtoul(s, 0, 10); if (n < 10) b[n] = 1; }', 'index', 'within'],
  // A value certainly reached on some path, but the if around the use rules it out.
  ['void f(void) { int b[10]; int n = -1; if (1) { n = 10; } if (n >= 0) b[n] = 1; }', 'index', 'exceeds'],
  ['void f(void) { int b[10]; int n = -1; if (1) { n = 10; } if (n >= 0 && n < 10) b[n] = 1; }', 'index', 'within'],
  // The length of a string from its buffer's last writes.
  ['void f(char *s) { char d[100]; char b[50]; memset(d, 65, 99); d[99] = 0; memcpy(d, b, strlen(d)); }', 'size', 'within'],
  ['void f(char *s) { char d[100]; char b[50]; char *p = b; memset(d, 65, 99); d[99] = 0; memcpy(p, d, strlen(d)); }', 'size', 'exceeds'],
  ['void f(char *s) { char d[100]; char b[50]; char *p = b; memset(d, 65, 49); d[49] = 0; memcpy(p, d, strlen(d)); }', 'size', 'within'],
  ['static int on = 1;\nvoid f(char *s) { char d[100]; char b[50]; if (on) { memset(d, 65, 99); d[99] = 0; } memcpy(b, d, strlen(d)); }', 'size', 'exceeds'],
  ['void f(char *s) { char d[100]; char b[50]; for (int h = 0; h < 1; h++) { memset(d, 65, 49); d[49] = 0; } memcpy(b, d, strlen(d)); }', 'size', 'within'],
  ['void f(char *s, int x) { char d[100]; char b[50]; if (x) { memset(d, 65, 99); d[99] = 0; } else { memset(d, 65, 9); d[9] = 0; } memcpy(b, d, strlen(d)); }', 'size', 'unchecked'],
  ['void f(char *s) { char d[100]; char b[50]; if (0) { memset(d, 65, 99); d[99] = 0; } else { memset(d, 65, 9); d[9] = 0; } memcpy(b, d, strlen(d)); }', 'size', 'within'],
  // A read returns at most the count it was given, or -1 when it fails: within once the failure is turned away.
  ['void f(int c) { char b[64]; ssize_t n = recv(c, b, sizeof b - 1, 0); if (n <= 0) return; b[n] = 0; }', 'index', 'within'],
  ['void f(int c) { char b[64]; ssize_t n = recv(c, b, sizeof b - 1, 0); b[n] = 0; }', 'index', 'unchecked'],
  ['void f(int c) { char b[64]; ssize_t n = recv(c, b, sizeof b, 0); if (n <= 0) return; b[n] = 0; }', 'index', 'unchecked'],
  ['void f(int fd) { char b[64]; ssize_t n = read(fd, b, 63); if (n < 0) return; b[n] = 0; }', 'index', 'within'],
  ['void f(const char *p) { char b[64]; ssize_t n = readlink(p, b, sizeof(b) - 1); if (n == -1) return; b[n] = 0; }', 'index', 'within'],
  ['void f(FILE *fp) { char b[64]; size_t n = fread(b, 1, sizeof b - 1, fp); b[n] = 0; }', 'index', 'within'],
  ['void f(FILE *fp) { char b[64]; size_t n = fread(b, 1, sizeof b, fp); b[n] = 0; }', 'index', 'unchecked'],
];

// String copies: the destination (first argument) against the string copied or appended (second).
const copyCases: [string, BoundLimit, BoundVerdict][] = [
  ['void f(void) { char d[10]; strcpy(d, "0123456789"); }', 'copy-of', 'exceeds'],
  ['void f(void) { char d[11]; strcpy(d, "0123456789"); }', 'copy-of', 'within'],
  ['#define TEXT L"0123456789"\nvoid f(void) { wchar_t *d = (wchar_t *)alloca(10 * sizeof(wchar_t)); wcscpy(d, TEXT); }', 'copy-of', 'exceeds'],
  ['void f(char *s) { char d[10]; strcpy(d, s); }', 'copy-of', 'unchecked'],
  ['#define TEXT "0123456789"\nvoid f(void) { char s[11] = TEXT; char *d = NULL; if (1) { d = (char *)malloc(10 * sizeof(char)); } strcpy(d, s); }', 'copy-of', 'exceeds'],
  ['void f(char *d, char *s) { strcpy(d, s); }', 'copy-of', 'unknown'],
  ['void f(void) { char s[100]; char d[50]; memset(s, 67, 99); s[99] = 0; d[0] = 0; strcat(d, s); }', 'append-of', 'exceeds'],
  ['void f(void) { char s[100]; char d[100]; memset(s, 67, 99); s[99] = 0; d[0] = 0; strcat(d, s); }', 'append-of', 'within'],
  ['void f(void) { char s[100]; char d[100]; memset(s, 67, 99); s[99] = 0; memset(d, 68, 10); d[10] = 0; strcat(d, s); }', 'append-of', 'exceeds'],
  // The source's length compared with the destination's size first: what passes fits with its NUL.
  ['void f(char *s) { char d[10]; if (strlen(s) >= sizeof d) return; strcpy(d, s); }', 'copy-of', 'within'],
  ['void f(char *s) { char d[10]; size_t n = strlen(s); if (n + 1 > sizeof d) return; strcpy(d, s); }', 'copy-of', 'within'],
  ['void f(char *s) { char d[10]; size_t n = strlen(s); if (n > sizeof d) return; strcpy(d, s); }', 'copy-of', 'unchecked'],
  ['void f(char *s) { char d[10]; if (strlen(s) == 0) return; strcpy(d, s); }', 'copy-of', 'unchecked'],
  ['#define K 8\nstruct e { int n; char key[K]; };\nvoid f(struct e *e, char *s) { size_t n = strlen(s); if (n == 0 || n >= K) return; strcpy(e->key, s); }', 'copy-of', 'within'],
  ['#define K 8\nstruct e { int n; char key[K]; };\nvoid f(struct e *e, char *s) { size_t n = strlen(s); if (n > K) return; strcpy(e->key, s); }', 'copy-of', 'unknown'],
  ['#define K 8\nstruct e { int n; char key[K]; };\nvoid f(struct e *e, char *s) { strcpy(e->key, s); }', 'copy-of', 'unknown'],
  ['struct e { char key[8]; };\nstruct g { char key[4]; };\nvoid f(struct e *e, char *s) { if (strlen(s) >= 8) return; strcpy(e->key, s); }', 'copy-of', 'unknown'],
];

for (const [source, limit, expected] of copyCases) {
  test(`string copy: ${source.replace(/\n/g, ' ')} → ${expected}`, () => {
    const parsed = parseSnippet('c', source);
    const args = parsed.root.findAll({ rule: { kind: 'call_expression', regex: '^(strcpy|wcscpy|strcat)' } }).at(-1)!.field('arguments')!.namedChildren();
    assert.equal(checkBound(args[0]!, args[1]!, limit, parsed.language), expected);
  });
}

// strncat appends the smaller of its count and the source's length, after what the destination holds.
const appendCases: [string, BoundVerdict][] = [
  ['void f(void) { char s[100]; char d[100]; memset(s, 67, 99); s[99] = 0; d[0] = 0; strncat(d, s, 100); }', 'within'],
  ['void f(void) { char s[100]; char d[50]; memset(s, 67, 99); s[99] = 0; d[0] = 0; strncat(d, s, 100); }', 'exceeds'],
  ['void f(char *s) { char d[16]; strncat(d, s, sizeof d); }', 'exceeds'],
  ['void f(void) { char s[100]; char *d = (char *)malloc(100); d[0] = 0; { char *copy = d; memset(s, 67, 99); s[99] = 0; strncat(copy, s, 100); } }', 'within'],
  // The count leaves no room for what d may hold: only a proof that it fits clears it.
  ['void f(void) { char d[20]; char s[20]; strncat(d, s, sizeof(d)); }', 'exceeds'],
];

for (const [source, expected] of appendCases) {
  test(`strncat: ${source} → ${expected}`, () => {
    const parsed = parseSnippet('c', source);
    const args = parsed.root.findAll({ rule: { kind: 'call_expression', regex: '^strncat' } }).at(-1)!.field('arguments')!.namedChildren();
    assert.equal(checkBound(args[2]!, args[0]!, 'append-count', parsed.language), expected);
  });
}

test('a string read through a pointer set before its buffer starts outside it', () => {
  const parsed = parseSnippet('c', 'void f(void) { char b[10]; char d[20]; char *p = b - 1; char *q = b + 1; strcpy(d, p); strcpy(d, q); }');
  const [before, inside] = parsed.root.findAll({ rule: { kind: 'call_expression', regex: '^strcpy' } }).map((call) => call.field('arguments')!.namedChildren()[1]!);
  assert.equal(checkBound(before!, before!, 'string', parsed.language), 'exceeds');
  assert.equal(checkBound(inside!, inside!, 'string', parsed.language), 'unknown');
});

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

test('C++: the if around a use rules out a value through its condition_clause', () => {
  const parsed = parseSnippet('cpp', 'void f() { int *b = new int[10]; int n = -1; if (1) { n = 10; } if (n >= 0 && n < (10)) { b[n] = 1; } if (n >= 0) { b[n] = 2; } }');
  const [guarded, open] = parsed.root.findAll({ rule: { kind: 'subscript_expression' } }).map((s) => [s.field('argument')!, s.field('indices')!.namedChildren()[0]!] as const);
  assert.equal(checkBound(guarded![1], guarded![0], 'index', parsed.language), 'within');
  assert.equal(checkBound(open![1], open![0], 'index', parsed.language), 'exceeds');
});
