import type { FunctionMetrics } from '../engine/complexity.js';
import { signatureSimilarity } from '../engine/body-signature.js';

/** A function located in a file. */
export type LocatedFunction = FunctionMetrics & { path: string };

/** The metrics a delta is reported for. */
export interface MetricDelta {
  cyclomatic: number;
  cognitive: number;
  maxNesting: number;
  lines: number;
  parameters: number;
}

/** How one function changed between two versions. */
export interface FunctionChange {
  status: 'added' | 'removed' | 'modified' | 'renamed' | 'moved';
  path: string;
  name: string;
  /** For renamed or moved functions: where and what it was called before. */
  previous?: { path: string; name: string };
  before?: MetricDelta;
  after?: MetricDelta;
  delta: MetricDelta;
}

/** Bodies at least this similar (MinHash estimate of trigram Jaccard) are the same function renamed. */
export const RENAME_SIMILARITY = 0.5;

const METRICS = ['cyclomatic', 'cognitive', 'maxNesting', 'lines', 'parameters'] as const;

function metricsOf(f: LocatedFunction | undefined): MetricDelta | undefined {
  return f ? { cyclomatic: f.cyclomatic, cognitive: f.cognitive, maxNesting: f.maxNesting, lines: f.lines, parameters: f.parameters } : undefined;
}

function deltaOf(before: LocatedFunction | undefined, after: LocatedFunction | undefined): MetricDelta {
  const b = metricsOf(before);
  const a = metricsOf(after);
  return Object.fromEntries(METRICS.map((m) => [m, (a?.[m] ?? 0) - (b?.[m] ?? 0)])) as unknown as MetricDelta;
}

function sameBody(a: LocatedFunction, b: LocatedFunction): boolean {
  return signatureSimilarity(a.bodySignature, b.bodySignature) === 1 && METRICS.every((m) => a[m] === b[m]);
}

/**
 * Matches functions across versions — by path and name, then by name in another file (moved), then by
 * body similarity (renamed) — and returns every function that was added, removed or changed.
 */
export function diffFunctions(before: readonly LocatedFunction[], after: readonly LocatedFunction[]): FunctionChange[] {
  const changes: FunctionChange[] = [];
  const unmatchedBefore = new Set(before);
  const unmatchedAfter: LocatedFunction[] = [];
  const byKey = new Map(before.map((f) => [`${f.path}\u0000${f.name}`, f]));
  for (const f of after) {
    const match = byKey.get(`${f.path}\u0000${f.name}`);
    if (match && unmatchedBefore.has(match)) {
      unmatchedBefore.delete(match);
      if (!sameBody(match, f)) changes.push({ status: 'modified', path: f.path, name: f.name, before: metricsOf(match), after: metricsOf(f), delta: deltaOf(match, f) });
    } else unmatchedAfter.push(f);
  }
  const stillUnmatched: LocatedFunction[] = [];
  for (const f of unmatchedAfter) {
    const sameName = [...unmatchedBefore].filter((b) => b.name === f.name);
    if (sameName.length === 1) {
      const match = sameName[0]!;
      unmatchedBefore.delete(match);
      changes.push({ status: 'moved', path: f.path, name: f.name, previous: { path: match.path, name: match.name }, before: metricsOf(match), after: metricsOf(f), delta: deltaOf(match, f) });
    } else stillUnmatched.push(f);
  }
  // Renames: pair the most similar bodies first.
  const pairs: { before: LocatedFunction; after: LocatedFunction; similarity: number }[] = [];
  for (const a of stillUnmatched) {
    for (const b of unmatchedBefore) {
      const similarity = signatureSimilarity(a.bodySignature, b.bodySignature);
      if (similarity >= RENAME_SIMILARITY) pairs.push({ before: b, after: a, similarity });
    }
  }
  pairs.sort((x, y) => y.similarity - x.similarity);
  const renamedAfter = new Set<LocatedFunction>();
  for (const pair of pairs) {
    if (!unmatchedBefore.has(pair.before) || renamedAfter.has(pair.after)) continue;
    unmatchedBefore.delete(pair.before);
    renamedAfter.add(pair.after);
    changes.push({ status: 'renamed', path: pair.after.path, name: pair.after.name, previous: { path: pair.before.path, name: pair.before.name }, before: metricsOf(pair.before), after: metricsOf(pair.after), delta: deltaOf(pair.before, pair.after) });
  }
  for (const f of stillUnmatched) {
    if (!renamedAfter.has(f)) changes.push({ status: 'added', path: f.path, name: f.name, after: metricsOf(f), delta: deltaOf(undefined, f) });
  }
  for (const f of unmatchedBefore) changes.push({ status: 'removed', path: f.path, name: f.name, before: metricsOf(f), delta: deltaOf(f, undefined) });
  return changes.sort((a, b) => a.path.localeCompare(b.path) || a.name.localeCompare(b.name));
}
