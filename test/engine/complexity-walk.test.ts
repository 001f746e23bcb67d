import { test } from 'node:test';
import assert from 'node:assert/strict';
import { measureFunction, measureFunctions } from '../../src/engine/complexity.js';
import { AnalysisBudget, AnalysisBudgetExceeded, withinBudget } from '../../src/engine/budget.js';
import { parameterNames } from '../../src/engine/call.js';
import { classifyValue } from '../../src/engine/value.js';
import { languageById } from '../../src/languages/registry.js';
import { parseSnippet } from '../helpers.js';

// Nested functions are where one walk of the file and one walk per function could disagree: the numbers
// below are what the per-function recursive walk (before the single iterative walk) gave for these sources.
const NESTED: { language: string; source: string; expected: { name: string; cyclomatic: number; cognitive: number; maxNesting: number }[] }[] = [
  {
    language: 'python',
    source: `def outer(a, items):
    if a:
        key = lambda b: (b if b else 0) and outer(b)
        for item in items:
            def inner(x):
                if x > 1 or x < -1:
                    return inner(x - 1)
                elif x:
                    return 1
                else:
                    return key(x)
    return outer(a - 1, items)
`,
    expected: [
      { name: 'outer', cyclomatic: 8, cognitive: 16, maxNesting: 4 },
      { name: 'outer.<anonymous@3>', cyclomatic: 3, cognitive: 2, maxNesting: 1 },
      { name: 'outer.inner', cyclomatic: 4, cognitive: 5, maxNesting: 1 },
    ],
  },
  {
    language: 'javascript',
    source: `function handler(req) {
  const pick = (x) => {
    if (x.a) {
      return items.map((y) => (y ? handler(y) : x.b && x.c));
    } else if (x.d) {
      while (x.e) { x = x.next; }
    }
    return null;
  };
  try { pick(req); } catch (e) { return pick(e) || null; }
}
`,
    expected: [
      { name: 'handler', cyclomatic: 8, cognitive: 14, maxNesting: 4 },
      { name: 'handler.pick', cyclomatic: 6, cognitive: 8, maxNesting: 3 },
      { name: 'handler.pick.<anonymous@4>', cyclomatic: 3, cognitive: 2, maxNesting: 1 },
    ],
  },
];

for (const { language, source, expected } of NESTED) {
  test(`${language}: one walk of the file gives each nested function the numbers of its own walk`, () => {
    const parsed = parseSnippet(language, source);
    const all = measureFunctions(parsed);
    assert.deepEqual(
      all.map(({ name, cyclomatic, cognitive, maxNesting }) => ({ name, cyclomatic, cognitive, maxNesting })),
      expected,
    );
    const functions = parsed.root.findAll({ rule: { any: parsed.language.functionKinds.map((kind) => ({ kind })) } });
    assert.deepEqual(functions.map((fn) => measureFunction(fn, parsed.language)), all);
  });
}

test('20,000 nested ifs are measured without exhausting the stack', () => {
  const depth = 20_000;
  const parsed = parseSnippet('javascript', `function f(a) {\n${'if (a) {\n'.repeat(depth)}${'}\n'.repeat(depth)}}\n`);
  const [f] = measureFunctions(parsed);
  assert.equal(f!.cyclomatic, depth + 1);
  assert.equal(f!.maxNesting, depth);
  assert.equal(f!.cognitive, (depth * (depth + 1)) / 2); // 1 + nesting for each
});

/** Nodes the complexity walk visits for `source`. */
function visitsOf(language: string, source: string): number {
  const parsed = parseSnippet(language, source);
  const budget = new AnalysisBudget('x');
  withinBudget(budget, () => measureFunctions(parsed));
  return budget.visited;
}

test('nested lambdas and arrow functions cost nodes in proportion to their nesting, not its square', () => {
  const lambdas = (n: number) => `f = (${'lambda:\n'.repeat(n)}1)\n`;
  const arrows = (n: number) => `const f = ${'() =>\n'.repeat(n)}1;\n`;
  for (const [language, make] of [['python', lambdas], ['javascript', arrows]] as const) {
    const small = visitsOf(language, make(200));
    const large = visitsOf(language, make(800));
    // A walk per function visits n²/2 nodes: 16 times as many for 4 times the nesting.
    assert.ok(large / small < 4.5, `${language}: ${small} → ${large} nodes visited`);
  }
});

test('functions nested deeper than the budget stop the walk with a message naming the limit', () => {
  const parsed = parseSnippet('python', `f = (${'lambda:\n'.repeat(60)}1)\n`);
  const budget = new AnalysisBudget('deep.py', { maxNesting: 50, maxVisits: 1_000_000, maxMillis: 60_000 });
  assert.throws(() => withinBudget(budget, () => measureFunctions(parsed)), (error: unknown) => {
    assert.ok(error instanceof AnalysisBudgetExceeded);
    assert.equal(error.message, 'deep.py: skipped: nesting deeper than 50');
    return true;
  });
});

test('the budget stops on visits and on time, and says which', () => {
  const parsed = parseSnippet('python', `def f(a):\n${'    if a: pass\n'.repeat(50)}`);
  const visits = new AnalysisBudget('a.py', { maxNesting: 1000, maxVisits: 10, maxMillis: 60_000 });
  assert.throws(() => withinBudget(visits, () => measureFunctions(parsed)), /a\.py: skipped: more than 10 syntax nodes visited/);
  let now = 0;
  // The clock moves a second per reading: the second reading (after 1,024 visits) is past the limit.
  const time = new AnalysisBudget('b.py', { maxNesting: 1000, maxVisits: 1_000_000, maxMillis: 500 }, () => (now += 1000));
  const big = parseSnippet('python', `def f(a):\n${'    if a: pass\n'.repeat(600)}`);
  assert.throws(() => withinBudget(time, () => measureFunctions(big)), /b\.py: skipped: analysis budget exceeded after 1000 ms/);
});

test('a stack overflow inside a budget becomes a budget note, not a crash', () => {
  const overflow = (n: number): number => overflow(n + 1) + 1;
  assert.throws(() => withinBudget(new AnalysisBudget('c.py'), () => overflow(0)), /c\.py: skipped: nesting too deep to analyse/);
});

test('ten thousand appends to one string are read in a loop, with the same kinds as before', { timeout: 30_000 }, () => {
  const python = languageById('python')!;
  const valueOf = (body: string) => {
    const parsed = parseSnippet('python', `def f(name):\n${body}    run(s)\n`);
    const use = parsed.root.findAll({ rule: { kind: 'identifier', regex: '^s$' } }).at(-1)!;
    return classifyValue(use, python);
  };
  assert.equal(valueOf(`    s = "a"\n    s += "b"\n`), 'constant');
  assert.equal(valueOf(`    s = "a"\n    s += name\n`), 'built');
  assert.equal(valueOf(`    s += "b"\n`), 'opaque'); // a constant appended to something unknown
  assert.equal(valueOf(`    s = "a"\n${'    s += "b"\n'.repeat(10_000)}`), 'built'); // past the depth limit
});

test('a parameter name under ten thousand levels of destructuring is found without recursion', () => {
  const depth = 10_000;
  const parsed = parseSnippet('javascript', `function f(${'{a: '.repeat(depth)}x${'}'.repeat(depth)}) {}\n`);
  const fn = parsed.root.find({ rule: { kind: 'function_declaration' } })!;
  assert.deepEqual(parameterNames(fn, parsed.language), ['x']);
});
