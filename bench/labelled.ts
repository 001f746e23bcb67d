import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  confusion,
  cweClass,
  cweNumber,
  inlinePhpRequires,
  julietTestCases,
  julietUnits,
  parseGosecRuleCwes,
  parseGosecSamples,
  rates,
  sameClass,
  takeWithin,
  type FindingAt,
  type FunctionRange,
  type Rates,
} from './labelled-score.js';
import { measure } from './measure.js';
import { seeded, shuffle } from './sample.js';

// The labelled half of `npm run bench:realworld`: corpora whose cases say which code is vulnerable and which
// is not, read from LOOPWARDEN_CORPORA (one sub-directory each; bench/fetch-corpora.md says how to get
// them). Prints TPR, FPR and Youden's J per corpus, language and CWE, only where loopwarden has rules of
// the CWE's class; the rest is listed as not covered. Cases are never chosen by what loopwarden finds:
// samples are fixed-seed shuffles of every test case. Never fails on figures.

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(REPO, 'dist', 'src', 'cli', 'main.js');
const CORPORA = process.env.LOOPWARDEN_CORPORA ?? resolve(REPO, '..', 'shared', 'corpora');
const SEED = Number(process.env.REALWORLD_SEED ?? 20261126);
const JULIET_MAX_FILES = Number(process.env.JULIET_MAX_FILES ?? 200);
/** JULIET_LANGUAGES=csharp,c measures only those Juliet suites (all three by default). */
const JULIET_LANGUAGES = process.env.JULIET_LANGUAGES?.split(',').map((l) => l.trim());
const work = mkdtempSync(join(tmpdir(), 'loopwarden-labelled-'));

interface Scan {
  findings: (FindingAt & { ruleId: string })[];
  functions: FunctionRange[];
  files: number;
  lines: number;
  seconds: number;
}

let scans = 0;
// reality-check lists dozens of CVEs against the same few files of one version: scan those once.
const scanned = new Map<string, Scan>();
/** One loopwarden run over `paths`; finding and function paths come back absolute. */
function scan(paths: string[], complexity = false): Scan {
  const key = `${complexity}\0${paths.join('\0')}`;
  const cached = scanned.get(key);
  if (cached) return cached;
  const result = runScan(paths, complexity);
  scanned.set(key, result);
  return result;
}

function runScan(paths: string[], complexity: boolean): Scan {
  const output = join(work, `scan-${scans++}.json`);
  const args = [CLI, 'scan', ...paths, '--format', 'json', '--output', output, '--fail-on', 'none', ...(complexity ? ['--complexity'] : [])];
  const run = measure(process.execPath, args, REPO);
  if (run.status !== 0) throw new Error(`loopwarden exited ${run.status} on ${paths[0]} (+${paths.length - 1})`);
  const report = JSON.parse(readFileSync(output, 'utf8')) as {
    root: string;
    summary: { linesScanned: number; filesScanned: number };
    findings: { ruleId: string; path: string; startLine: number; cwe: string[] }[];
    functions?: FunctionRange[];
  };
  rmSync(output, { force: true });
  return {
    findings: report.findings.map((f) => ({ ruleId: f.ruleId, path: join(report.root, f.path), line: f.startLine, cwe: f.cwe.map(cweNumber) })),
    functions: (report.functions ?? []).map((f) => ({ ...f, path: join(report.root, f.path) })),
    files: report.summary.filesScanned,
    lines: report.summary.linesScanned,
    seconds: run.seconds,
  };
}

/** Per language, the CWE classes loopwarden has at least one rule for. */
function coverage(): Map<string, Set<string>> {
  const run = measure(process.execPath, [CLI, 'rules', '--format', 'json'], REPO);
  const rules = JSON.parse(run.stdout) as { languages: string[]; cwe: string[] }[];
  const covered = new Map<string, Set<string>>();
  for (const rule of rules) {
    for (const language of rule.languages) {
      const classes = covered.get(language) ?? new Set<string>();
      for (const cwe of rule.cwe) classes.add(cweClass(cweNumber(cwe)));
      covered.set(language, classes);
    }
  }
  return covered;
}

function filesUnder(dir: string, extension: RegExp): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((name) => extension.test(name)).map((name) => join(dir, name));
}

const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
const secs = (seconds: number) => `${seconds.toFixed(1)} s`;
const cells = (r: Rates) => `${r.tp}/${r.fn}/${r.fp}/${r.tn} | ${pct(r.tpr)} | ${pct(r.fpr)} | ${r.j.toFixed(2)}`;
/** Counts summed over rows: each case weighs the same, whatever its row. */
const pooled = (list: Rates[]) => rates(list.reduce((t, r) => ({ tp: t.tp + r.tp, fn: t.fn + r.fn, fp: t.fp + r.fp, tn: t.tn + r.tn }), { tp: 0, fn: 0, fp: 0, tn: 0 }));

function missing(name: string, what: string): boolean {
  if (existsSync(join(CORPORA, name))) return false;
  console.log(`note: ${name} is not in ${CORPORA}: ${what} not measured (bench/fetch-corpora.md)`);
  return true;
}

// ---- 1. NIST Juliet (Java 1.3, C# 1.3, C/C++ 1.3) ----

const JULIET = [
  { name: 'juliet-test-suite-java', language: 'java', testcases: join('src', 'testcases'), extension: /\.java$/ },
  { name: 'NIST-Juliet-CSharp-1.3', language: 'csharp', testcases: join('src', 'src', 'testcases'), extension: /\.cs$/ },
  { name: 'juliet-test-suite-c', language: 'c', testcases: 'testcases', extension: /\.(c|cpp)$/ },
];

function juliet(covered: Map<string, Set<string>>): void {
  for (const suite of JULIET) {
    if (JULIET_LANGUAGES && !JULIET_LANGUAGES.includes(suite.language)) continue;
    if (missing(suite.name, `Juliet ${suite.language}`)) continue;
    const root = join(CORPORA, suite.name, suite.testcases);
    const classes = covered.get(suite.language) ?? new Set();
    const notCovered: number[] = [];
    const rows: Rates[] = [];
    console.log(`\n## NIST Juliet ${suite.language} — per CWE directory, ≤ ${JULIET_MAX_FILES} files of whole test cases (fixed-seed shuffle ${SEED}); unit = test case × variant (bad = positive, each good* = negative), reported when a finding of the CWE's class lies in one of its functions`);
    console.log('| CWE directory | test cases (sampled/all) | files | lines | bad TP/FN, good FP/TN | TPR | FPR | J | FP of G2B · B2G · other good | time |');
    console.log('|---|---|---|---|---|---|---|---|---|---|');
    for (const dir of readdirSync(root).filter((name) => /^CWE\d+_/.test(name)).sort((a, b) => cweNumber(a) - cweNumber(b))) {
      const cwe = cweNumber(dir);
      if (!classes.has(cweClass(cwe))) {
        notCovered.push(cwe);
        continue;
      }
      const all = [...julietTestCases(filesUnder(join(root, dir), suite.extension))];
      const taken = takeWithin(shuffle(all, seeded(SEED + cwe)), JULIET_MAX_FILES);
      const files = taken.flatMap(([, list]) => list);
      if (files.length === 0) continue;
      const result = scan(files, true);
      const units = julietUnits(result.functions, result.findings, cwe);
      const score = confusion(units);
      rows.push(score);
      // Which good variants draw the false positives: G2B (a constant source) or B2G (a checked sink).
      const kinds = ['goodg2b', 'goodb2g', 'good'].map((kind) => {
        const of = units.filter((u) => !u.positive && u.variant.startsWith(kind) && (kind !== 'good' || !/^good(g2b|b2g)/.test(u.variant)));
        return `${of.filter((u) => u.reported).length}/${of.length}`;
      });
      console.log(`| ${dir} | ${taken.length}/${all.length} | ${result.files} | ${result.lines} | ${cells(score)} | ${kinds.join(' · ')} | ${secs(result.seconds)} |`);
    }
    if (rows.length) console.log(`| **all scored (pooled)** | | | | ${cells(pooled(rows))} | | |`);
    console.log(`not covered (no ${suite.language} rule of the class): ${[...new Set(notCovered)].map((c) => `CWE-${c}`).join(', ')}`);
  }
}

// ---- 2. gosec's own rule test samples ----

function gosec(covered: Map<string, Set<string>>): void {
  if (missing('gosec', 'gosec samples')) return;
  const base = join(CORPORA, 'gosec');
  const ruleCwe = parseGosecRuleCwes(readFileSync(join(base, 'issue', 'issue.go'), 'utf8'));
  const classes = covered.get('go') ?? new Set();
  const out = join(work, 'gosec');
  const samples: { rule: string; cwe: number; dir: string; positive: boolean }[] = [];
  const notCovered: string[] = [];
  for (const file of readdirSync(join(base, 'testutils')).filter((name) => /^g\d+_samples\.go$/.test(name)).sort()) {
    const rule = `G${cweNumber(file)}`;
    const cwe = ruleCwe.get(rule);
    if (cwe === undefined || !classes.has(cweClass(cwe))) {
      notCovered.push(`${rule} (CWE-${cwe ?? '?'})`);
      continue;
    }
    parseGosecSamples(readFileSync(join(base, 'testutils', file), 'utf8')).forEach((sample, index) => {
      const dir = join(out, rule, String(index));
      mkdirSync(dir, { recursive: true });
      sample.files.forEach((source, n) => writeFileSync(join(dir, `sample${n}.go`), source));
      samples.push({ rule, cwe, dir, positive: sample.expected > 0 });
    });
  }
  const result = scan([out]);
  const byRule = new Map<string, { cwe: number; cases: { positive: boolean; reported: boolean }[] }>();
  for (const sample of samples) {
    const found = result.findings.filter((f) => f.path.startsWith(sample.dir + sep)).flatMap((f) => f.cwe);
    const entry = byRule.get(sample.rule) ?? { cwe: sample.cwe, cases: [] };
    entry.cases.push({ positive: sample.positive, reported: sameClass(found, [sample.cwe]) });
    byRule.set(sample.rule, entry);
  }
  console.log(`\n## gosec test samples (testutils/gNNN_samples.go) — ${samples.length} samples, ${result.lines} lines, ${secs(result.seconds)}; positive = gosec expects ≥ 1 issue, negative = 0; reported = a loopwarden finding of the rule's CWE class in the sample`);
  console.log('| gosec rule | CWE | samples | TP/FN/FP/TN | recall (TPR) | FPR | J |');
  console.log('|---|---|---|---|---|---|---|');
  const rows: Rates[] = [];
  for (const [rule, entry] of [...byRule].sort(([a], [b]) => a.localeCompare(b))) {
    const score = confusion(entry.cases);
    rows.push(score);
    console.log(`| ${rule} | ${entry.cwe} | ${entry.cases.length} | ${cells(score)} |`);
  }
  if (rows.length) console.log(`| **all (pooled)** | | ${samples.length} | ${cells(pooled(rows))} |`);
  console.log(`not covered (no Go rule of the class): ${notCovered.join(', ')}`);
}

// ---- 5a. DVWA: low/medium/high vulnerable, impossible safe ----

/** DVWA module → the CWEs its exercise is about (DVWA's own module titles; CWE by the weakness named). */
const DVWA_MODULES: Record<string, number[]> = {
  exec: [78], sqli: [89], sqli_blind: [89], xss_r: [79], xss_s: [79], xss_d: [79], fi: [98, 22], upload: [434],
  csrf: [352], brute: [307], weak_id: [330], open_redirect: [601], captcha: [804], javascript: [602], csp: [693],
  authbypass: [285], bac: [639], cryptography: [327], api: [639],
};

/**
 * Modules whose weakness lies outside the PHP a level runs, so no PHP rule can tell the levels apart: they are
 * listed with the reason, never scored.
 */
const DVWA_NOT_JUDGEABLE: Record<string, string> = {
  xss_d: "DOM XSS: the sink is the page's client-side script (document.write of location), not PHP",
  xss_s: 'stored XSS: the levels only store the value; a shared page function outside the corpus renders it',
};

/**
 * What PHP runs at one level: the module's page (index.php) with the level's code inlined where the page
 * requires it, and the files the level requires by a literal name inlined too. The sink of some modules is in
 * the page (File Inclusion's `include($file)`), the weakness of others in a library the level requires
 * (cryptography's token library): the level file alone would hide them.
 */
function dvwaProgram(moduleDir: string, level: string): string {
  const levelFile = join(moduleDir, 'source', `${level}.php`);
  const page = join(moduleDir, 'index.php');
  const resolve = (expression: string) => {
    if (expression.includes('{$vulnerabilityFile}')) return readFileSync(levelFile, 'utf8');
    const literal = /^\(?\s*["']([\w./-]+)["']\s*\)?$/.exec(expression)?.[1];
    const path = literal ? join(moduleDir, 'source', literal) : undefined;
    return path && existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  };
  const pageText = existsSync(page) ? readFileSync(page, 'utf8') : '';
  return pageText.includes('{$vulnerabilityFile}') ? inlinePhpRequires(pageText, resolve) : inlinePhpRequires(readFileSync(levelFile, 'utf8'), resolve);
}

function dvwa(covered: Map<string, Set<string>>): void {
  if (missing('DVWA', 'DVWA levels')) return;
  const root = join(CORPORA, 'DVWA', 'vulnerabilities');
  const classes = covered.get('php') ?? new Set();
  const levels = ['low', 'medium', 'high', 'impossible'];
  const modules = readdirSync(root).filter((m) => existsSync(join(root, m, 'source', 'low.php'))).sort();
  const covering = modules.filter((m) => (DVWA_MODULES[m] ?? []).some((cwe) => classes.has(cweClass(cwe))));
  const scored = covering.filter((m) => !DVWA_NOT_JUDGEABLE[m]);
  const programs = join(work, 'dvwa');
  const programOf = (module: string, level: string) => join(programs, module, `${level}.php`);
  for (const module of scored) {
    mkdirSync(join(programs, module), { recursive: true });
    for (const level of levels) writeFileSync(programOf(module, level), dvwaProgram(join(root, module), level));
  }
  const result = scan(scored.flatMap((m) => levels.map((level) => programOf(m, level))));
  console.log(`\n## DVWA vulnerabilities/<module> at each level (low, medium, high, impossible) — the page with the level's source inlined where it requires it, ${result.files} files, ${secs(result.seconds)}; right = low, medium, high reported in the module's CWE class and impossible not`);
  console.log('| module | CWE | low | medium | high | impossible | series right |');
  console.log('|---|---|---|---|---|---|---|');
  const cases: { positive: boolean; reported: boolean }[] = [];
  let right = 0;
  for (const module of scored) {
    const cwes = DVWA_MODULES[module]!;
    const flagged = levels.map((level) => sameClass(result.findings.filter((f) => f.path === programOf(module, level)).flatMap((f) => f.cwe), cwes));
    levels.forEach((level, i) => cases.push({ positive: level !== 'impossible', reported: flagged[i]! }));
    const ok = flagged.every((hit, i) => hit === (levels[i] !== 'impossible'));
    if (ok) right++;
    console.log(`| ${module} | ${cwes.join('/')} | ${flagged.map((hit) => (hit ? 'reported' : '—')).join(' | ')} | ${ok ? 'yes' : 'no'} |`);
  }
  console.log(`series judged right: ${right}/${scored.length} (${pct(scored.length ? right / scored.length : 0)}); per file ${cells(confusion(cases))} (TP/FN/FP/TN | TPR | FPR | J)`);
  console.log(`not judgeable from the PHP a level runs (not scored): ${covering.filter((m) => DVWA_NOT_JUDGEABLE[m]).map((m) => `${m} (${DVWA_NOT_JUDGEABLE[m]})`).join('; ')}`);
  console.log(`not covered (no PHP rule of the class): ${modules.filter((m) => !covering.includes(m)).map((m) => `${m} (CWE-${(DVWA_MODULES[m] ?? ['?']).join('/')})`).join(', ')}`);
}

// ---- 5b. DVNA fixes branches: one fix per commit ----

/**
 * The fix commits of DVNA's `fixes` and `fixes-2017` branches whose weakness has a CWE, by commit; the
 * others (input validation, CSRF, IDOR, authorization, logging, headers) are listed but not scored.
 */
const DVNA_FIXES: Record<string, { title: string; cwe: number; notJudgeable?: string }> = {
  dc1f9c5: { title: 'Fix #2 Raw Query to ORM', cwe: 89 },
  '4fe36fc': { title: 'Fix #3 exec to execFile', cwe: 78 },
  '6acbb14': { title: 'Fix #5 XSS Fix', cwe: 79 },
  '5f1a4ca': { title: 'Fix #13 mathjs update', cwe: 94, notJudgeable: 'the fix only raises a dependency version in package.json: the code is the same before and after' },
  '0df0980': {
    title: 'Fix #14 Unvalidated Redirect Fix',
    cwe: 601,
    notJudgeable: "the handler stopped redirecting before the parent commit (it renders a confirmation page): before holds no redirect, the fix adds the confirmed POST redirect",
  },
  '1d01e9a': { title: 'Fix #15 Hardcoded Session Secret Fix', cwe: 798 },
  '15f9dc2': { title: 'Fix 1 - XXE (fixes-2017)', cwe: 611 },
  '624a4ee': { title: 'Fix 2 - Insecure Deserialization (fixes-2017)', cwe: 502 },
};

/** Files under `dir` whose content differs from (or is absent in) `other`, relative to `dir`. */
function changedFiles(dir: string, other: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((name) => {
    const here = join(dir, name);
    if (!statSync(here).isFile()) return false;
    const there = join(other, name);
    return !existsSync(there) || !readFileSync(here).equals(readFileSync(there));
  });
}

function dvna(covered: Map<string, Set<string>>): void {
  if (missing('dvna', 'DVNA fix series')) return;
  const root = join(CORPORA, 'dvna', 'fixes');
  const classes = covered.get('javascript') ?? new Set();
  console.log('\n## DVNA fix commits (before = parent commit, after = fix commit; only the files the fix changed) — right = before reported in the CWE class, after not');
  console.log('| commit | fix | CWE | before | after | judged right |');
  console.log('|---|---|---|---|---|---|');
  let right = 0, scored = 0;
  const notCovered: string[] = [], notJudgeable: string[] = [];
  for (const fix of readdirSync(root).sort()) {
    const label = DVNA_FIXES[fix];
    if (!label) continue;
    if (label.notJudgeable) {
      notJudgeable.push(`${fix} ${label.title} (${label.notJudgeable})`);
      continue;
    }
    if (!classes.has(cweClass(label.cwe))) {
      notCovered.push(`${fix} ${label.title} (CWE-${label.cwe})`);
      continue;
    }
    const before = join(root, fix, 'before'), after = join(root, fix, 'after');
    const touched = (side: string, other: string) => changedFiles(side, other).filter((f) => /\.(js|ejs|html|json)$/.test(f)).map((f) => join(side, f));
    const flagged = (side: string, other: string) => {
      const files = touched(side, other);
      return files.length > 0 && sameClass(scan(files).findings.flatMap((f) => f.cwe), [label.cwe]);
    };
    const was = flagged(before, after), is = flagged(after, before);
    const ok = was && !is;
    scored++;
    if (ok) right++;
    console.log(`| ${fix} | ${label.title} | ${label.cwe} | ${was ? 'reported' : '—'} | ${is ? 'reported' : '—'} | ${ok ? 'yes' : 'no'} |`);
  }
  console.log(`fixes judged right: ${right}/${scored} (${pct(scored ? right / scored : 0)})${notCovered.length ? `; not covered: ${notCovered.join(', ')}` : ''}`);
  if (notJudgeable.length) console.log(`not judgeable from the commit's own change (not scored): ${notJudgeable.join('; ')}`);
}

// ---- 3. OSSF CVE Benchmark (JavaScript/TypeScript CVEs, pre- and post-patch commits) ----

function ossf(covered: Map<string, Set<string>>): void {
  if (missing('ossf-cve-benchmark', 'OSSF CVE Benchmark')) return;
  const base = join(CORPORA, 'ossf-cve-benchmark');
  const sources = join(CORPORA, 'ossf-cve-benchmark-src');
  const classes = covered.get('javascript') ?? new Set();
  const cves = readdirSync(join(base, 'CVEs')).filter((n) => n.endsWith('.json')).sort();
  const built = existsSync(sources) ? cves.filter((n) => existsSync(join(sources, n.replace(/\.json$/, ''), 'pre'))) : [];
  console.log(`\n## OSSF CVE Benchmark — ${cves.length} CVEs listed, ${built.length} with upstream source at the pre/post-patch commits under ${sources}; reported = a finding of a listed CWE's class in the weakness file (line: within 3 lines of the weakness line)`);
  if (built.length === 0) return;
  console.log('| CVE | CWEs | pre: file | pre: line | post: file | judged right |');
  console.log('|---|---|---|---|---|---|');
  const notCovered: string[] = [];
  const cases: { positive: boolean; reported: boolean }[] = [];
  let right = 0, scored = 0;
  for (const name of built) {
    const cve = JSON.parse(readFileSync(join(base, 'CVEs', name), 'utf8')) as { CVE: string; CWEs: string[]; prePatch: { weaknesses: { location: { file: string; line: number } }[] } };
    const cwes = cve.CWEs.map(cweNumber);
    if (!cwes.some((c) => classes.has(cweClass(c)))) {
      notCovered.push(`${cve.CVE} (${cve.CWEs.join('/') || 'no CWE'})`);
      continue;
    }
    const dir = join(sources, cve.CVE);
    const locations = cve.prePatch.weaknesses.map((w) => w.location);
    const files = [...new Set(locations.map((l) => l.file))];
    const side = (which: string) => {
      const present = files.map((f) => join(dir, which, f)).filter((p) => existsSync(p));
      return present.length ? scan(present).findings.filter((f) => sameClass(f.cwe, cwes)) : [];
    };
    const pre = side('pre'), post = side('post');
    const preLine = locations.some((l) => pre.some((f) => f.path === join(dir, 'pre', l.file) && Math.abs(f.line - l.line) <= 3));
    const ok = pre.length > 0 && post.length === 0;
    scored++;
    if (ok) right++;
    cases.push({ positive: true, reported: pre.length > 0 }, { positive: false, reported: post.length > 0 });
    console.log(`| ${cve.CVE} | ${cve.CWEs.join(', ')} | ${pre.length ? 'reported' : '—'} | ${preLine ? 'reported' : '—'} | ${post.length ? 'reported' : '—'} | ${ok ? 'yes' : 'no'} |`);
  }
  if (scored) console.log(`judged right: ${right}/${scored}; file level ${cells(confusion(cases))} (TP/FN/FP/TN | TPR | FPR | J)`);
  if (notCovered.length) console.log(`not covered: ${notCovered.join(', ')}`);
}

// ---- 4. flawgarden reality-check (CVEs in Java, C#, Go, Python projects at release tags) ----

function realityCheck(covered: Map<string, Set<string>>): void {
  if (missing('reality-check', 'reality-check')) return;
  const base = join(CORPORA, 'reality-check');
  const sources = join(CORPORA, 'reality-check-src');
  console.log(`\n## flawgarden reality-check — vulnerable and patched project versions under ${sources}/<language>/<version>; reported = a finding of the CVE's CWE class inside a marked-up function range`);
  console.log('| language | CVE | CWE | vulnerable version | reported | patched version | reported | judged right |');
  console.log('|---|---|---|---|---|---|---|---|');
  const listed: string[] = [];
  let right = 0, scored = 0, built = 0;
  const cases: { positive: boolean; reported: boolean }[] = [];
  for (const language of ['java', 'csharp', 'go', 'python']) {
    const db = join(base, language, 'cves_db.csv');
    if (!existsSync(db)) continue;
    const classes = covered.get(language) ?? new Set();
    for (const line of readFileSync(db, 'utf8').trim().split(/\r?\n/).slice(1)) {
      const [, cve, cweText, , vulVersion, , , vulMarkup, patchVersion, , , patchMarkup] = line.split(',');
      const cwe = cweNumber(cweText ?? '');
      listed.push(`${language} ${cve}`);
      const vulDir = join(sources, language, vulVersion ?? ''), patchDir = join(sources, language, patchVersion ?? '');
      if (!existsSync(vulDir) || !existsSync(patchDir)) continue;
      built++;
      if (!classes.has(cweClass(cwe))) continue;
      const side = (dir: string, markup: string) => {
        const path = [join(base, language, 'markup', markup ?? ''), join(base, language, 'vulnerable', markup ?? ''), join(base, language, 'patched', markup ?? '')].find((p) => existsSync(p) && statSync(p).isFile());
        if (!path) return undefined;
        const ranges = readFileSync(path, 'utf8').split(/\r?\n/).map((l) => /"?([^":]+):\[(\d+),(\d+)\]/.exec(l)).filter((m) => m !== null).map((m) => ({ file: join(dir, m[1]!), start: Number(m[2]), end: Number(m[3]) }));
        const files = [...new Set(ranges.map((r) => r.file))].filter((f) => existsSync(f));
        if (!files.length) return false;
        const findings = scan(files).findings.filter((f) => sameClass(f.cwe, [cwe]));
        return ranges.some((r) => findings.some((f) => f.path === r.file && f.line >= r.start && f.line <= r.end));
      };
      const was = side(vulDir, vulMarkup ?? ''), is = side(patchDir, patchMarkup ?? '');
      if (was === undefined) continue;
      const ok = was === true && is !== true;
      cases.push({ positive: true, reported: was });
      if (is !== undefined) cases.push({ positive: false, reported: is });
      scored++;
      if (ok) right++;
      console.log(`| ${language} | ${cve} | ${cwe} | ${vulVersion} | ${was ? 'yes' : '—'} | ${patchVersion} | ${is === undefined ? '(no markup)' : is ? 'yes' : '—'} | ${ok ? 'yes' : 'no'} |`);
    }
  }
  console.log(`${listed.length} CVEs listed; ${built} with both versions present; ${scored} of a covered CWE class scored; judged right ${right}/${scored}; vulnerable = positive, patched = negative: ${cells(confusion(cases))} (TP/FN/FP/TN | TPR | FPR | J)`);
}

console.log('\n# loopwarden on labelled corpora (TP/FN/FP/TN, TPR, FPR, J = TPR − FPR)');
const parts: Record<string, (covered: Map<string, Set<string>>) => void> = { juliet, gosec, ossf, 'reality-check': realityCheck, dvwa, dvna };
const only = process.env.LOOPWARDEN_LABELLED_PARTS?.split(',').map((p) => p.trim());
const covered = coverage();
const started = process.hrtime.bigint();
for (const [name, part] of Object.entries(parts)) {
  if (only && !only.includes(name)) continue;
  const t = process.hrtime.bigint();
  part(covered);
  console.log(`(${name}: ${secs(Number(process.hrtime.bigint() - t) / 1e9)})`);
}
console.log(`\nlabelled corpora: ${secs(Number(process.hrtime.bigint() - started) / 1e9)} in all`);
rmSync(work, { recursive: true, force: true });
