import { test } from 'node:test';
import assert from 'node:assert/strict';
import { measureFunctions } from '../../src/engine/complexity.js';
import { parseSnippet } from '../helpers.js';

// Hand-counted with SonarSource's rules: +1 per if/else if/else/loop/catch/switch/ternary, +nesting for
// structures, +1 per run of like logical operators; cyclomatic = 1 + decisions (if, else if, loops, case,
// catch, ternary, each && / ||).
const cases: { language: string; source: string; name: string; cyclomatic: number; cognitive: number; maxNesting: number; parameters: number; lines: number }[] = [
  {
    language: 'python',
    name: 'grade',
    source: `def grade(score, bonus=0):
    if score > 90 and bonus:          # +1, and +1
        return "A"
    elif score > 80:                  # +1
        for i in range(3):            # +2 (nesting 1)
            if i == bonus or i == 2:  # +3 (nesting 2), or +1
                return "B"
    else:                             # +1
        return "C"
`,
    cyclomatic: 7,
    cognitive: 10,
    maxNesting: 3,
    parameters: 2,
    lines: 9,
  },
  {
    language: 'javascript',
    name: 'route',
    source: `function route(req, res) {
  if (!req.user) {                    // +1
    return res.status(401);
  } else if (req.user.admin) {        // +1
    while (queue.length) {            // +2
      queue.pop();
    }
  } else {                            // +1
    const x = req.a ? 1 : 2;          // +2 (nesting 1)
  }
  try { run(); } catch (e) { log(e); } // +1
  return req.a && req.b && req.c;     // +1
}`,
    cyclomatic: 8,
    cognitive: 9,
    maxNesting: 2,
    parameters: 2,
    lines: 13,
  },
  {
    language: 'java',
    name: 'classify',
    source: `class A {
  int classify(int a, int b, int c) {
    switch (a) {                      // +1
      case 1: return 1;
      case 2: return 2;
      default: return 0;
    }
  }
}`,
    cyclomatic: 3,
    cognitive: 1,
    maxNesting: 1,
    parameters: 3,
    lines: 7,
  },
  {
    language: 'go',
    name: 'Sum',
    source: `package m
func Sum(xs []int, limit int) int {
	total := 0
	for _, x := range xs {            // +1
		if x > limit || x < 0 {      // +2, || +1
			continue
		} else {                      // +1
			total += x
		}
	}
	return total
}`,
    cyclomatic: 4,
    cognitive: 5,
    maxNesting: 2,
    parameters: 2,
    lines: 11,
  },
  {
    language: 'c',
    name: 'find',
    source: `int find(const int *xs, int n, int v) {
    for (int i = 0; i < n; i++) {      /* +1 */
        if (xs[i] == v) {             /* +2 */
            return i;
        }
    }
    return n > 0 ? -1 : -2;           /* +1 */
}`,
    cyclomatic: 4,
    cognitive: 4,
    maxNesting: 2,
    parameters: 3,
    lines: 8,
  },
  {
    language: 'cpp',
    name: 'parse',
    source: `int parse(const std::string &s) {
    try {
        return std::stoi(s);
    } catch (const std::exception &e) {   // +1
        if (s.empty()) return 0;         // +2
        return -1;
    }
}`,
    cyclomatic: 3,
    cognitive: 3,
    maxNesting: 2,
    parameters: 1,
    lines: 8,
  },
  {
    language: 'typescript',
    name: 'fact',
    source: `function fact(n: number): number {
  if (n <= 1) return 1;               // +1
  return n * fact(n - 1);             // recursion +1
}`,
    cyclomatic: 2,
    cognitive: 2,
    maxNesting: 1,
    parameters: 1,
    lines: 4,
  },
  // The same function in the four languages added later: if with &&, a loop, a nested if.
  ...([
    ['csharp', `int Grade(int score, bool bonus) {
    if (score > 90 && bonus) { return 1; }
    foreach (var i in items) {
        if (i == score) { return 2; }
    }
    return 3;
}`],
    ['php', `<?php
function grade($score, $bonus) {
    if ($score > 90 && $bonus) { return 1; }
    foreach ($items as $i) {
        if ($i == $score) { return 2; }
    }
    return 3;
}`],
    ['ruby', `def grade(score, bonus)
  if score > 90 && bonus then return 1 end
  for i in items do
    if i == score then return 2 end
  end
  3
end`],
    ['rust', `fn grade(score: i32, bonus: bool) -> i32 {
    if score > 90 && bonus { return 1; }
    for i in items {
        if i == score { return 2; }
    }
    3
}`],
  ] as const).map(([language, source]) => ({
    language,
    name: language === 'csharp' ? 'Grade' : 'grade',
    source,
    cyclomatic: 5, // 1 + if + && + loop + if
    cognitive: 5, // if +1, && +1, loop +1, nested if +2
    maxNesting: 2,
    parameters: 2,
    lines: 7,
  })),
];

for (const c of cases) {
  test(`${c.language}: ${c.name} has the hand-counted metrics`, () => {
    const metrics = measureFunctions(parseSnippet(c.language, c.source)).find((m) => m.name.endsWith(c.name));
    assert.ok(metrics, `function ${c.name} not found`);
    assert.deepEqual(
      { cyclomatic: metrics.cyclomatic, cognitive: metrics.cognitive, maxNesting: metrics.maxNesting, parameters: metrics.parameters, lines: metrics.lines },
      { cyclomatic: c.cyclomatic, cognitive: c.cognitive, maxNesting: c.maxNesting, parameters: c.parameters, lines: c.lines },
    );
  });
}

test('nested functions are measured separately and named after their parents', () => {
  const metrics = measureFunctions(parseSnippet('python', 'def outer():\n    def inner(x):\n        if x:\n            return 1\n    return inner\n'));
  assert.deepEqual(metrics.map((m) => m.name), ['outer', 'outer.inner']);
  assert.equal(metrics[1]!.cognitive, 1);
});
