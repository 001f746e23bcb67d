import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { agentHookSuite, agentRepo, callHook, editTurn, SAFE_DB, UNSAFE_DB, type AgentDialect } from './agent-hook-suite.js';

const base = (top: string, event: string) => ({ timestamp: '2026-01-01T00:00:00.000Z', cwd: top, sessionId: 'vscode-session-1', hookEventName: event, transcript_path: join(top, 'none.json') });

const vscode: AgentDialect = {
  agent: 'vscode',
  session: 'vscode-session-1',
  beforeEdit: (top, path, content) => ({ ...base(top, 'PreToolUse'), tool_name: 'create_file', tool_input: { filePath: join(top, path), content }, tool_use_id: 'tool-1' }),
  afterEdit: (top, path, content) => ({ ...base(top, 'PostToolUse'), tool_name: 'create_file', tool_input: { filePath: join(top, path), content }, tool_use_id: 'tool-1', tool_response: 'ok' }),
  beforeShell: (top, command) => ({ ...base(top, 'PreToolUse'), tool_name: 'run_in_terminal', tool_input: { command, explanation: 'run it', isBackground: false } }),
  stop: (top, retry) => ({ ...base(top, 'Stop'), stop_hook_active: retry }),
  editFeedback: (answer) => {
    if (answer.decision === undefined) return undefined;
    assert.equal(answer.decision, 'block');
    assert.equal(answer.hookSpecificOutput.additionalContext, answer.reason);
    return answer.reason;
  },
  denial: (answer) => (answer.hookSpecificOutput?.permissionDecision === 'deny' ? answer.hookSpecificOutput.permissionDecisionReason : undefined),
  sentBack: (answer) => (answer.hookSpecificOutput?.decision === 'block' ? answer.hookSpecificOutput.reason : undefined),
  toldUser: (answer) => answer.systemMessage,
};

agentHookSuite(vscode);

test('vscode: without stop_hook_active a retry that adds no finding is not sent back again', () => {
  const top = agentRepo();
  const stop = (top: string) => ({ ...base(top, 'Stop') });
  editTurn(vscode, top, 'app/db.py', UNSAFE_DB, SAFE_DB);
  assert.match(vscode.sentBack(callHook('vscode', top, stop(top)).answer) ?? '', /CWE-89/);
  editTurn(vscode, top, 'app/db.py', `${UNSAFE_DB}# retried\n`, UNSAFE_DB);
  const second = callHook('vscode', top, stop(top)).answer;
  assert.equal(vscode.sentBack(second), undefined);
  assert.match(second.systemMessage, /iteration #2 is block/);
});

test('vscode: replace_string_in_file and multi_replace_string_in_file are edits; other tools are answered at once', () => {
  const top = agentRepo();
  writeFileSync(join(top, 'app/db.py'), UNSAFE_DB);
  const replaced = callHook('vscode', top, { ...base(top, 'PostToolUse'), tool_name: 'replace_string_in_file', tool_input: { filePath: join(top, 'app/db.py'), oldString: 'x', newString: 'y' } }).answer;
  assert.match(replaced.reason, /CWE-89/);
  const multi = callHook('vscode', top, {
    ...base(top, 'PreToolUse'),
    tool_name: 'multi_replace_string_in_file',
    tool_input: { explanation: 'two', replacements: [{ filePath: join(top, 'README.md'), oldString: '# app', newString: '# b' }, { filePath: join(top, '.github/hooks/x.json'), oldString: '', newString: '{}' }] },
  }).answer;
  assert.match(multi.hookSpecificOutput.permissionDecisionReason, /\.github\/hooks\//);
  assert.deepEqual(callHook('vscode', top, { ...base(top, 'PreToolUse'), tool_name: 'read_file', tool_input: { filePath: join(top, '.loopwarden.yml') } }).answer, {});
});
