import { ZodError } from 'zod';
import { describeUserFacingError } from '../errors.js';
import { AGENT_HOOKS } from './agents.js';
import type { HookAnswer, HookContext } from './hook-answer.js';

/** How a hook behaves when it cannot judge: let the agent go on (default) or stop it. */
export interface HookFailureMode {
  failClosed: boolean;
}

/**
 * Answers one hook call of `agent` with payload text. A payload it cannot read, or a check that cannot
 * run, is one line on stderr and exit 0 (the agent goes on), or exit 2 when the user chose fail-closed:
 * a hook that crashes on every call gets turned off, and then nothing is checked at all.
 */
export async function handleHook(agent: string, payloadText: string, context: HookContext, mode: HookFailureMode): Promise<HookAnswer> {
  const hook = AGENT_HOOKS[agent];
  if (!hook) return failure(`unknown agent '${agent}' (one of ${Object.keys(AGENT_HOOKS).join(', ')})`, mode);
  let payload: unknown;
  try {
    payload = JSON.parse(payloadText);
  } catch {
    return failure(`${agent} hook payload is not JSON (${payloadText.length} bytes on stdin)`, mode);
  }
  try {
    return await hook.answer(payload, context);
  } catch (error) {
    if (error instanceof ZodError) {
      const issue = error.issues[0]!;
      return failure(`${agent} hook payload: ${issue.path.join('.') || '(top level)'}: ${issue.message}`, mode);
    }
    const message = describeUserFacingError(error);
    if (message) return failure(message, mode);
    return failure(`internal error: ${(error as Error)?.message ?? String(error)}`, mode);
  }
}

function failure(problem: string, mode: HookFailureMode): HookAnswer {
  const what = mode.failClosed ? 'stopping the agent (fail-closed)' : 'letting the agent go on (fail-open)';
  return { stdout: mode.failClosed ? '' : '{}\n', stderr: `loopwarden hook: ${problem}; ${what}\n`, exitCode: mode.failClosed ? 2 : 0 };
}
