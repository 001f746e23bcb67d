import { basename } from 'node:path';

// Scoring for the labelled corpora (bench/labelled.ts), kept free of I/O so tests can feed it tiny inputs.

/**
 * CWEs that name the same weakness at different grain: a finding of one member counts for a case labelled
 * with another. Juliet and gosec label by the narrow CWE (23 relative path, 80 basic XSS, 121 stack
 * overflow); loopwarden's rules by the class (22, 79, 787).
 */
const CWE_CLASSES: Record<string, number[]> = {
  'path traversal': [22, 23, 36],
  xss: [79, 80, 81, 83],
  'weak crypto/hash': [327, 328],
  'weak random': [330, 338],
  'out-of-bounds write': [120, 121, 122, 124, 787],
  'out-of-bounds read': [125, 126, 127],
  'integer overflow': [190, 680],
  'prototype pollution': [915, 1321],
};
const CLASS_OF = new Map<number, string>(Object.entries(CWE_CLASSES).flatMap(([name, cwes]) => cwes.map((cwe) => [cwe, name] as const)));

/** The equivalence class of a CWE: its class name, or `CWE-n` when it is alone. */
export function cweClass(cwe: number): string {
  return CLASS_OF.get(cwe) ?? `CWE-${cwe}`;
}

/** `CWE-089`, `CWE-89`, `89` → 89; NaN when there is no number. */
export function cweNumber(text: string): number {
  return Number(/(\d+)/.exec(text)?.[1] ?? NaN);
}

/** True when any of `found` is in the class of any of `expected`. */
export function sameClass(found: Iterable<number>, expected: Iterable<number>): boolean {
  const wanted = new Set([...expected].map(cweClass));
  for (const cwe of found) if (wanted.has(cweClass(cwe))) return true;
  return false;
}

export interface Confusion {
  tp: number;
  fn: number;
  fp: number;
  tn: number;
}

export interface Rates extends Confusion {
  tpr: number;
  fpr: number;
  j: number;
}

/** TPR, FPR and Youden's J from counts; a rate with no cases to divide by is 0. */
export function rates({ tp, fn, fp, tn }: Confusion): Rates {
  const tpr = tp + fn ? tp / (tp + fn) : 0;
  const fpr = fp + tn ? fp / (fp + tn) : 0;
  return { tp, fn, fp, tn, tpr, fpr, j: tpr - fpr };
}

/** Counts labelled cases: `positive` is the label, `reported` whether the tool flagged the case. */
export function confusion(cases: Iterable<{ positive: boolean; reported: boolean }>): Rates {
  const counts: Confusion = { tp: 0, fn: 0, fp: 0, tn: 0 };
  for (const c of cases) {
    if (c.positive) c.reported ? counts.tp++ : counts.fn++;
    else c.reported ? counts.fp++ : counts.tn++;
  }
  return rates(counts);
}

// ---- Juliet ----

/**
 * A Juliet test case is one flaw in up to five files: `…_01.java`; `…_51a.c` + `…_51b.c` (a source and a
 * sink file); `…_81a.java` with `…_81_base.java` (abstract), `…_81_bad.java` and `…_81_goodG2B.java` (one
 * class per variant). Returns the test case name and, for the one-class-per-variant files, the variant the
 * whole file belongs to ('base' for the abstract file, which holds no variant).
 */
export function julietTestCase(file: string): { testCase: string; fileVariant?: string } | undefined {
  const name = basename(file).replace(/\.[^.]+$/, '');
  const match = /^(CWE\d+_.*_\d+)(?:[a-z]|_(bad|good[A-Za-z0-9]*|base))?$/.exec(name);
  if (!match) return undefined;
  return match[2] ? { testCase: match[1]!, fileVariant: match[2] } : { testCase: match[1]! };
}

/**
 * The variant a Juliet function belongs to: `bad` (every bad*, badSink, badSource, badVaSinkB) or one good
 * variant (`goodg2b`, `goodb2g`, `goodg2b1`, `good1`, with their Sink/Source helpers). Undefined for
 * functions outside any variant (main, the `good()` dispatcher that only calls the good variants,
 * helpers). Accepts C's prefixed names (`CWE78_…_51b_goodG2BSink`), C++/C#/Java qualified names.
 */
export function julietVariant(functionName: string, fileVariant?: string): string | undefined {
  let name: string;
  if (fileVariant !== undefined) {
    if (fileVariant === 'base') return undefined;
    name = fileVariant;
  } else {
    const last = functionName.split(/::|\./).pop() ?? '';
    const match = /(?:^|_)((?:bad|good)[A-Za-z0-9]*)$/i.exec(last);
    if (!match) return undefined;
    name = match[1]!;
    if (name.toLowerCase() === 'good') return undefined;
  }
  return /^(bad|good(?:g2b|b2g)?\d*)/.exec(name.toLowerCase())?.[1];
}

export interface FunctionRange {
  path: string;
  name: string;
  startLine: number;
  endLine: number;
}

export interface FindingAt {
  path: string;
  line: number;
  cwe: number[];
}

export interface JulietUnit {
  testCase: string;
  variant: string;
  positive: boolean;
  reported: boolean;
}

/**
 * Groups functions into (test case, variant) units and marks a unit reported when a finding of the
 * expected CWE's class lies inside one of its functions' line ranges. The bad variant is the positive;
 * every good variant is a negative.
 */
export function julietUnits(functions: FunctionRange[], findings: FindingAt[], expectedCwe: number): JulietUnit[] {
  const units = new Map<string, JulietUnit>();
  const byPath = new Map<string, FindingAt[]>();
  for (const finding of findings) {
    if (!sameClass(finding.cwe, [expectedCwe])) continue;
    byPath.set(finding.path, [...(byPath.get(finding.path) ?? []), finding]);
  }
  for (const fn of functions) {
    const where = julietTestCase(fn.path);
    if (!where) continue;
    const variant = julietVariant(fn.name, where.fileVariant);
    if (!variant) continue;
    const key = `${where.testCase}#${variant}`;
    const unit = units.get(key) ?? { testCase: where.testCase, variant, positive: variant === 'bad', reported: false };
    if ((byPath.get(fn.path) ?? []).some((f) => f.line >= fn.startLine && f.line <= fn.endLine)) unit.reported = true;
    units.set(key, unit);
  }
  return [...units.values()].sort((a, b) => `${a.testCase}#${a.variant}`.localeCompare(`${b.testCase}#${b.variant}`));
}

/** Groups Juliet files by test case, in name order (the order a seeded shuffle starts from). */
export function julietTestCases(files: string[]): Map<string, string[]> {
  const cases = new Map<string, string[]>();
  for (const file of [...files].sort()) {
    const where = julietTestCase(file);
    if (!where) continue;
    cases.set(where.testCase, [...(cases.get(where.testCase) ?? []), file]);
  }
  return cases;
}

/** Takes whole test cases in the given order while the running file count stays within `maxFiles`. */
export function takeWithin(cases: [string, string[]][], maxFiles: number): [string, string[]][] {
  const taken: [string, string[]][] = [];
  let files = 0;
  for (const entry of cases) {
    if (files + entry[1].length > maxFiles) break;
    taken.push(entry);
    files += entry[1].length;
  }
  return taken;
}

// ---- gosec test samples ----

export interface GosecSample {
  /** Go source files of the sample. */
  files: string[];
  /** Issues gosec's own test expects its rule to report on the sample. */
  expected: number;
}

/**
 * Reads gosec's testutils/gNNN_samples.go: `{[]string{`src`, `src`}, 1, gosec.NewConfig()}` or the keyed
 * `{Code: []string{`src`}, Errors: 1, …}`. Go raw strings cannot hold a backtick, so the sources are the
 * backtick-delimited runs of the list.
 */
export function parseGosecSamples(text: string): GosecSample[] {
  const samples: GosecSample[] = [];
  const pattern = /\[\]string\{((?:\s*`[^`]*`\s*,?)+)\s*\}\s*,\s*(?:Errors:\s*)?(\d+)/g;
  for (const match of text.matchAll(pattern)) {
    const files = [...match[1]!.matchAll(/`([^`]*)`/g)].map((m) => m[1]!);
    samples.push({ files, expected: Number(match[2]) });
  }
  return samples;
}

/** Reads gosec's issue/issue.go rule → CWE table (`"G201": "89",`). */
export function parseGosecRuleCwes(text: string): Map<string, number> {
  const table = /ruleToCWE\s*=\s*map\[string\]string\{([^}]*)\}/.exec(text)?.[1] ?? '';
  return new Map([...table.matchAll(/"(G\d+)":\s*"(\d+)"/g)].map((m) => [m[1]!, Number(m[2])] as const));
}

// ---- PHP pages built from several files ----

const PHP_REQUIRE = /^([ \t]*)(?:require|require_once|include|include_once)\b\s*\(?\s*(.+?)\s*\)?\s*;[ \t]*$/gm;

/** The PHP code of a file, without its opening `<?php` and closing `?>` tags. */
function phpBody(text: string): string {
  return text.replace(/^\s*<\?php\b/, '').replace(/\?>\s*$/, '');
}

/**
 * The program PHP runs for a page: each `require`/`include` statement whose path expression `resolve` turns
 * into a file's text is replaced by that file's code, recursively (a file is inlined once). A page that
 * includes its level's code (`require_once "…/source/{$level}"`) and then uses what the level defined (DVWA's
 * `include($file)` after `$file = $_GET['page']`) reads as one file, as it runs. Statements `resolve` does
 * not know are left as they are.
 */
export function inlinePhpRequires(text: string, resolve: (pathExpression: string) => string | undefined, seen = new Set<string>()): string {
  return text.replace(PHP_REQUIRE, (statement, indent: string, pathExpression: string) => {
    if (seen.has(pathExpression)) return statement;
    const target = resolve(pathExpression);
    if (target === undefined) return statement;
    const inner = inlinePhpRequires(phpBody(target), resolve, new Set([...seen, pathExpression]));
    return `${indent}// inlined: ${pathExpression}\n${inner}`;
  });
}
