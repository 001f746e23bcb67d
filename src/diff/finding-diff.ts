import { compareFindings, type Finding } from '../findings/finding.js';

/** Findings sorted into what a change introduced, fixed, and left in place. */
export interface FindingDiff {
  introduced: Finding[];
  fixed: Finding[];
  persisting: Finding[];
}

/**
 * Matches findings across two versions by fingerprint, as multisets: a fingerprint seen twice before and
 * once after is one persisting and one fixed. Fingerprints ignore paths and lines, so moved and
 * reformatted code persists; when one fingerprint occurs in several files, same-path pairs match first.
 */
export function diffFindings(before: readonly Finding[], after: readonly Finding[]): FindingDiff {
  const remainingBefore = groupByFingerprint(before);
  const result: FindingDiff = { introduced: [], fixed: [], persisting: [] };
  const unmatchedAfter: Finding[] = [];
  // First pass: same fingerprint, same path; second pass: same fingerprint anywhere.
  for (const finding of after) {
    const candidates = remainingBefore.get(finding.fingerprint);
    const index = candidates?.findIndex((c) => c.path === finding.path) ?? -1;
    if (candidates && index >= 0) {
      candidates.splice(index, 1);
      result.persisting.push(finding);
    } else unmatchedAfter.push(finding);
  }
  for (const finding of unmatchedAfter) {
    const candidates = remainingBefore.get(finding.fingerprint);
    if (candidates && candidates.length > 0) {
      candidates.shift();
      result.persisting.push(finding);
    } else result.introduced.push(finding);
  }
  for (const candidates of remainingBefore.values()) result.fixed.push(...candidates);
  result.introduced.sort(compareFindings);
  result.fixed.sort(compareFindings);
  result.persisting.sort(compareFindings);
  return result;
}

function groupByFingerprint(findings: readonly Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) groups.set(finding.fingerprint, [...(groups.get(finding.fingerprint) ?? []), finding]);
  return groups;
}
