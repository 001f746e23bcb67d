import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { agentHookSuite, agentRepo, callHook, type AgentDialect } from './agent-hook-suite.js';

const base = (top: string, event: string) => ({ session_id: 'codex-session-1', transcript_path: null, cwd: top, hook_event_name: event, model: 'gpt-5-codex', turn_id: 'turn-1' });

/** A patch that replaces every line of `before` (or adds the file) with `after`. */
function patchOf(path: string, before: string | undefined, after: string): string {
  const lines = (text: string, sign: string) => text.split('\n').slice(0, -1).map((line) => `${sign}${line}`);
  const body = before === undefined ? [`*** Add File: ${path}`, ...lines(after, '+')] : [`*** Update File: ${path}`, '@@', ...lines(before, '-'), ...lines(after, '+')];
  return ['*** Begin Patch', ...body, '*** End Patch', ''].join('\n');
}

const current = (top: string, path: string) => (existsSync(join(top, path)) ? readFileSync(join(top, path), 'utf8') : undefined);

const codex: AgentDialect = {
  agent: 'codex',
  session: 'codex-session-1',
  model: 'gpt-5-codex',
  beforeEdit: (top, path, content) => ({ ...base(top, 'PreToolUse'), tool_name: 'apply_patch', tool_input: { command: patchOf(path, current(top, path), content) }, tool_use_id: 'call-1' }),
  afterEdit: (top, path, content, before) => ({ ...base(top, 'PostToolUse'), tool_name: 'apply_patch', tool_input: { command: patchOf(path, before, content) }, tool_response: 'Success. Updated the following files:' }),
  beforeShell: (top, command) => ({ ...base(top, 'PreToolUse'), tool_name: 'Bash', tool_input: { command } }),
  stop: (top, retry) => ({ ...base(top, 'Stop'), stop_hook_active: retry, last_assistant_message: 'Done.' }),
  editFeedback: (answer) => answer.hookSpecificOutput?.additionalContext,
  denial: (answer) => (answer.hookSpecificOutput?.permissionDecision === 'deny' ? answer.hookSpecificOutput.permissionDecisionReason : undefined),
  sentBack: (answer) => (answer.decision === 'block' ? answer.reason : undefined),
  toldUser: (answer) => answer.systemMessage,
};

agentHookSuite(codex);

test('codex: a patch that moves a file into a protected place, or adds one from a subfolder, is denied', () => {
  const top = agentRepo();
  const move = ['*** Begin Patch', '*** Update File: README.md', '*** Move to: .codex/hooks.json', '@@', '-# app', '+{}', '*** End Patch'].join('\n');
  const moved = callHook('codex', top, { ...base(top, 'PreToolUse'), tool_name: 'apply_patch', tool_input: { command: move } }).answer;
  assert.match(moved.hookSpecificOutput.permissionDecisionReason, /Codex's hook settings/);
  // Relative to cwd: from app/, ../.loopwarden.yml is the policy.
  const fromSub = callHook('codex', top, { ...base(join(top, 'app'), 'PreToolUse'), tool_name: 'apply_patch', tool_input: { command: '*** Begin Patch\n*** Add File: ../.loopwarden.yml\n+x\n*** End Patch\n' } }).answer;
  assert.match(fromSub.hookSpecificOutput.permissionDecisionReason, /loopwarden's policy/);
});
