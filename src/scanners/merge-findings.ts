import { SEVERITIES, toolOf, type Finding } from '../findings/finding.js';
import { sameWeakness } from './cwe-family.js';

/**
 * One weakness, one finding: findings of *different* tools in one file, in the same CWE family, on
 * overlapping lines, become the first one's finding (loopwarden's before other tools', in the order given),
 * with the worst severity, every CWE, and `seenBy` listing every tool. Two findings of one tool are never
 * merged: a tool that reports two things at one place (flawfinder's access() race and its open()) means two.
 */
export function mergeAcrossTools(findings: readonly Finding[]): Finding[] {
  const groups: Finding[][] = [];
  for (const finding of findings) {
    const group = groups.find((members) => {
      const first = members[0]!;
      return (
        first.path === finding.path &&
        !members.some((member) => toolOf(member) === toolOf(finding)) &&
        sameWeakness(first.cwe, finding.cwe) &&
        first.startLine <= finding.endLine &&
        finding.startLine <= first.endLine
      );
    });
    if (group) group.push(finding);
    else groups.push([finding]);
  }
  return groups.map((members) => (members.length === 1 ? members[0]! : merged(members)));
}

function merged(members: Finding[]): Finding {
  const [first] = members as [Finding, ...Finding[]];
  const worst = SEVERITIES.find((severity) => members.some((member) => member.severity === severity))!;
  return {
    ...first,
    severity: worst,
    securitySeverity: Math.max(...members.map((member) => member.securitySeverity)),
    cwe: [...new Set(members.flatMap((member) => member.cwe))].sort((a, b) => Number(a.slice(4)) - Number(b.slice(4))),
    seenBy: members.map((member) => ({ tool: toolOf(member), ruleId: member.ruleId, fingerprint: member.fingerprint })),
  };
}
