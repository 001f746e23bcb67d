import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILTIN_RULES_DIR, loadRuleFile } from '../../src/rules/load.js';
import { checkRuleExample } from '../../src/rules/example-check.js';
import { makeProject, runCli } from '../helpers.js';

// What AI answers often look like: a method without its class, statements without a function, a handler
// without its imports. Each case cuts a fragment from a rule's own annotated example and checks the rule
// still flags exactly the annotated lines in it.

interface Cut {
  rule: string;
  /** The example file, relative to rules/. */
  example: string;
  what: string;
  /** Keeps the lines from the first match of `from` to the last match of `to` (inclusive), then drops `drop`. */
  from?: RegExp;
  to?: RegExp;
  inner?: boolean;
  drop?: RegExp;
}

const CUTS: Cut[] = [
  { rule: 'java-sqli-built-query', example: 'java/sqli/java-sqli-built-query.java', what: 'a Java method without its class', from: /public ResultSet find/, to: /^ {4}\}$/ },
  { rule: 'java-sqli-built-query', example: 'java/sqli/java-sqli-built-query.java', what: 'Java statements without a method', from: /public ResultSet find/, to: /^ {4}\}$/, inner: true },
  { rule: 'java-sqli-tainted-query', example: 'java/sqli/java-sqli-tainted-query.java', what: 'a Java class without its imports', drop: /^import /m },
  { rule: 'csharp-sqli-built-query', example: 'csharp/sqli/csharp-sqli-built-query.cs', what: 'a C# method without its class', from: /public IActionResult Find/, to: /^ {4}\}$/ },
  { rule: 'go-sqli-built-query', example: 'go/sqli/go-sqli-built-query.go', what: 'a Go function without package and imports', from: /^func Find/, to: /^\}$/ },
  { rule: 'php-cmdi-built-command', example: 'php/cmdi/php-cmdi-built-command.php', what: 'PHP without its <?php tag', drop: /^<\?php$/m },
  { rule: 'c-use-after-free', example: 'c/memory/c-use-after-free.c', what: 'C without its includes', drop: /^#include .*$/m },
  { rule: 'c-unbounded-copy', example: 'c/overflow/c-unbounded-copy.c', what: 'C statements without a function', from: /^void greet/, to: /^\}$/, inner: true },
  { rule: 'rust-cmdi-shell-command', example: 'rust/cmdi/rust-cmdi-shell-command.rs', what: 'a Rust function without its imports', drop: /^use .*$/m },
  { rule: 'python-sqli-tainted-query', example: 'python/sqli/python-sqli-tainted-query.py', what: 'a Python handler without its imports', drop: /^(from|import) .*$/m },
];

function cut(text: string, spec: Cut): string {
  let lines = text.split('\n');
  if (spec.from) {
    const start = lines.findIndex((line) => spec.from!.test(line));
    const end = start + lines.slice(start).findIndex((line) => spec.to!.test(line));
    assert.ok(start >= 0 && end > start, `${spec.example}: the cut does not match`);
    lines = spec.inner ? lines.slice(start + 1, end) : lines.slice(start, end + 1);
  }
  let result = lines.join('\n');
  if (spec.drop) result = result.replace(new RegExp(spec.drop.source, 'gm'), '');
  return `${result}\n`;
}

const work = mkdtempSync(join(tmpdir(), 'loopwarden-fragments-'));

for (const spec of CUTS) {
  test(`${spec.what} is flagged as the whole file is (${spec.rule})`, () => {
    const example = join(BUILTIN_RULES_DIR, spec.example);
    const fragment = cut(readFileSync(example, 'utf8'), spec);
    assert.ok(/ruleid:/.test(fragment), 'the fragment keeps annotated lines');
    const path = join(work, `${spec.rule}-${CUTS.indexOf(spec)}${example.slice(example.lastIndexOf('.'))}`);
    writeFileSync(path, fragment);
    const check = checkRuleExample(loadRuleFile(example.replace(/\.[a-z]+$/, '.yml')), path);
    assert.deepEqual(check.problems, []);
    const wrong = check.results.filter((r) => r.outcome === 'noisy' || r.outcome === 'missing').map((r) => `line ${r.line}: ${r.outcome}`);
    assert.deepEqual(wrong, [], `${spec.what}:\n${fragment}`);
    assert.ok(check.results.some((r) => r.expected === 'flagged' && r.outcome === 'reported'));
  });
}

// Code outside any function is its own scope: a script, a PHP page, or statements an assistant answered with.
const STATEMENTS: Record<string, { code: string; rule: string }> = {
  'a.go': { code: 'name := r.URL.Query().Get("name")\nrows, err := db.Query("SELECT * FROM users WHERE name = \'" + name + "\'")\n', rule: 'go-sqli-tainted-query' },
  'b.cs': { code: 'var name = Request.Query["name"];\nvar cmd = new SqlCommand("SELECT * FROM users WHERE name = \'" + name + "\'", conn);\n', rule: 'csharp-sqli-tainted-query' },
  'c.py': { code: 'name = request.args.get("name")\ncursor.execute("SELECT * FROM users WHERE name = \'" + name + "\'")\n', rule: 'python-sqli-tainted-query' },
  'd.js': { code: 'const name = req.query.name;\ndb.query("SELECT * FROM users WHERE name = \'" + name + "\'");\n', rule: 'js-sqli-tainted-query' },
  'e.php': { code: '<?php\n$name = $_GET[\'name\'];\nmysqli_query($conn, "SELECT * FROM users WHERE name = \'" . $name . "\'");\n', rule: 'php-sqli-built-query' },
  'f.java': { code: 'String name = request.getParameter("name");\nstmt.executeQuery("SELECT * FROM users WHERE name = \'" + name + "\'");\n', rule: 'java-sqli-tainted-query' },
};

test('statements outside any function are followed like a function body, in every language', () => {
  const root = makeProject(Object.fromEntries(Object.entries(STATEMENTS).map(([file, { code }]) => [file, code])));
  const { stdout } = runCli(['scan', '--format', 'json', '--fail-on', 'none'], root);
  const findings = (JSON.parse(stdout) as { findings: { ruleId: string; path: string }[] }).findings;
  for (const [file, { rule }] of Object.entries(STATEMENTS)) {
    assert.ok(findings.some((f) => f.path === file && f.ruleId.startsWith(rule.replace(/-(tainted|built)-.*$/, ''))), `${file}: expected ${rule}, got ${JSON.stringify(findings.filter((f) => f.path === file))}`);
  }
});

test('at file level, an assignment inside a function does not reach a use outside it', () => {
  const root = makeProject({
    'script.py': 'def handler():\n    name = request.args.get("name")\n    return name\n\nname = "fixed"\ncursor.execute("SELECT * FROM users WHERE name = \'" + name + "\'")\n',
  });
  const { stdout } = runCli(['scan', '--format', 'json', '--fail-on', 'none'], root);
  assert.deepEqual((JSON.parse(stdout) as { findings: unknown[] }).findings, []);
});
