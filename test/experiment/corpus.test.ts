import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILTIN_CORPUS_DIR, loadCorpus, type BaselineProgram } from '../../src/experiment/corpus.js';
import { analyzeSource } from '../../src/engine/scan-file.js';
import { BUILTIN_RULES_DIR, loadRules } from '../../src/rules/load.js';
import { runCli } from '../helpers.js';

const programs = loadCorpus('builtin');
const LANGUAGES = ['c', 'java', 'python', 'javascript'] as const;

function inLanguage(language: string): BaselineProgram[] {
  return programs.filter((p) => p.language.id === language);
}

function pathOf(program: BaselineProgram): string {
  return join(BUILTIN_CORPUS_DIR, program.id);
}

/** Whether `command` runs here: a language's compile check is skipped, not failed, on a machine without it. */
function installed(command: string, versionFlag = '--version'): boolean {
  return spawnSync(command, [versionFlag], { stdio: 'ignore' }).status === 0;
}

function compiles(t: TestContext, command: string, args: string[], what: string): void {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  assert.equal(result.status, 0, `${what} does not compile:\n${result.stdout}${result.stderr}`);
  t.diagnostic(`${what}: compiled with ${command}`);
}

test('the built-in corpus holds 10 programs in each of C, Java, Python and JavaScript, in their own folders', () => {
  assert.equal(programs.length, 40);
  for (const language of LANGUAGES) {
    const mine = inLanguage(language);
    assert.equal(mine.length, 10, `${language}: ${mine.map((p) => p.id).join(', ')}`);
    for (const program of mine) assert.ok(program.id.startsWith(`${language}/`), `${program.id} is not under ${language}/`);
  }
});

test('every baseline program opens with a one-line comment saying what it does, and is 60-200 lines long', () => {
  for (const program of programs) {
    const lines = program.code.trimEnd().split('\n');
    assert.match(lines[0] ?? '', /^(\/\/|\/\*|#) \S.{20,}/, `${program.id}: first line is not a description`);
    assert.ok(lines.length >= 60 && lines.length <= 200, `${program.id}: ${lines.length} lines`);
  }
});

test('every baseline program analyses clean: no finding and no parse error, as the harness analyses a chain', () => {
  const rules = loadRules([BUILTIN_RULES_DIR]);
  for (const program of programs) {
    const analysis = analyzeSource(program.id, program.code, program.language, rules, { complexity: true });
    assert.deepEqual(analysis.findings.map((f) => `${f.ruleId}:${f.startLine}`), [], `${program.id} has findings`);
    assert.deepEqual(analysis.notes, [], `${program.id} has notes`);
    assert.ok((analysis.functions ?? []).length > 0, `${program.id}: no function measured`);
  }
});

test('scanning the corpus directory as a project finds nothing and leaves no file unanalysed', () => {
  const { status, stdout } = runCli(['scan', BUILTIN_CORPUS_DIR, '--format', 'json'], BUILTIN_CORPUS_DIR);
  const scan = JSON.parse(stdout) as { summary: { filesScanned: number }; findings: unknown[]; notes: unknown[]; skipped: unknown[] };
  assert.equal(status, 0);
  assert.deepEqual(scan.findings, []);
  assert.deepEqual(scan.notes, []);
  assert.deepEqual(scan.skipped, []);
  assert.equal(scan.summary.filesScanned, 40);
});

test('the C programs compile as C11 with POSIX', (t) => {
  if (!installed('gcc')) return t.skip('gcc not installed');
  for (const program of inLanguage('c')) {
    compiles(t, 'gcc', ['-std=c11', '-D_POSIX_C_SOURCE=200809L', '-Wall', '-Wextra', '-Werror', '-fsyntax-only', pathOf(program)], program.id);
  }
});

test('the Java programs compile with javac alone', (t) => {
  if (!installed('javac', '-version')) return t.skip('javac not installed');
  const classes = mkdtempSync(join(tmpdir(), 'loopwarden-corpus-classes-'));
  try {
    compiles(t, 'javac', ['-Xlint:none', '-d', classes, ...inLanguage('java').map(pathOf)], 'java/*.java');
  } finally {
    rmSync(classes, { recursive: true, force: true });
  }
});

test('the Python programs compile with python3', (t) => {
  if (!installed('python3')) return t.skip('python3 not installed');
  // compile() rather than py_compile: nothing is written beside the corpus.
  const script = 'import sys\nfor p in sys.argv[1:]:\n    compile(open(p, encoding="utf-8").read(), p, "exec")\n';
  compiles(t, 'python3', ['-c', script, ...inLanguage('python').map(pathOf)], 'python/*.py');
});

test('the JavaScript programs pass node --check', (t) => {
  for (const program of inLanguage('javascript')) compiles(t, process.execPath, ['--check', pathOf(program)], program.id);
});
