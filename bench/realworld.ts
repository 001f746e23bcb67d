import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { available, measure } from './measure.js';
import { seeded, shuffle } from './sample.js';

// `npm run bench:realworld`: loopwarden on mature code nobody tuned it to (a language's standard library,
// JDK sources, popular npm libraries, C headers), beside the reference tools on the same files. Prints
// findings per 1,000 lines by severity and CWE, and writes a fixed-seed random sample of the critical and
// high findings to a file that a person judges by reading the code (precision). Never fails on figures.
// The labelled corpora (Juliet, gosec samples, DVWA...) follow in labelled.ts, run by the same npm script;
// LOOPWARDEN_LABELLED_ONLY=1 skips this unlabelled part.

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(REPO, 'dist', 'src', 'cli', 'main.js');
const SAMPLE_SIZE = Number(process.env.REALWORLD_SAMPLE_SIZE ?? 40);
const SAMPLE_SEED = Number(process.env.REALWORLD_SEED ?? 20261126);
const SAMPLE_FILE = process.env.REALWORLD_SAMPLE ?? join(tmpdir(), 'loopwarden-realworld-sample.json');
if (process.env.LOOPWARDEN_LABELLED_ONLY) process.exit(0);
const work = mkdtempSync(join(tmpdir(), 'loopwarden-realworld-'));

interface Finding {
  ruleId: string;
  cwe: string[];
  severity: 'critical' | 'high' | 'medium' | 'low';
  confidence: string;
  path: string;
  startLine: number;
  message: string;
  snippet: string;
}

interface Part {
  name: string;
  language: 'python' | 'java' | 'javascript' | 'c';
  paths: string[];
  /** Where the paths came from, for the report. */
  from: string;
}

function existing(paths: string[]): string[] {
  return paths.filter((path) => existsSync(path));
}

function pythonStdlib(): Part | string {
  const found = spawnSync('python3', ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8' });
  const stdlib = found.status === 0 ? found.stdout.trim() : '';
  if (!stdlib || !existsSync(stdlib)) return 'python standard library: python3 not found';
  // The library proper: its top-level modules and the packages programs use, not its tests or site-packages.
  const modules = readdirSync(stdlib).filter((name) => name.endsWith('.py')).map((name) => join(stdlib, name));
  const packages = existing(['email', 'http', 'json', 'logging', 'urllib', 'xml', 'asyncio', 'concurrent', 'importlib', 'multiprocessing', 'sqlite3', 'wsgiref'].map((name) => join(stdlib, name)));
  return { name: 'python-stdlib', language: 'python', paths: [...modules, ...packages], from: stdlib };
}

function jdkSources(): Part | string {
  // The first src.zip that is a readable file (a JDK package may leave a dangling link).
  const javaHome = spawnSync('sh', ['-c', 'for f in /usr/lib/jvm/*/lib/src.zip; do [ -f "$f" ] && [ -r "$f" ] && echo "$f" && break; done'], { encoding: 'utf8' }).stdout.trim();
  if (!javaHome) return 'JDK sources: no src.zip under /usr/lib/jvm';
  const target = join(work, 'jdk');
  const prefixes = ['java.base/java/net/', 'java.base/java/io/', 'java.sql/java/sql/', 'java.naming/javax/naming/', 'java.xml/javax/xml/'];
  const extract = spawnSync('python3', ['-c', 'import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\n[z.extract(n, sys.argv[2]) for n in z.namelist() if n.startswith(tuple(sys.argv[3:])) and n.endswith(".java")]', javaHome, target, ...prefixes]);
  if (extract.status !== 0) return `JDK sources: could not read ${javaHome}`;
  return { name: 'jdk', language: 'java', paths: existing(prefixes.map((prefix) => join(target, prefix))), from: javaHome };
}

function nodeLibraries(): Part | string {
  const libraries = existing(['express/lib', 'ajv/dist', 'yaml/dist', 'eslint/lib', 'hono/dist/cjs', 'commander/lib'].map((path) => join(REPO, 'node_modules', path)));
  if (libraries.length === 0) return 'npm libraries: none installed (run npm ci)';
  return { name: 'npm-libraries', language: 'javascript', paths: libraries, from: 'node_modules (express, ajv, yaml, eslint, hono, commander)' };
}

function cHeaders(): Part | string {
  // libuv and OpenSSL's headers: C written by others, without V8's million lines of C++ headers.
  const headers = existing(['/usr/include/node/uv', '/usr/include/node/uv.h', '/usr/include/openssl']);
  if (headers.length === 0) return 'C headers: none under /usr/include';
  return { name: 'c-headers', language: 'c', paths: headers, from: headers.join(', ') };
}

function scan(part: Part): { findings: Finding[]; lines: number; files: number; seconds: number } {
  const output = join(work, `${part.name}.json`);
  const run = measure(process.execPath, [CLI, 'scan', ...part.paths, '--format', 'json', '--output', output, '--fail-on', 'none'], REPO);
  if (run.status !== 0) throw new Error(`loopwarden exited ${run.status} on ${part.name}`);
  const report = JSON.parse(readFileSync(output, 'utf8')) as { root: string; findings: Finding[]; summary: { linesScanned: number; filesScanned: number } };
  // Paths in the report are relative to its root: the sample names files a reader can open.
  const findings = report.findings.map((finding) => ({ ...finding, path: join(report.root, finding.path) }));
  return { findings, lines: report.summary.linesScanned, files: report.summary.filesScanned, seconds: run.seconds };
}

/** A reference tool's count of its own serious findings on the same files, and its time. */
function reference(part: Part): { name: string; serious: number; seconds: number } | undefined {
  if (part.language === 'python' && available('bandit')) {
    const out = join(work, 'bandit.json');
    const run = measure('bandit', ['-q', '-r', ...part.paths, '-f', 'json', '-o', out], REPO);
    if (!existsSync(out)) return undefined;
    const results = (JSON.parse(readFileSync(out, 'utf8')) as { results: { issue_severity: string }[] }).results;
    return { name: 'bandit (HIGH)', serious: results.filter((r) => r.issue_severity === 'HIGH').length, seconds: run.seconds };
  }
  if (part.language === 'c' && available('flawfinder')) {
    const run = measure('flawfinder', ['--quiet', '--dataonly', '--csv', '--minlevel=4', ...part.paths], REPO);
    return { name: 'flawfinder (level ≥ 4)', serious: Math.max(0, run.stdout.trim().split('\n').length - 1), seconds: run.seconds };
  }
  if (part.language === 'javascript' && existsSync(join(REPO, 'bench', 'run-eslint.mjs'))) {
    const run = measure(process.execPath, [join(REPO, 'bench', 'run-eslint.mjs'), ...part.paths], REPO);
    const messages = Number(/(\d+) messages/.exec(run.stdout)?.[1] ?? NaN);
    return Number.isFinite(messages) ? { name: 'eslint-plugin-security (all)', serious: messages, seconds: run.seconds } : undefined;
  }
  return undefined;
}

const perK = (count: number, lines: number) => (lines ? ((count * 1000) / lines).toFixed(2) : '0');
const fmt = (seconds: number) => (seconds < 1 ? `${(seconds * 1000).toFixed(0)} ms` : `${seconds.toFixed(2)} s`);

console.log('loopwarden on real code nobody tuned it to — findings per 1,000 lines (critical/high gate by default)\n');
const parts = [pythonStdlib(), jdkSources(), nodeLibraries(), cHeaders()];
for (const skipped of parts.filter((p): p is string => typeof p === 'string')) console.log(`note: skipped ${skipped}`);
console.log('\n| part | files | lines | time | critical | high | medium | low | gating critical+high per 1k lines | reference tool | its serious findings | per 1k lines | its time |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
const gating: (Finding & { part: string })[] = [];
let shownOnly = 0;
const byCwe = new Map<string, number>();
for (const part of parts.filter((p): p is Part => typeof p !== 'string')) {
  const result = scan(part);
  const count = (severity: Finding['severity']) => result.findings.filter((f) => f.severity === severity).length;
  const serious = result.findings.filter((f) => (f.severity === 'critical' || f.severity === 'high') && f.confidence !== 'low').length;
  for (const finding of result.findings) {
    if (finding.severity !== 'critical' && finding.severity !== 'high') continue;
    // Low confidence is shown, never gated (policy gateConfidence): precision is judged on what gates.
    if (finding.confidence === 'low') {
      shownOnly++;
      continue;
    }
    gating.push({ ...finding, part: part.name });
    for (const cwe of finding.cwe) byCwe.set(`${part.name} ${cwe} ${finding.ruleId}`, (byCwe.get(`${part.name} ${cwe} ${finding.ruleId}`) ?? 0) + 1);
  }
  const theirs = reference(part);
  const theirCells = theirs ? `${theirs.name} | ${theirs.serious} | ${perK(theirs.serious, result.lines)} | ${fmt(theirs.seconds)}` : '(none here) | | |';
  console.log(`| ${part.name} | ${result.files} | ${result.lines} | ${fmt(result.seconds)} | ${count('critical')} | ${count('high')} | ${count('medium')} | ${count('low')} | ${perK(serious, result.lines)} | ${theirCells} |`);
}

console.log(`\n${shownOnly} critical/high findings have low confidence (the rule cannot decide): shown, never gated, left out below.`);
console.log('\n## Gating critical and high findings by part, CWE and rule');
for (const [key, count] of [...byCwe].sort((a, b) => b[1] - a[1])) console.log(`${String(count).padStart(5)}  ${key}`);

const random = seeded(SAMPLE_SEED);
const pool = shuffle([...gating].sort((a, b) => `${a.path}:${a.startLine}:${a.ruleId}`.localeCompare(`${b.path}:${b.startLine}:${b.ruleId}`)), random);
const sample = pool.slice(0, SAMPLE_SIZE).map((f) => ({ part: f.part, path: f.path, line: f.startLine, ruleId: f.ruleId, cwe: f.cwe, severity: f.severity, confidence: f.confidence, message: f.message, snippet: f.snippet, judgement: null }));
writeFileSync(SAMPLE_FILE, `${JSON.stringify({ seed: SAMPLE_SEED, of: gating.length, sample }, null, 2)}\n`);
console.log(`\nsample: ${sample.length} of ${gating.length} gating critical/high findings (seed ${SAMPLE_SEED}) written to ${SAMPLE_FILE}; judge each by reading the code (set "judgement" to "true" or "false" with a reason) for precision`);
rmSync(work, { recursive: true, force: true });
