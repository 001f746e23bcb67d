import { compareFindings, type Finding } from '../findings/finding.js';

/** A finding whose code an edit changed without removing the weakness. */
export interface ChangedFinding {
  before: Finding;
  after: Finding;
}

/** Findings sorted into what a change introduced, fixed, and left in place. */
export interface FindingDiff {
  introduced: Finding[];
  fixed: Finding[];
  /** Findings whose code is unchanged (same fingerprint), perhaps moved or reformatted. */
  persisting: Finding[];
  /** Persisting (changed): same rule, same enclosing function, same file, but its code was edited. */
  changed: ChangedFinding[];
}

/**
 * Matches findings across two versions. First by fingerprint, as multisets (a fingerprint seen twice
 * before and once after is one persisting and one fixed); fingerprints ignore paths and lines, so moved
 * and reformatted code persists, and same-path pairs match first. Then what is left is paired by rule,
 * enclosing function and file, in order of position: an edited query that is still injectable is one
 * finding that persists (changed), not one fixed plus one introduced.
 */
export function diffFindings(before: readonly Finding[], after: readonly Finding[]): FindingDiff {
  const remainingBefore = groupBy(before, (f) => f.fingerprint);
  const result: FindingDiff = { introduced: [], fixed: [], persisting: [], changed: [] };
  const unmatchedAfter: Finding[] = [];
  for (const finding of after) {
    const candidates = remainingBefore.get(finding.fingerprint);
    const index = candidates?.findIndex((c) => c.path === finding.path) ?? -1;
    if (candidates && index >= 0) {
      candidates.splice(index, 1);
      result.persisting.push(finding);
    } else unmatchedAfter.push(finding);
  }
  const stillUnmatched: Finding[] = [];
  for (const finding of unmatchedAfter) {
    const candidates = remainingBefore.get(finding.fingerprint);
    if (candidates && candidates.length > 0) {
      candidates.shift();
      result.persisting.push(finding);
    } else stillUnmatched.push(finding);
  }
  // One weakness several tools saw is one finding under the first tool's identity; when that tool drops out
  // (or joins), the same weakness is still known by the fingerprint another tool gave it.
  const leftBeforeAll = [...remainingBefore.values()].flat().sort(compareFindings);
  const takenBefore = new Set<Finding>();
  const byOthers: Finding[] = [];
  for (const finding of stillUnmatched.sort(compareFindings)) {
    const prints = fingerprintsOf(finding);
    const previous = leftBeforeAll.find((candidate) => !takenBefore.has(candidate) && candidate.path === finding.path && fingerprintsOf(candidate).some((print) => prints.includes(print)));
    if (previous) {
      takenBefore.add(previous);
      result.changed.push({ before: previous, after: finding });
    } else byOthers.push(finding);
  }
  const leftBefore = leftBeforeAll.filter((candidate) => !takenBefore.has(candidate));
  const byPlace = groupBy(leftBefore, placeKey);
  for (const finding of byOthers) {
    const candidates = byPlace.get(placeKey(finding));
    const previous = candidates?.shift();
    if (previous) result.changed.push({ before: previous, after: finding });
    else result.introduced.push(finding);
  }
  for (const candidates of byPlace.values()) result.fixed.push(...candidates);
  result.introduced.sort(compareFindings);
  result.fixed.sort(compareFindings);
  result.persisting.sort(compareFindings);
  result.changed.sort((a, b) => compareFindings(a.after, b.after));
  return result;
}

function fingerprintsOf(finding: Finding): string[] {
  return finding.seenBy ? finding.seenBy.map((entry) => entry.fingerprint) : [finding.fingerprint];
}

function placeKey(finding: Finding): string {
  return `${finding.ruleId}\u0000${finding.path}\u0000${finding.function ?? '<file>'}`;
}

function groupBy(findings: readonly Finding[], key: (finding: Finding) => string): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const k = key(finding);
    const group = groups.get(k);
    if (group) group.push(finding);
    else groups.set(k, [finding]);
  }
  return groups;
}
