import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { makeProject, runCli } from '../helpers.js';

const vulnerable = {
  'app/db.py': 'def find(cursor, name):\n    cursor.execute("SELECT * FROM t WHERE n = \'" + name + "\'")\n',
  'app/safe.py': 'def find(cursor, name):\n    cursor.execute("SELECT * FROM t WHERE n = ?", (name,))\n',
  'app/hash.py': 'import hashlib\n\ndef h(x):\n    return hashlib.md5(x)\n',
};

test('scan prints findings grouped by file with a summary and exits 1 at --fail-on high', () => {
  const root = makeProject(vulnerable);
  const { status, stdout, stderr } = runCli(['scan'], root);
  assert.equal(stderr, '');
  assert.equal(status, 1);
  assert.match(stdout, /^app\/db\.py$/m);
  assert.match(stdout, /2:5 +critical python-sqli-built-query +CWE-89/);
  assert.match(stdout, /fix: Keep the SQL text constant/);
  assert.match(stdout, /https:\/\/cwe\.mitre\.org\/data\/definitions\/89\.html/);
  assert.doesNotMatch(stdout, /app\/safe\.py/);
  assert.match(stdout, /2 findings \(1 critical, 1 medium\); 3 files, \d+ lines scanned; 0 suppressed; 0 skipped — fails --fail-on high/);
});

test('--fail-on decides the exit code', () => {
  const root = makeProject({ 'hash.py': vulnerable['app/hash.py'] });
  assert.equal(runCli(['scan'], root).status, 0);
  assert.equal(runCli(['scan', '--fail-on', 'medium'], root).status, 1);
  assert.equal(runCli(['scan', '--fail-on', 'none'], root).status, 0);
});

test('a low-confidence finding is reported but never fails the scan', () => {
  // `eval` of a value of unknown origin: the rule cannot tell a code loader from an injection.
  const root = makeProject({ 'loader.py': 'def load(source):\n    return eval(source)\n' });
  const { status, stdout } = runCli(['scan', '--fail-on', 'low', '--format', 'json'], root);
  const report = JSON.parse(stdout) as { findings: { ruleId: string; confidence: string }[]; summary: { failed: boolean } };
  assert.deepEqual(report.findings.map((f) => [f.ruleId, f.confidence]), [['python-code-injection-eval', 'low']]);
  assert.equal(report.summary.failed, false);
  assert.equal(status, 0);
});

test('json output to a file, and running twice gives the same report', () => {
  const root = makeProject(vulnerable);
  const first = runCli(['scan', '--format', 'json', '--output', 'out/report.json'], root);
  assert.equal(first.status, 1);
  assert.equal(first.stdout, '');
  const report = JSON.parse(readFileSync(join(root, 'out/report.json'), 'utf8'));
  assert.equal(report.summary.findings, 2);
  assert.deepEqual(Object.keys(report.findings[0]).slice(0, 15), ['ruleId', 'cwe', 'severity', 'securitySeverity', 'confidence', 'path', 'startLine', 'startColumn', 'endLine', 'endColumn', 'message', 'fix', 'snippet', 'function', 'fingerprint']);
  runCli(['scan', '--format', 'json', '--output', 'out/report.json'], root);
  assert.deepEqual(JSON.parse(readFileSync(join(root, 'out/report.json'), 'utf8')), report);
});

test('suppressed findings are counted in text, json and sarif', () => {
  const root = makeProject({ 'h.py': 'import hashlib\n# loopwarden-ignore python-weak-hash: etag only\nhashlib.md5(b"x")\n' });
  assert.match(runCli(['scan'], root).stdout, /0 findings; 1 file, 3 lines scanned; 1 suppressed/);
  assert.equal(JSON.parse(runCli(['scan', '-f', 'json'], root).stdout).summary.suppressed, 1);
  const sarif = JSON.parse(runCli(['scan', '-f', 'sarif'], root).stdout);
  assert.equal(sarif.runs[0].results[0].suppressions[0].justification, 'etag only');
});

test('--complexity adds per-function metrics', () => {
  const root = makeProject({ 'f.py': 'def f(a):\n    if a:\n        return 1\n    return 2\n' });
  const report = JSON.parse(runCli(['scan', '--complexity', '-f', 'json'], root).stdout);
  assert.deepEqual(report.functions, [{ name: 'f', startLine: 1, endLine: 4, lines: 4, parameters: 1, cyclomatic: 2, cognitive: 1, maxNesting: 1, path: 'f.py' }]);
});

test('--rules adds a user rules directory', () => {
  const root = makeProject({
    'src/a.py': 'legacy_call(1)\n',
    'my-rules/python/misc/no-legacy-call.yml': `id: no-legacy-call
languages: [python]
cwe: [477]
severity: low
confidence: high
message: legacy_call is deprecated and unsafe.
fix: Use modern_call instead of it.
references: [https://cwe.mitre.org/data/definitions/477.html]
rule:
  pattern: legacy_call($$$)
`,
  });
  const report = JSON.parse(runCli(['scan', 'src', '--rules', 'my-rules', '-f', 'json'], root).stdout);
  assert.deepEqual(report.findings.map((f: { ruleId: string }) => f.ruleId), ['no-legacy-call']);
});

test('bad input: one line naming the path and the problem, exit 2, no stack trace', () => {
  const root = makeProject({
    'ok/a.py': 'x = 1\n',
    'rules/python/x/broken.yml': 'id: broken\nlanguages: [python]\n',
  });
  symlinkSync(join(root, 'ok'), join(root, 'ok', 'again'));
  const cases: [string[], RegExp][] = [
    [['scan', 'missing.py'], /^loopwarden: missing\.py: no such file or directory$/],
    [['scan', 'ok'], /^loopwarden: .*ok\/again: directory loop/],
    [['scan', '--format', 'xml', 'ok/a.py'], /argument 'xml' is invalid/],
    [['scan', '--frobnicate'], /unknown option '--frobnicate'/],
    [['scan', 'ok/a.py', '--rules', 'rules'], /^loopwarden: .*broken\.yml:1: field 'cwe': /],
    [['scan', 'ok/a.py', '--max-file-size', 'lots'], /'lots' is not a positive whole number/],
  ];
  for (const [args, expected] of cases) {
    const { status, stderr, stdout } = runCli(args, root);
    assert.equal(status, 2, `${args.join(' ')}: ${stderr}`);
    assert.equal(stdout, '');
    const lines = stderr.trim().split('\n');
    assert.equal(lines.length, 1, `${args.join(' ')} printed ${lines.length} lines: ${stderr}`);
    assert.match(lines[0]!, expected);
    assert.doesNotMatch(stderr, /\s+at /);
  }
});

test('an invalid config file is an error naming its line and field', () => {
  const root = makeProject({ '.loopwarden.yml': 'scan:\n  failOn: sometimes\n', 'a.py': 'x = 1\n' });
  const { status, stderr } = runCli(['scan'], root);
  assert.equal(status, 2);
  assert.match(stderr, /\.loopwarden\.yml:2: field 'scan\.failOn': Invalid option/);
});

test('the config file sets excludes, extra rules and the fail-on threshold', () => {
  const root = makeProject({ '.loopwarden.yml': 'scan:\n  exclude: ["generated/**"]\n  failOn: medium\n', 'generated/a.py': 'import hashlib\nhashlib.md5(b"")\n', 'b.py': 'import hashlib\nhashlib.sha1(b"")\n' });
  const { status, stdout } = runCli(['scan', '-f', 'json'], root);
  assert.equal(status, 1);
  assert.deepEqual(JSON.parse(stdout).findings.map((f: { path: string }) => f.path), ['b.py']);
});

test('demo prints a report with findings from several languages and exits 0', () => {
  const root = makeProject({});
  const { status, stdout } = runCli(['demo'], root);
  assert.equal(status, 0);
  for (const rule of ['python-sqli-built-query', 'java-sqli-built-query', 'c-unbounded-copy', 'c-format-string', 'js-xss-dom-html-sink', 'go-tls-insecure-skip-verify']) {
    assert.match(stdout, new RegExp(rule));
  }
  assert.doesNotMatch(stdout, /safe\.py|byOwnerSafely.*sqli/);
  assert.match(stdout, /1 suppressed/);
  // The scripted AI loop: a block, a retry that stays blocked, the chain limit, a review accepting the
  // state, a pass after it, an intact ledger.
  assert.match(stdout, /\nBLOCK {2}chain 1\/3 {2}open 1 \(introduced 1, still open 0\)/);
  assert.match(stdout, /\nBLOCK {2}chain 2\/3 {2}open 1 \(introduced 0, still open 1\)/);
  assert.match(stdout, /still open since iteration #1: critical CWE-89 python-sqli-built-query/);
  assert.match(stdout, /4 consecutive AI iterations without a human review/);
  assert.match(stdout, /recorded review #6: approve by Dana \(security reviewer\) \(scripted by loopwarden demo\) of iterations #1, #2, #3, #4, #5; iteration #5 is the accepted baseline/);
  assert.match(stdout, /\nPASS {2}chain 1\/3/);
  assert.match(stdout, /ledger intact: 7 records/);
});

test('loopwarden scans its own source clean (every exception is a reasoned suppression)', () => {
  const repo = new URL('../../../', import.meta.url).pathname;
  const report = JSON.parse(runCli(['scan', 'src', 'bench', '--format', 'json'], repo).stdout);
  assert.deepEqual(report.findings.map((f: { ruleId: string; path: string }) => `${f.ruleId} ${f.path}`), []);
  assert.ok(report.suppressed.every((s: { suppression: { reason: string } }) => s.suppression.reason.length > 10));
});

test('suppressions: several ids in one comment, unknown ids as notes, unused ones only with --report-unused-suppressions', () => {
  const root = makeProject({
    'h.py': [
      'import hashlib',
      'def f(cursor, name):',
      '    cursor.execute("SELECT " + hashlib.md5(name).hexdigest())  # loopwarden-ignore python-sqli-built-query, python-weak-hash: fixture',
      '    # loopwarden-ignore python-weak-hsh: misspelt',
      '    hashlib.md5(name)',
      '    return 1  # loopwarden-ignore python-code-injection-eval: stale',
      '',
    ].join('\n'),
  });
  const plain = JSON.parse(runCli(['scan', '-f', 'json'], root).stdout);
  assert.deepEqual(plain.suppressed.map((s: { ruleId: string }) => s.ruleId), ['python-sqli-built-query', 'python-weak-hash']);
  assert.deepEqual(plain.findings.map((f: { startLine: number }) => f.startLine), [5]);
  assert.deepEqual(plain.notes.map((n: { kind: string; message: string }) => `${n.kind} ${n.message.split(':')[0]}`), ['unknown-suppression line 4']);
  const reported = JSON.parse(runCli(['scan', '-f', 'json', '--report-unused-suppressions'], root).stdout);
  assert.deepEqual(reported.notes.map((n: { kind: string; message: string }) => `${n.kind} ${n.message.split(':')[0]}`), ['unknown-suppression line 4', 'unused-suppression line 6']);
  assert.match(runCli(['scan', '--report-unused-suppressions'], root).stdout, /note: h\.py: line 6: the suppression of 'python-code-injection-eval' suppressed nothing/);
});

test('a reader that stops early (demo | head) ends the output without an error', async () => {
  const { spawn } = await import('node:child_process');
  const { CLI, cleanEnv } = await import('../helpers.js');
  const root = makeProject({});
  const child = spawn(process.execPath, [CLI, 'demo'], { cwd: root, env: cleanEnv() });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  child.stdout.once('data', () => child.stdout.destroy());
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(code, 0, stderr);
  assert.doesNotMatch(stderr, /EPIPE|Unhandled|\n\s+at /);
});
