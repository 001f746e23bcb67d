import { toolsThatSaw } from '../findings/finding.js';
import type { IterationDiff } from '../diff/iteration-diff.js';
import type { GateActor } from './chain.js';
import type { OpenFinding, OpenSuppression } from './verdict.js';

/**
 * Lists the findings introduced since the baseline that are still there, each with the iteration that
 * introduced it: new in this iteration, or carried from the previous iteration's list (through an edit
 * that left the weakness in place, too).
 */
export function openFindings(
  sinceBaseline: IterationDiff,
  diff: IterationDiff,
  previousOpen: readonly OpenFinding[],
  seq: number,
  previousSeq: number,
  /** Other tools that looked at the code in this check; absent: every tool that ever did. */
  toolsNow?: ReadonlySet<string>,
): OpenFinding[] {
  const sinceByFingerprint = new Map(previousOpen.map((f) => [f.fingerprint, f.since]));
  const newNow = new Set(diff.introduced.map(findingKey));
  const carriedFrom = new Map(diff.changed.map((pair) => [findingKey(pair.after), pair.before.fingerprint]));
  const open: OpenFinding[] = sinceBaseline.introduced.map((finding) => {
    const key = findingKey(finding);
    const since = newNow.has(key) ? seq : (sinceByFingerprint.get(carriedFrom.get(key) ?? finding.fingerprint) ?? previousSeq);
    return { ...finding, since };
  });
  // A finding only a tool that failed now (or did not run) could confirm stays open: a scanner that crashes,
  // or a SARIF file left out of this check, fixes nothing.
  const gaps = new Map(sinceBaseline.notRechecked.map((gap) => [gap.path, new Set(gap.tools)]));
  const listed = new Set(open.map((finding) => finding.fingerprint));
  for (const finding of previousOpen) {
    if (listed.has(finding.fingerprint)) continue;
    const failed = gaps.get(finding.path);
    const unseen = (tool: string) => failed?.has(tool) === true || (toolsNow !== undefined && tool !== 'loopwarden' && !toolsNow.has(tool));
    if (toolsThatSaw(finding).every(unseen)) open.push(finding);
  }
  return open;
}

/**
 * Suppressions written since the baseline in AI iterations (a person's own suppressions need no one else).
 * `previousTrusted`: whether the previous record's list can be taken on its word; when others may have
 * written it (a team server's tokens), every suppression added since the baseline counts unless a person
 * adds it in this very iteration.
 */
export function openSuppressions(
  sinceBaseline: IterationDiff,
  diff: IterationDiff,
  previous: readonly OpenSuppression[],
  actor: GateActor | null,
  seq: number,
  previousTrusted = true,
): OpenSuppression[] {
  const sinceByFingerprint = new Map(previous.map((s) => [s.fingerprint, s.since]));
  const newNow = new Set(diff.suppressedAdded.map(findingKey));
  return sinceBaseline.suppressedAdded.flatMap((suppressed) => {
    const known = sinceByFingerprint.get(suppressed.fingerprint);
    if (known !== undefined) return [{ ...suppressed, since: known }];
    if (newNow.has(findingKey(suppressed))) return actor === 'ai' || actor === 'unattested' ? [{ ...suppressed, since: seq }] : [];
    // Not new now and not on the list: a person added it earlier, if the list is to be believed.
    return previousTrusted ? [] : [{ ...suppressed, since: seq }];
  });
}

function findingKey(finding: { fingerprint: string; path: string; startLine: number }): string {
  return `${finding.fingerprint}\u0000${finding.path}\u0000${finding.startLine}`;
}
