import { openProject } from '../iterations/project.js';
import type { AgentRepository } from '../iterations/agent-turn.js';
import { snapshotBuilderFor } from '../iterations/check-repository.js';
import { AgentSessions } from '../workspace/agent-sessions.js';

/** Opens the repository around `cwd` for agent hooks: config, rules, ledger, and a builder primed with the last snapshot. */
export async function openAgentRepository(cwd: string): Promise<AgentRepository> {
  const project = await openProject(cwd);
  const ledger = await project.openLedger();
  const repository = { top: project.top, config: project.config, rules: project.rules, ledger };
  return { ...repository, builder: snapshotBuilderFor(repository), sessions: new AgentSessions(project.top) };
}
