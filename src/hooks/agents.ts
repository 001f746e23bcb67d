import { claudeCodeHook } from './claude-code.js';
import { codexHook } from './codex.js';
import { cursorHook } from './cursor.js';
import { geminiHook } from './gemini.js';
import type { AgentHook } from './hook-answer.js';
import { vscodeHook } from './vscode.js';

/** Every agent `loopwarden hook <agent>` speaks to; add one here with its adapter file beside this one. */
export const AGENT_HOOKS: Record<string, AgentHook> = Object.fromEntries([claudeCodeHook, cursorHook, geminiHook, codexHook, vscodeHook].map((hook) => [hook.name, hook]));
