import { openProject } from '../cli/project.js';
import type { AgentRepository } from '../iterations/agent-turn.js';
import { lastIteration } from '../iterations/check.js';
import { AgentSessions } from '../workspace/agent-sessions.js';
import { SnapshotBuilder } from '../workspace/snapshot-builder.js';

/** Opens the repository around `cwd` for agent hooks: config, rules, ledger, and a builder primed with the last snapshot. */
export async function openAgentRepository(cwd: string): Promise<AgentRepository> {
  const project = await openProject(cwd);
  const ledger = await project.openLedger();
  const builder = new SnapshotBuilder(project.top, ledger, project.rules, project.config.scan);
  const last = lastIteration(ledger.records());
  if (last) builder.load(last.payload.snapshotId);
  return { top: project.top, config: project.config, rules: project.rules, ledger, builder, sessions: new AgentSessions(project.top) };
}
