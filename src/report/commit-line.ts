import type { ReplayedCommit } from '../iterations/commit-chain.js';
import type { Provenance } from '../ledger/record.js';
import { verdictLabel } from './check-text.js';

/** Names who made a commit the short way: `ai/claude-code`, `human`. */
export function actorAndTool(provenance: Provenance): string {
  return provenance.tool ? `${provenance.actor}/${provenance.tool}` : provenance.actor;
}

/** Renders one replayed commit as a line: sha, actor/tool, verdict, what it introduced, subject. */
export function renderCommitLine(entry: ReplayedCommit): string {
  const sha = entry.commit.slice(0, 12);
  const who = actorAndTool(entry.provenance).padEnd(16);
  if (!entry.result) return `${sha}  ${who}  skipped: ${entry.skipped === 'older' ? 'older than the state last recorded' : 'already recorded'}  ${entry.subject}`;
  const { result } = entry;
  const introduced = result.recorded ? result.diff.introduced : [];
  const cwes = [...new Set(introduced.flatMap((f) => f.cwe))];
  const what = `introduced ${introduced.length}${cwes.length ? ` (${cwes.join(', ')})` : ''}`;
  const where = result.recorded ? `#${result.record.seq}` : `unchanged since #${result.record.seq}`;
  return `${sha}  ${who}  ${verdictLabel(result.verdict.level).padEnd(15)}  ${what}  ${where}  ${entry.subject}`;
}

/** Counts a replay: commits recorded, unchanged (nothing recorded) and skipped. */
export function replayCounts(entries: readonly ReplayedCommit[]): { recorded: number; unchanged: number; skipped: number; ai: number } {
  return {
    recorded: entries.filter((e) => e.result?.recorded).length,
    unchanged: entries.filter((e) => e.result && !e.result.recorded).length,
    skipped: entries.filter((e) => !e.result).length,
    ai: entries.filter((e) => e.provenance.actor === 'ai').length,
  };
}
