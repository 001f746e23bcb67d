import type { AgentRepository } from '../iterations/agent-turn.js';

/** What a hook process prints and exits with. */
export interface HookAnswer {
  stdout: string;
  stderr?: string;
  exitCode: number;
}

/** What a hook adapter needs besides the payload: the agent's environment and the repository it works in. */
export interface HookContext {
  /** The environment the agent gave the hook process (only agent and LOOPWARDEN_* variables matter). */
  env: Record<string, string | undefined>;
  /** Opens (or returns the already open) repository around `cwd`; UserError outside a git work tree. */
  repository(cwd: string): Promise<AgentRepository>;
}

/** A coding agent's hook protocol: turns its payload into core calls and the core's answers into its JSON. */
export interface AgentHook {
  /** The agent as `loopwarden hook <name>` and provenance's `tool` name it. */
  name: string;
  answer(payload: unknown, context: HookContext): Promise<HookAnswer>;
}

/** A JSON answer with exit code 0: the only form every agent version reads. */
export function jsonAnswer(value: object): HookAnswer {
  return { stdout: `${JSON.stringify(value)}\n`, exitCode: 0 };
}

export { hookEnvironment } from '../serve/protocol.js';
