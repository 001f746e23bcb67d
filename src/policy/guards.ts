/**
 * Digests of everything besides the code that decides a verdict: the effective policy, the scan settings,
 * the rule set, the config file and the files under `.loopwarden/` that people put there. An agent must
 * not loosen its own policy, so an AI iteration whose guards differ from the accepted baseline's needs a
 * person. Each entry says in words what it covers, so the reason can name it.
 */
export type GuardState = Record<string, { digest: string; what: string }>;

/** Names what changed between the accepted baseline's guards and the current ones (nothing when either is unknown). */
export function guardChanges(accepted: GuardState | undefined, current: GuardState | undefined): string[] {
  if (!accepted || !current) return [];
  const changes: string[] = [];
  for (const key of [...new Set([...Object.keys(accepted), ...Object.keys(current)])].sort()) {
    const before = accepted[key];
    const after = current[key];
    if (before?.digest === after?.digest) continue;
    changes.push((after ?? before)!.what);
  }
  return changes;
}
