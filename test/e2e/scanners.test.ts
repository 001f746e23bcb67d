import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gitRepo, runCli } from '../helpers.js';
import Database from 'better-sqlite3';
import { loadSarifLog } from '../../src/scanners/sarif-validate.js';
import { analysisProblem, recordProblem } from '../../src/server/content-checks.js';

const hasFlawfinder = spawnSync('flawfinder', ['--version'], { stdio: 'ignore' }).status === 0;
const needsFlawfinder = { skip: !hasFlawfinder && "needs Debian's flawfinder (apt-get install flawfinder; .ci/run installs it)" };
const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../../../test/fixtures/sarif/${name}`, import.meta.url)), 'utf8');

const FLAWFINDER = `scanners:
  - name: flawfinder
    command: [flawfinder, --sarif, --neverignore, "{files}"]
    languages: [c, cpp]
    timeout: 30
`;

const UTIL = `#include <fcntl.h>
#include <unistd.h>

int add(int a, int b) { return a + b; }
`;

const RACE = `
int open_if_readable(const char *path) {
    if (access(path, R_OK) == 0) { return open(path, O_RDONLY); }
    return -1;
}
`;

const RUN_C = `#include <stdio.h>
#include <stdlib.h>

void list(const char *name) {
    char cmd[256];
    snprintf(cmd, sizeof cmd, "ls %s", name);
    system(cmd);
}
`;

const ROUTES = `const express = require('express');
const app = express();

app.get('/users', (req, res) => {
  db.all('SELECT name FROM users', (err, rows) => res.json(rows));
  res.end();
});
`;

type CheckJson = { verdict: { level: string; reasons: { code: string; level: string; message: string }[] }; open: { ruleId: string; path: string; startLine: number }[] };

function check(root: string, actor: 'ai' | 'human', extra: string[] = []): { status: number; json: CheckJson; stderr: string } {
  const run = runCli(['check', '--actor', actor, '-f', 'json', ...extra], root, { timeoutMs: 120_000 });
  assert.equal(run.timedOut, false);
  return { status: run.status, json: JSON.parse(run.stdout) as CheckJson, stderr: run.stderr };
}

function lastRecord(root: string) {
  const exported = JSON.parse(runCli(['ledger', 'export', '--format', 'json'], root).stdout) as { records: { kind: string; payload: Record<string, unknown> }[] };
  return exported.records.filter((record) => record.kind === 'iteration').pop()!.payload as {
    introduced: { ruleId: string; tool?: string; cwe: string[]; seenBy?: { tool: string }[] }[];
    fixed: { ruleId: string }[];
    open: { ruleId: string; tool?: string; cwe: string[] }[];
    scanners?: { scanner: string; files: string[]; message: string }[];
    verdict: { level: string; reasons: { code: string; level: string; message: string }[] };
  };
}

/** Checks what a team server would be pushed (every record, every analysis) passes its content checks; returns the analyses. */
function serverAccepts(root: string): string[] {
  const exported = JSON.parse(runCli(['ledger', 'export', '--format', 'json'], root).stdout) as { records: { payload: unknown }[] };
  assert.deepEqual(exported.records.map((entry) => recordProblem(entry)), exported.records.map(() => undefined));
  const db = new Database(join(root, '.loopwarden', 'ledger.db'), { readonly: true });
  const analyses = (db.prepare('SELECT analysis FROM analyses').all() as { analysis: string }[]).map((row) => row.analysis);
  db.close();
  assert.deepEqual(analyses.map((analysis) => analysisProblem(analysis)).filter(Boolean), []);
  return analyses;
}

test('an AI iteration adding the access() race is blocked through flawfinder (CWE-362/367, the tool named), and shows it fixed when the code goes', needsFlawfinder, () => {
  const root = gitRepo({ '.loopwarden.yml': FLAWFINDER, 'util.c': UTIL });
  assert.equal(runCli(['init'], root).status, 0);
  assert.equal(check(root, 'human').status, 0);

  writeFileSync(join(root, 'util.c'), UTIL + RACE);
  const blocked = check(root, 'ai');
  assert.equal(blocked.status, 1);
  assert.equal(blocked.json.verdict.level, 'block');
  const record = lastRecord(root);
  const race = record.introduced.find((finding) => finding.ruleId === 'flawfinder/FF1030');
  assert.ok(race, JSON.stringify(record.introduced));
  assert.deepEqual([race.tool, race.cwe], ['flawfinder', ['CWE-362', 'CWE-367']]);
  assert.ok(record.verdict.reasons.some((reason) => reason.level === 'block' && reason.message.includes('flawfinder/FF1030') && reason.message.includes('CWE-362/CWE-367')));
  const text = runCli(['check', '--actor', 'ai'], root);
  assert.match(text.stdout, /✗ still open since iteration #2: high CWE-362\/CWE-367 flawfinder\/FF1030 at util\.c:7/);
  const markdown = runCli(['check', '--actor', 'ai', '-f', 'markdown'], root);
  assert.match(markdown.stdout, /flawfinder\/FF1030/);

  assert.ok(serverAccepts(root).some((analysis) => analysis.includes('"scannedBy":["flawfinder"]')));

  // SARIF out: valid against the official schema, the rule described as flawfinder's.
  const sarif = runCli(['scan', '-f', 'sarif', '.'], root);
  const loaded = loadSarifLog(sarif.stdout);
  assert.ok('log' in loaded, 'problem' in loaded ? loaded.problem : '');
  const log = JSON.parse(sarif.stdout) as { runs: { tool: { driver: { rules: { id: string; properties: { tool?: string; tags: string[] } }[] } } }[] };
  const rule = log.runs[0]!.tool.driver.rules.find((entry) => entry.id === 'flawfinder/FF1030');
  assert.deepEqual([rule?.properties.tool, rule?.properties.tags], ['flawfinder', ['security', 'external/cwe/cwe-362', 'external/cwe/cwe-367']]);

  writeFileSync(join(root, 'util.c'), UTIL);
  const fixed = check(root, 'ai');
  assert.equal(fixed.status, 0);
  assert.equal(fixed.json.verdict.level, 'pass');
  assert.deepEqual(lastRecord(root).fixed.map((finding) => finding.ruleId).sort(), ['flawfinder/FF1030', 'flawfinder/FF1040']);
});

test('a scanner that crashes and one that hangs are notes in the iteration; the check goes on and still blocks on what flawfinder found', needsFlawfinder, () => {
  const config = `${FLAWFINDER}  - name: crasher
    command: [${JSON.stringify(process.execPath)}, -e, "process.stderr.write('Segmentation fault'); process.exit(139)", "{files}"]
    languages: [c]
  - name: hanger
    command: [${JSON.stringify(process.execPath)}, -e, "setInterval(() => {}, 1000)", "{files}"]
    languages: [c]
    timeout: 1
`;
  const root = gitRepo({ '.loopwarden.yml': config, 'util.c': UTIL });
  assert.equal(runCli(['init'], root).status, 0);
  check(root, 'human');
  writeFileSync(join(root, 'util.c'), UTIL + RACE);
  const started = Date.now();
  const result = check(root, 'ai');
  assert.ok(Date.now() - started < 60_000);
  assert.equal(result.json.verdict.level, 'block');
  const record = lastRecord(root);
  assert.deepEqual(record.scanners?.map((note) => note.scanner).sort(), ['crasher', 'hanger']);
  const messages = record.scanners!.map((note) => note.message).join('\n');
  assert.match(messages, /crasher: util\.c: exited with code 139 \(Segmentation fault\) and printed no valid SARIF/);
  assert.match(messages, /hanger: util\.c: timed out after 1 s; its findings there were not re-checked/);
  const failed = record.verdict.reasons.filter((reason) => reason.code === 'scanner-failed');
  assert.equal(failed.length, 2);
  assert.ok(failed.every((reason) => reason.level === 'review-required' && reason.message.endsWith('an AI iteration changed a file it could not check, so a person must look')), 'by default a failure on a file the AI changed needs a person');
  assert.ok(record.introduced.some((finding) => finding.ruleId === 'flawfinder/FF1030'));
  const text = runCli(['check', '--actor', 'ai'], root).stdout;
  assert.match(text, /crasher: util\.c: exited with code 139/);
  assert.ok(serverAccepts(root).some((analysis) => analysis.includes('"missedBy":["crasher","hanger"]')));
});

test('policy.scannerFailure: block fails closed when a scanner cannot run', () => {
  const config = `policy:
  scannerFailure: block
scanners:
  - name: missing
    command: [loopwarden-no-such-scanner, "{files}"]
    languages: [python]
`;
  const root = gitRepo({ '.loopwarden.yml': config, 'app.py': 'print(1)\n' });
  assert.equal(runCli(['init'], root).status, 0);
  check(root, 'human');
  writeFileSync(join(root, 'app.py'), 'print(2)\n');
  const result = check(root, 'ai');
  assert.equal(result.status, 1);
  assert.equal(result.json.verdict.level, 'block');
  const reason = lastRecord(root).verdict.reasons.find((entry) => entry.code === 'scanner-failed');
  assert.equal(reason?.level, 'block');
  assert.match(reason!.message, /missing: app\.py: cannot run 'loopwarden-no-such-scanner': not found on PATH/);
});

test('the same weakness seen by loopwarden, flawfinder and a Semgrep file is one finding listing every tool', needsFlawfinder, () => {
  const root = gitRepo({ '.loopwarden.yml': FLAWFINDER, 'tools/run.c': RUN_C });
  writeFileSync(join(root, 'semgrep.sarif'), fixture('semgrep.sarif'));
  const scan = runCli(['scan', '-f', 'json', '--import-sarif', 'semgrep.sarif', '--', 'tools'], root);
  const report = JSON.parse(scan.stdout) as { findings: { ruleId: string; startLine: number; tool?: string; seenBy?: { tool: string; ruleId: string }[]; cwe: string[] }[] };
  const onSystem = report.findings.filter((finding) => finding.startLine === 7);
  assert.equal(onSystem.length, 1, JSON.stringify(onSystem));
  assert.equal(onSystem[0]!.ruleId, 'c-cmdi-system-call', "loopwarden's own finding leads");
  assert.deepEqual(onSystem[0]!.seenBy!.map((entry) => entry.tool), ['loopwarden', 'flawfinder', 'semgrep']);
  // flawfinder's other results on other lines stay findings of their own.
  assert.ok(report.findings.some((finding) => finding.ruleId === 'flawfinder/FF1013'));
  const text = runCli(['scan', '--import-sarif', 'semgrep.sarif', '--', 'tools'], root).stdout;
  assert.match(text, /c-cmdi-system-call \(seen by loopwarden, flawfinder, semgrep\)/);
});

test('--import-sarif: CodeQL- and Semgrep-shaped results enter scan, diff and check with their tools named', () => {
  const root = gitRepo({ 'README.md': 'app\n' });
  writeFileSync(join(root, 'codeql.sarif'), fixture('codeql.sarif'));
  writeFileSync(join(root, 'semgrep.sarif'), fixture('semgrep.sarif'));
  assert.equal(runCli(['init'], root).status, 0);
  check(root, 'human');
  spawnSync('mkdir', ['-p', join(root, 'server')]);
  writeFileSync(join(root, 'server/routes.js'), ROUTES);

  const scan = JSON.parse(runCli(['scan', '-f', 'json', '--import-sarif', 'codeql.sarif', 'semgrep.sarif'], root).stdout) as { findings: { ruleId: string; tool?: string; severity: string; path: string }[] };
  const external = scan.findings.filter((finding) => finding.tool).map((finding) => [finding.tool, finding.ruleId.split('.').pop(), finding.path, finding.severity]);
  assert.deepEqual(external, [
    ['semgrep', 'express-check-csurf-middleware-usage', 'server/routes.js', 'medium'],
    ['codeql', 'codeql/js/missing-rate-limiting', 'server/routes.js', 'high'],
  ]);

  const { diff } = JSON.parse(runCli(['diff', 'HEAD', 'WORKTREE', '-f', 'json', '--import-sarif', 'codeql.sarif'], root).stdout) as { diff: { introduced: { ruleId: string; tool?: string }[] } };
  assert.deepEqual(diff.introduced.filter((finding) => finding.tool).map((finding) => finding.ruleId), ['codeql/js/missing-rate-limiting']);

  const checked = check(root, 'ai', ['--import-sarif', 'codeql.sarif']);
  assert.equal(checked.json.verdict.level, 'block');
  assert.ok(checked.json.open.some((finding) => finding.ruleId === 'codeql/js/missing-rate-limiting'));
  // The next check without the file: CodeQL did not look again, so its finding is not taken for fixed.
  writeFileSync(join(root, 'server/routes.js'), `${ROUTES}// touched\n`);
  const again = check(root, 'ai');
  assert.equal(again.json.verdict.level, 'block');
  assert.ok(again.json.open.some((finding) => finding.ruleId === 'codeql/js/missing-rate-limiting'));

  const bad = runCli(['scan', '--import-sarif', 'README.md'], root);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /^loopwarden: README\.md: not a SARIF 2\.1\.0 log: not JSON/);
});

test('file names an agent could pick against flawfinder: one read as an option, one its URI would misname; neither hides the race', needsFlawfinder, () => {
  const root = gitRepo({ '.loopwarden.yml': FLAWFINDER, 'util.c': UTIL });
  assert.equal(runCli(['init'], root).status, 0);
  check(root, 'human');
  // `-eZZZ.c` sorted first would make flawfinder report only hits matching ZZZ.c (found by attacking the gate).
  writeFileSync(join(root, '-eZZZ.c'), 'int zz(void) { return 0; }\n');
  writeFileSync(join(root, 'util.c'), UTIL + RACE);
  const optionLike = check(root, 'ai');
  assert.equal(optionLike.json.verdict.level, 'block');
  assert.ok(optionLike.json.open.some((finding) => finding.ruleId === 'flawfinder/FF1030' && finding.path === 'util.c'));

  const other = gitRepo({ '.loopwarden.yml': FLAWFINDER, 'util.c': UTIL });
  assert.equal(runCli(['init'], other).status, 0);
  check(other, 'human');
  // flawfinder writes `util%41.c` unescaped; read as a URI it would be utilA.c, and the race would land nowhere.
  writeFileSync(join(other, 'util%41.c'), UTIL + RACE);
  const percent = check(other, 'ai');
  assert.equal(percent.json.verdict.level, 'block');
  assert.ok(percent.json.open.some((finding) => finding.ruleId === 'flawfinder/FF1030' && finding.path === 'util%41.c'), JSON.stringify(percent.json.open));
});

test('a scanner run with a doctored environment says the same: only PATH, HOME, the locale and what its settings name reach it', needsFlawfinder, () => {
  const root = gitRepo({ '.loopwarden.yml': FLAWFINDER, 'util.c': UTIL, 'evil/sitecustomize.py': "import sys\nsys.argv[1:1] = ['-eZZZ']\n" });
  assert.equal(runCli(['init'], root).status, 0);
  check(root, 'human');
  writeFileSync(join(root, 'util.c'), UTIL + RACE);
  const run = runCli(['check', '--actor', 'ai', '-f', 'json'], root, { env: { PYTHONPATH: join(root, 'evil') }, timeoutMs: 120_000 });
  assert.equal((JSON.parse(run.stdout) as CheckJson).verdict.level, 'block');
});

const hasBandit = spawnSync('bandit', ['--version'], { stdio: 'ignore' }).status === 0;

test('the bandit recipe: loopwarden adapt bandit turns its JSON into SARIF, and # nosec an agent writes hides nothing', { skip: !hasBandit && "needs Debian's bandit (.ci/run installs it)" }, () => {
  const config = `scanners:
  - name: bandit
    command: [loopwarden, adapt, bandit, --ignore-nosec, "{files}"]
    languages: [python]
`;
  const root = gitRepo({ '.loopwarden.yml': config, 'app.py': 'def run(name):\n    return name\n' });
  writeFileSync(join(root, 'app.py'), 'import subprocess\n\ndef run(name):\n    return subprocess.call("ls " + name, shell=True)  # nosec\n');
  const scan = JSON.parse(runCli(['scan', '-f', 'json', '.'], root).stdout) as { findings: { ruleId: string; seenBy?: { tool: string; ruleId: string }[]; cwe: string[] }[] };
  const shell = scan.findings.find((finding) => finding.seenBy?.some((entry) => entry.ruleId === 'bandit/B602'));
  assert.ok(shell, JSON.stringify(scan.findings));
  assert.deepEqual(shell.seenBy!.map((entry) => entry.tool), ['loopwarden', 'bandit']);
  assert.ok(shell.cwe.includes('CWE-78'));
  assert.ok(scan.findings.some((finding) => finding.ruleId === 'bandit/B404'));
});
