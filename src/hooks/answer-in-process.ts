import type { AgentRepository } from '../iterations/agent-turn.js';
import { handleHook } from './handle-hook.js';
import type { HookAnswer } from './hook-answer.js';
import { hookEnvironment } from './hook-answer.js';
import { openAgentRepository } from './open-agent-repository.js';

/** Answers one hook call in this process (no warm server): opens the repository, answers, closes the ledger. */
export async function answerInProcess(agent: string, payload: string, env: Record<string, string | undefined>, failClosed: boolean): Promise<HookAnswer> {
  let opened: AgentRepository | undefined;
  try {
    return await handleHook(
      agent,
      payload,
      {
        env: hookEnvironment(env),
        repository: async (cwd) => (opened ??= await openAgentRepository(cwd)),
      },
      { failClosed },
    );
  } finally {
    opened?.ledger.close();
  }
}
