import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BANDIT_TEST_CWE } from '../src/scanners/adapters/bandit-cwe.js';
import { available, measure } from './measure.js';

// `npm run bench:accuracy`: scores loopwarden (and bandit, on the Python corpus) on the OWASP Benchmarks
// with the benchmarks' own method: per category TPR, FPR and Youden's J = TPR − FPR, where a test case
// counts as reported when the tool reports, in that test case's file, a finding of the expected CWE.
// The corpora are read in place from ../shared/corpora (LOOPWARDEN_CORPORA to point elsewhere).

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(REPO, 'dist', 'src', 'cli', 'main.js');
const CORPORA = process.env.LOOPWARDEN_CORPORA ?? resolve(REPO, '..', 'shared', 'corpora');
const work = mkdtempSync(join(tmpdir(), 'loopwarden-accuracy-'));

interface TestCase {
  name: string;
  category: string;
  real: boolean;
  cwe: number;
}

/** Reads a benchmark's expected results: `test name, category, real vulnerability, cwe`. */
function expectedResults(path: string): TestCase[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => {
      const [name, category, real, cwe] = line.split(',').map((cell) => cell.trim());
      return { name: name!, category: category!, real: real === 'true', cwe: Number(cwe) };
    });
}

/** Maps test case name → the CWEs a tool reported in that test case's file. */
type Reported = Map<string, Set<number>>;

function addReport(reported: Reported, file: string, cwe: number): void {
  const name = basename(file).replace(/\.[^.]+$/, '');
  if (!reported.has(name)) reported.set(name, new Set());
  reported.get(name)!.add(cwe);
}

function loopwardenReports(dir: string): { reported: Reported; seconds: number; lines: number } {
  const output = join(work, 'loopwarden.json');
  const run = measure(process.execPath, [CLI, 'scan', dir, '--format', 'json', '--output', output, '--fail-on', 'none'], REPO);
  if (run.status !== 0) throw new Error(`loopwarden exited ${run.status} on ${dir}`);
  const report = JSON.parse(readFileSync(output, 'utf8')) as { summary: { linesScanned: number }; findings: { path: string; cwe: string[] }[] };
  const reported: Reported = new Map();
  for (const finding of report.findings) for (const cwe of finding.cwe) addReport(reported, finding.path, Number(cwe.replace('CWE-', '')));
  return { reported, seconds: run.seconds, lines: report.summary.linesScanned };
}

function banditReports(dir: string): { reported: Reported; seconds: number } | undefined {
  if (!available('bandit')) return undefined;
  const output = join(work, 'bandit.json');
  const run = measure('bandit', ['-q', '-r', dir, '-f', 'json', '-o', output], REPO);
  if (run.status !== 0 && run.status !== 1) return undefined;
  const results = (JSON.parse(readFileSync(output, 'utf8')) as { results: { filename: string; test_id: string; issue_cwe?: { id: number } }[] }).results;
  const reported: Reported = new Map();
  for (const result of results) {
    const cwe = result.issue_cwe?.id ?? BANDIT_TEST_CWE[result.test_id];
    if (cwe !== undefined) addReport(reported, result.filename, cwe);
  }
  return { reported, seconds: run.seconds };
}

interface CategoryScore {
  category: string;
  cwe: number;
  cases: number;
  tp: number;
  fn: number;
  fp: number;
  tn: number;
  tpr: number;
  fpr: number;
  j: number;
}

function score(cases: TestCase[], reported: Reported): CategoryScore[] {
  const byCategory = new Map<string, TestCase[]>();
  for (const c of cases) byCategory.set(c.category, [...(byCategory.get(c.category) ?? []), c]);
  return [...byCategory.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([category, list]) => {
      let tp = 0, fn = 0, fp = 0, tn = 0;
      for (const c of list) {
        const hit = reported.get(c.name)?.has(c.cwe) ?? false;
        if (c.real) hit ? tp++ : fn++;
        else hit ? fp++ : tn++;
      }
      const tpr = tp + fn ? tp / (tp + fn) : 0;
      const fpr = fp + tn ? fp / (fp + tn) : 0;
      return { category, cwe: list[0]!.cwe, cases: list.length, tp, fn, fp, tn, tpr, fpr, j: tpr - fpr };
    });
}

const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
const mean = (scores: CategoryScore[]) => scores.reduce((sum, s) => sum + s.j, 0) / scores.length;

function printTable(title: string, tools: { name: string; scores: CategoryScore[] }[]): void {
  console.log(`\n## ${title}`);
  console.log(`| category | CWE | cases | ${tools.map((t) => `${t.name} TP/FN/FP/TN | TPR | FPR | J`).join(' | ')} |`);
  console.log(`|---|---|---|${tools.map(() => '---|---|---|---').join('|')}|`);
  tools[0]!.scores.forEach((row, index) => {
    const cells = tools.map((t) => {
      const s = t.scores[index]!;
      return `${s.tp}/${s.fn}/${s.fp}/${s.tn} | ${pct(s.tpr)} | ${pct(s.fpr)} | ${s.j.toFixed(2)}`;
    });
    console.log(`| ${row.category} | ${row.cwe} | ${row.cases} | ${cells.join(' | ')} |`);
  });
  console.log(`| **mean J** | | | ${tools.map((t) => `| | | **${mean(t.scores).toFixed(2)}**`).join(' | ').replace(/^\| /, '')} |`);
}

const benchmarks = [
  { name: 'OWASP Benchmark for Java v1.2', dir: join(CORPORA, 'owasp-benchmark-java', 'src', 'main', 'java', 'org', 'owasp', 'benchmark', 'testcode'), expected: join(CORPORA, 'owasp-benchmark-java', 'expectedresults-1.2.csv'), bandit: false },
  { name: 'OWASP Benchmark for Python v0.1', dir: join(CORPORA, 'owasp-benchmark-python', 'testcode'), expected: join(CORPORA, 'owasp-benchmark-python', 'expectedresults-0.1.csv'), bandit: true },
];

console.log('loopwarden accuracy benchmark: per category TPR, FPR and J = TPR − FPR (the benchmarks\' own scoring)');
for (const benchmark of benchmarks) {
  if (!existsSync(benchmark.dir) || !existsSync(benchmark.expected)) {
    console.log(`\n${benchmark.name}: not found under ${CORPORA} (set LOOPWARDEN_CORPORA)`);
    continue;
  }
  const cases = expectedResults(benchmark.expected);
  const ours = loopwardenReports(benchmark.dir);
  const tools = [{ name: 'loopwarden', scores: score(cases, ours.reported) }];
  const timing = [`loopwarden ${ours.seconds.toFixed(1)} s for ${ours.lines} lines`];
  if (benchmark.bandit) {
    const bandit = banditReports(benchmark.dir);
    if (bandit) {
      tools.push({ name: 'bandit', scores: score(cases, bandit.reported) });
      timing.push(`bandit ${bandit.seconds.toFixed(1)} s`);
    } else timing.push('bandit not installed');
  }
  printTable(`${benchmark.name} — ${cases.length} test cases; ${timing.join(', ')}`, tools);
}
rmSync(work, { recursive: true, force: true });
