import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyValue, type ValueKind } from '../../src/engine/value.js';
import { parseSnippet } from '../helpers.js';

// Each case: source, the call whose first argument is classified, the expected kind.
function classifyFirstArgument(languageId: string, source: string, callee: string): ValueKind {
  const parsed = parseSnippet(languageId, source);
  const calls = parsed.root.findAll({ rule: { kind: languageId === 'java' ? 'method_invocation' : languageId === 'python' ? 'call' : 'call_expression', regex: `^${callee.replace(/\./g, '\\.')}\\(` } });
  assert.ok(calls.length > 0, `no call to ${callee} in ${source}`);
  const args = calls[calls.length - 1]!.field('arguments')!.namedChildren();
  return classifyValue(args[0]!, parsed.language);
}

const cases: [string, string, string, ValueKind][] = [
  ['python', 'def f(x):\n    sink("a" + "b")', 'sink', 'constant'],
  ['python', 'def f(x):\n    sink("a" + x)', 'sink', 'built'],
  ['python', 'def f(x):\n    sink(f"a {x}")', 'sink', 'built'],
  ['python', 'def f(x):\n    sink(f"a {1}")', 'sink', 'constant'],
  ['python', 'def f(x):\n    sink("a %s" % x)', 'sink', 'built'],
  ['python', 'def f(x):\n    sink("a {}".format(x))', 'sink', 'built'],
  ['python', 'def f(x):\n    sink(x)', 'sink', 'opaque'],
  ['python', 'def f(x):\n    q = "a" + x\n    sink(q)', 'sink', 'built'],
  ['python', 'def f(x):\n    q = "a" + x\n    q = "safe"\n    sink(q)', 'sink', 'constant'],
  ['python', 'def f(x):\n    q = "a"\n    q += x\n    sink(q)', 'sink', 'built'],
  ['python', 'T = "users"\ndef f():\n    sink("select * from " + T)', 'sink', 'constant'],
  ['python', 'def f(a, b):\n    sink(a + b)', 'sink', 'opaque'],
  // Adjacent literals are one string; an interpolating piece builds it.
  ['python', 'def f(x):\n    sink("select * " f"where a = {x}")', 'sink', 'built'],
  ['python', 'def f(x):\n    sink("select * "\n         "where a = ?")', 'sink', 'constant'],
  ['python', 'def f(x):\n    sink(f"select * " f"where a = {1}")', 'sink', 'constant'],
  // A string joined from parts is built from them.
  ['python', 'def f(x):\n    sink(" ".join(x))', 'sink', 'built'],
  ['python', 'def f(x):\n    sink(" ".join(["tar", x]))', 'sink', 'built'],
  ['python', 'def f(x):\n    sink(" ".join(("tar", "-c")))', 'sink', 'constant'],
  ['javascript', 'function f(x) { sink(`a ${x}`); }', 'sink', 'built'],
  ['javascript', 'function f(x) { sink(`a`); }', 'sink', 'constant'],
  ['javascript', 'function f(x) { const q = "a" + x; sink(q); }', 'sink', 'built'],
  ['javascript', 'function f(x) { let q = "a"; q += x; sink(q); }', 'sink', 'built'],
  ['java', 'class A { void f(String x) { sink("a" + x); } }', 'sink', 'built'],
  ['java', 'class A { static final String Q = "a"; void f() { sink(Q + "b"); } }', 'sink', 'constant'],
  ['java', 'class A { void f(String x) { sink(String.format("a %s", x)); } }', 'sink', 'built'],
  ['go', 'package m\nfunc f(x string) { sink(fmt.Sprintf("a %s", x)) }', 'sink', 'built'],
  ['go', 'package m\nfunc f(x string) { q := "a" + x\n sink(q) }', 'sink', 'built'],
  ['c', '#define FMT "a %s"\nvoid f(char *x) { sink(FMT); }', 'sink', 'constant'],
  ['c', 'void f(char *x) { const char *fmt = "a"; sink(fmt); }', 'sink', 'constant'],
  ['c', 'void f(char *x) { sink(x); }', 'sink', 'opaque'],
  // Branches that cannot run are ignored; values set on some paths join the others.
  ['python', 'def f(x):\n    num = 106\n    q = "safe" if 7 * 18 + num > 200 else "a" + x\n    sink(q)', 'sink', 'constant'],
  ['python', 'def f(x):\n    num = 106\n    q = "a" + x if 7 * 18 + num > 200 else "safe"\n    sink(q)', 'sink', 'built'],
  ['java', 'class A { void f(String p) { int num = 86; String bar = (7 * 42) - num > 200 ? "safe" : "a" + p; sink(bar); } }', 'sink', 'constant'],
  ['python', 'def f(x):\n    q = "safe"\n    if 7 * 42 - 106 > 200:\n        q = "a" + x\n    sink(q)', 'sink', 'constant'],
  ['python', 'def f(x, flag):\n    q = "safe"\n    if flag:\n        q = "a" + x\n    sink(q)', 'sink', 'built'],
];

for (const [languageId, source, callee, expected] of cases) {
  test(`${languageId}: ${source.replace(/\n\s*/g, ' ')} → ${expected}`, () => {
    assert.equal(classifyFirstArgument(languageId, source, callee), expected);
  });
}
