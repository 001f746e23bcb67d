import { toolsThatSaw, type Finding, type SuppressedFinding } from '../findings/finding.js';
import { diffFindings, type ChangedFinding } from './finding-diff.js';
import { diffFunctions, type FunctionChange, type LocatedFunction } from './function-diff.js';
import type { FileState, Snapshot } from './snapshot.js';

/** Complexity summed over every function of a snapshot. */
export interface ComplexityTotals {
  cyclomatic: number;
  cognitive: number;
  functions: number;
}

/** Everything that changed between two snapshots: the answer to "what got less secure, what got more complex". */
export interface IterationDiff {
  files: { added: string[]; removed: string[]; modified: string[] };
  introduced: Finding[];
  fixed: Finding[];
  /** Findings in changed files that are still there (findings in untouched files are not listed). */
  persisting: Finding[];
  /** Persisting (changed): findings whose code was edited without removing the weakness. */
  changed: ChangedFinding[];
  /** Findings newly silenced by a suppression comment in a changed file. */
  suppressedAdded: SuppressedFinding[];
  risk: { before: number; after: number; delta: number };
  functions: FunctionChange[];
  complexity: { before: ComplexityTotals; after: ComplexityTotals; cyclomaticChangePercent: number };
  /**
   * Changed files where other tools failed this time: those tools' findings there are left out on both sides
   * (neither fixed nor introduced), since nothing is known of them now.
   */
  notRechecked: { path: string; tools: string[] }[];
}

function totals(files: readonly FileState[]): ComplexityTotals {
  let cyclomatic = 0;
  let cognitive = 0;
  let functions = 0;
  for (const { summary } of files) {
    cyclomatic += summary.cyclomatic;
    cognitive += summary.cognitive;
    functions += summary.functions;
  }
  return { cyclomatic, cognitive, functions };
}

function totalRisk(files: readonly FileState[]): number {
  return Math.round(files.reduce((sum, file) => sum + file.summary.risk, 0) * 100) / 100;
}

const located = (files: readonly FileState[]): LocatedFunction[] => files.flatMap((file) => file.functions.map((f) => ({ ...f, path: file.path })));

/**
 * Compares two snapshots. Files with equal content hashes are skipped (their findings persist by
 * definition); risk and complexity totals cover every file of each snapshot.
 */
export function diffSnapshots(before: Snapshot, after: Snapshot, options: { toolsNow?: ReadonlySet<string> } = {}): IterationDiff {
  const beforeByPath = new Map(before.files.map((f) => [f.path, f]));
  const afterByPath = new Map(after.files.map((f) => [f.path, f]));
  const added = after.files.filter((f) => !beforeByPath.has(f.path)).map((f) => f.path);
  const removed = before.files.filter((f) => !afterByPath.has(f.path)).map((f) => f.path);
  const modified = after.files.filter((f) => beforeByPath.has(f.path) && beforeByPath.get(f.path)!.hash !== f.hash).map((f) => f.path);
  const changed = new Set([...added, ...removed, ...modified]);
  const changedBefore = before.files.filter((f) => changed.has(f.path));
  const changedAfter = after.files.filter((f) => changed.has(f.path));
  const gaps = new Map(changedAfter.filter((f) => f.missedBy?.length).map((f) => [f.path, new Set(f.missedBy)]));
  // Tools that did not run at all now (a SARIF file imported last time and not this time) said nothing either.
  const { toolsNow } = options;
  if (toolsNow) {
    for (const finding of changedBefore.flatMap((f) => f.findings)) {
      for (const tool of toolsThatSaw(finding)) {
        if (tool === 'loopwarden' || toolsNow.has(tool)) continue;
        const failed = gaps.get(finding.path) ?? new Set<string>();
        failed.add(tool);
        gaps.set(finding.path, failed);
      }
    }
  }
  // A finding only failed tools saw is unknown now: without it on both sides a failing scanner fixes nothing.
  const known = (finding: Finding) => {
    const failed = gaps.get(finding.path);
    return !failed || !toolsThatSaw(finding).every((tool) => failed.has(tool));
  };
  const findings = diffFindings(changedBefore.flatMap((f) => f.findings).filter(known), changedAfter.flatMap((f) => f.findings).filter(known));
  const suppressedBefore = new Set(changedBefore.flatMap((f) => f.suppressed.map((s) => s.fingerprint)));
  const suppressedAdded = changedAfter.flatMap((f) => f.suppressed).filter((s) => !suppressedBefore.has(s.fingerprint));
  const riskBefore = totalRisk(before.files);
  const riskAfter = totalRisk(after.files);
  const totalsBefore = totals(before.files);
  const totalsAfter = totals(after.files);
  const change = totalsBefore.cyclomatic === 0 ? (totalsAfter.cyclomatic > 0 ? 100 : 0) : ((totalsAfter.cyclomatic - totalsBefore.cyclomatic) / totalsBefore.cyclomatic) * 100;
  return {
    files: { added: added.sort(), removed: removed.sort(), modified: modified.sort() },
    ...findings,
    suppressedAdded,
    risk: { before: riskBefore, after: riskAfter, delta: Math.round((riskAfter - riskBefore) * 100) / 100 },
    functions: diffFunctions(located(changedBefore), located(changedAfter)),
    complexity: { before: totalsBefore, after: totalsAfter, cyclomaticChangePercent: Math.round(change * 10) / 10 },
    notRechecked: [...gaps].map(([path, tools]) => ({ path, tools: [...tools].sort() })).sort((a, b) => a.path.localeCompare(b.path)),
  };
}
