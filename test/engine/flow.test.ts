import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FunctionFlow } from '../../src/engine/flow.js';
import { assignmentsTo } from '../../src/engine/value.js';
import { parseSnippet } from '../helpers.js';

function flowOf(language: 'c' | 'cpp', source: string) {
  const parsed = parseSnippet(language, source);
  const scope = parsed.root.findAll({ rule: { kind: 'function_definition' } }).at(-1)!;
  const flow = new FunctionFlow(parsed.language, scope, (name) => assignmentsTo(scope, name, parsed.language));
  const marked = (text: string) => parsed.root.find({ rule: { kind: 'call_expression', regex: `^${text}\\(` } })!;
  return { flow, marked };
}

test('C: a number is a truth value, so the branch `if (0)` guards is dead and `if (1)`\'s else is', () => {
  const { flow, marked } = flowOf('c', 'void f(void) { if (0) { a(); } else { b(); } if (1) { c(); } else { d(); } }');
  assert.equal(flow.isInDeadBranch(marked('a')), true);
  assert.equal(flow.isInDeadBranch(marked('b')), false);
  assert.equal(flow.isInDeadBranch(marked('c')), false);
  assert.equal(flow.isInDeadBranch(marked('d')), true);
});

test('C: a file-level static that nothing in the file writes folds to its initializer', () => {
  const { flow, marked } = flowOf('c', 'static int staticFive = 5;\nstatic const int OFF = 0;\nvoid f(void) { if (staticFive == 5) { a(); } else { b(); } if (OFF) { c(); } }');
  assert.equal(flow.isInDeadBranch(marked('a')), false);
  assert.equal(flow.isInDeadBranch(marked('b')), true);
  assert.equal(flow.isInDeadBranch(marked('c')), true);
});

test('C: a file-level variable that is written somewhere, or shadowed by a local, is not a constant', () => {
  const written = flowOf('c', 'static int level = 0;\nvoid set(int v) { level = v; }\nvoid f(void) { if (level) { a(); } }');
  assert.equal(written.flow.isInDeadBranch(written.marked('a')), false);
  const shadowed = flowOf('c', 'static int on = 0;\nvoid f(int on) { if (on) { a(); } }');
  assert.equal(shadowed.flow.isInDeadBranch(shadowed.marked('a')), false);
  const global = flowOf('c', 'int enabled = 0;\nvoid f(void) { if (enabled) { a(); } }');
  assert.equal(global.flow.isInDeadBranch(global.marked('a')), false);
});

test('an assignment in a branch that surely runs hides the ones before it', () => {
  const parsed = parseSnippet('c', 'static int on = 1;\nvoid f(void) { int n = -1; if (on) { n = 10; } switch (2) { case 2: n = 12; break; default: n = 3; } use(n); while (1) { n = 20; break; } use(n); }');
  const scope = parsed.root.find({ rule: { kind: 'function_definition' } })!;
  const flow = new FunctionFlow(parsed.language, scope, (name) => assignmentsTo(scope, name, parsed.language));
  const uses = parsed.root.findAll({ rule: { kind: 'call_expression', regex: '^use' } }).map((call) => call.field('arguments')!.namedChildren()[0]!);
  const all = assignmentsTo(scope, 'n', parsed.language);
  assert.deepEqual(flow.reaching(all, uses[0]!).map((a) => a.value.text()), ['12']);
  assert.deepEqual(flow.reaching(all, uses[1]!).map((a) => a.value.text()), ['20']);
});

test('C++: an if condition in its condition_clause folds too', () => {
  const { flow, marked } = flowOf('cpp', 'void f() { if (0) { a(); } else { b(); } while (1) { c(); break; } }');
  assert.equal(flow.isInDeadBranch(marked('a')), true);
  assert.equal(flow.isInDeadBranch(marked('b')), false);
});
