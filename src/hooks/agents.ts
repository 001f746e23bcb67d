import { claudeCodeHook } from './claude-code.js';
import type { AgentHook } from './hook-answer.js';

/** Every agent `loopwarden hook <agent>` speaks to; add one here with its adapter file beside this one. */
export const AGENT_HOOKS: Record<string, AgentHook> = {
  [claudeCodeHook.name]: claudeCodeHook,
};
