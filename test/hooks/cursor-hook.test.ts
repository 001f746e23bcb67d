import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { agentHookSuite, agentRepo, callHook, editTurn, UNSAFE_DB, SAFE_DB, type AgentDialect } from './agent-hook-suite.js';

const base = (top: string, event: string) => ({
  conversation_id: 'conv-1',
  generation_id: 'gen-1',
  model: 'gpt-5',
  hook_event_name: event,
  cursor_version: '1.7.2',
  workspace_roots: [top],
  user_email: 'dev@example.com',
  transcript_path: null,
});

export const cursor: AgentDialect = {
  agent: 'cursor',
  session: 'conv-1',
  model: 'gpt-5',
  beforeEdit: (top, path, content) => ({ ...base(top, 'preToolUse'), tool_name: 'Write', tool_input: { file_path: join(top, path), contents: content }, tool_use_id: 't1', cwd: top }),
  afterEdit: (top, path, content) => ({ ...base(top, 'postToolUse'), tool_name: 'Write', tool_input: { file_path: join(top, path), contents: content }, tool_output: '{"success":true}', cwd: top }),
  beforeShell: (top, command) => ({ ...base(top, 'beforeShellExecution'), command, cwd: top, sandbox: false }),
  stop: (top, retry) => ({ ...base(top, 'stop'), status: 'completed', loop_count: retry ? 1 : 0 }),
  editFeedback: (answer) => answer.additional_context,
  denial: (answer) => {
    if (answer.permission === undefined) return undefined;
    // Newer Cursor reads permission, older decision: both must deny.
    assert.equal(answer.permission, 'deny');
    assert.equal(answer.decision, 'deny');
    assert.equal(answer.agent_message, answer.reason);
    return answer.agent_message;
  },
  sentBack: (answer) => answer.followup_message,
  toldUser: (answer, stderr) => (Object.keys(answer).length === 0 ? stderr : undefined),
};

agentHookSuite(cursor);

test('cursor: afterFileEdit notes the edit and answers no fields; the stop then sends the agent back', () => {
  const top = agentRepo();
  writeFileSync(join(top, 'app/db.py'), UNSAFE_DB);
  const edited = callHook('cursor', top, { ...base(top, 'afterFileEdit'), file_path: join(top, 'app/db.py'), edits: [{ old_string: SAFE_DB, new_string: UNSAFE_DB }] });
  assert.deepEqual(edited.answer, {});
  const stop = callHook('cursor', top, cursor.stop(top, false));
  assert.match(stop.answer.followup_message, /CWE-89/);
});

test('cursor: Write arguments spelled path/content or target_file are read too', () => {
  const top = agentRepo();
  const viaPath = callHook('cursor', top, { ...base(top, 'preToolUse'), tool_name: 'Write', tool_input: { path: '.loopwarden.yml', content: 'x' }, cwd: top });
  assert.match(viaPath.answer.permission === 'deny' ? viaPath.answer.reason : '', /loopwarden's policy/);
  const viaTarget = callHook('cursor', top, { ...base(top, 'preToolUse'), tool_name: 'Write', tool_input: { target_file: '.cursor/hooks.json', content: '{}' }, cwd: '' });
  assert.match(viaTarget.answer.reason ?? '', /Cursor's hook settings/);
  // A tool that only reads is not an edit, even of a protected path.
  assert.deepEqual(callHook('cursor', top, { ...base(top, 'preToolUse'), tool_name: 'Read', tool_input: { target_file: '.loopwarden.yml' }, cwd: top }).answer, {});
});

test('cursor: Shell through preToolUse is judged as a shell command', () => {
  const top = agentRepo();
  const answer = callHook('cursor', top, { ...base(top, 'preToolUse'), tool_name: 'Shell', tool_input: { command: 'node node_modules/loopwarden/dist/src/cli/main.js review' }, cwd: top }).answer;
  assert.equal(answer.permission, 'deny');
});

test('cursor: its payloads reaching the Claude Code hook are answered as Cursor, or not at all when .cursor/hooks.json runs loopwarden', () => {
  const top = agentRepo();
  // Third-party hooks: cwd is empty and the project is in workspace_roots.
  const denied = callHook('claude-code', top, { ...base(top, 'beforeShellExecution'), command: 'npx loopwarden review', cwd: '' });
  assert.equal(denied.answer.permission, 'deny');
  editTurn(cursor, top, 'app/db.py', UNSAFE_DB, SAFE_DB);
  mkdirSync(join(top, '.cursor'));
  writeFileSync(join(top, '.cursor/hooks.json'), JSON.stringify({ version: 1, hooks: { stop: [{ command: 'npx loopwarden hook cursor' }] } }));
  const throughClaude = callHook('claude-code', top, { ...base(top, 'stop'), status: 'completed', loop_count: 0 });
  assert.deepEqual(throughClaude.answer, {});
  // Nothing was recorded through the Claude Code path: Cursor's own hook closes the turn as iteration #1.
  const own = callHook('cursor', top, cursor.stop(top, false));
  assert.match(own.answer.followup_message, /iteration #1 is block/);
});

test('cursor: a stop after the user aborted does not send the agent back', () => {
  const top = agentRepo();
  editTurn(cursor, top, 'app/db.py', UNSAFE_DB, SAFE_DB);
  const stop = callHook('cursor', top, { ...base(top, 'stop'), status: 'aborted', loop_count: 0 });
  assert.deepEqual(stop.answer, {});
  assert.match(stop.stderr, /iteration #1 is block/);
});

test('cursor: Claude Code run from Cursor\'s terminal (CURSOR_* in the environment) is still answered as Claude Code', () => {
  const top = agentRepo();
  mkdirSync(join(top, '.cursor'));
  writeFileSync(join(top, '.cursor/hooks.json'), JSON.stringify({ version: 1, hooks: { stop: [{ command: 'npx loopwarden hook cursor' }] } }));
  const payload = { session_id: 's1', cwd: top, hook_event_name: 'PreToolUse', tool_name: 'Write', tool_input: { file_path: join(top, '.loopwarden.yml'), content: 'x' } };
  const answer = callHook('claude-code', top, payload, { CURSOR_TRACE_ID: 'abc', CLAUDECODE: '1' }).answer;
  assert.equal(answer.hookSpecificOutput?.permissionDecision, 'deny');
});
