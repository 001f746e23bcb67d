import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import { LEDGER_PATH, openProject } from '../iterations/project.js';
import type { AgentRepository } from '../iterations/agent-turn.js';
import { snapshotBuilderFor } from '../iterations/check-repository.js';
import { AgentSessions } from '../workspace/agent-sessions.js';

/**
 * Opens the repository around `cwd` for agent hooks: config, rules, ledger, and a builder primed with the
 * last snapshot. A hook never starts a ledger: a new one starts a new chain, so an agent that removed the
 * old one would begin again with a clean slate. A person starts it (`loopwarden init`).
 */
export async function openAgentRepository(cwd: string): Promise<AgentRepository> {
  const project = await openProject(cwd);
  if (!existsSync(join(project.top, LEDGER_PATH))) {
    throw new UserError(`${project.top}: no loopwarden ledger yet; a person starts one with \`loopwarden init\` (agent hooks do not start a ledger, which would start a new chain)`);
  }
  const ledger = await project.openLedger();
  const repository = { top: project.top, config: project.config, rules: project.rules, ledger, runScanners: true };
  return { ...repository, builder: await snapshotBuilderFor(repository), sessions: new AgentSessions(project.top) };
}
