import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { agentHookSuite, agentRepo, callHook, SAFE_DB, UNSAFE_DB, type AgentDialect } from './agent-hook-suite.js';

const base = (top: string, event: string) => ({ session_id: 'gemini-session-1', transcript_path: join(top, 'no-transcript.json'), cwd: top, hook_event_name: event, timestamp: '2026-01-01T00:00:00.000Z' });

const gemini: AgentDialect = {
  agent: 'gemini',
  session: 'gemini-session-1',
  beforeEdit: (top, path, content) => ({ ...base(top, 'BeforeTool'), tool_name: 'write_file', tool_input: { file_path: join(top, path), content } }),
  afterEdit: (top, path, content) => ({
    ...base(top, 'AfterTool'),
    tool_name: 'write_file',
    tool_input: { file_path: join(top, path), content },
    tool_response: { llmContent: `Successfully overwrote file: ${join(top, path)}.`, returnDisplay: 'ok' },
  }),
  beforeShell: (top, command) => ({ ...base(top, 'BeforeTool'), tool_name: 'run_shell_command', tool_input: { command } }),
  stop: (top, retry) => ({ ...base(top, 'AfterAgent'), prompt: 'add a lookup', prompt_response: 'Done.', stop_hook_active: retry }),
  editFeedback: (answer) => {
    // AfterTool's decision would replace the tool result: findings are appended instead.
    assert.equal(answer.decision, undefined);
    return answer.hookSpecificOutput?.hookEventName === 'AfterTool' ? answer.hookSpecificOutput.additionalContext : undefined;
  },
  denial: (answer) => (answer.decision === 'deny' ? answer.reason : undefined),
  sentBack: (answer) => (answer.decision === 'deny' ? answer.reason : undefined),
  toldUser: (answer) => answer.systemMessage,
};

agentHookSuite(gemini);

test('gemini: replace is judged on the content it would leave; GEMINI_PROJECT_DIR names the project', () => {
  const top = agentRepo();
  const replace = {
    ...base('/', 'AfterTool'),
    tool_name: 'replace',
    tool_input: { file_path: join(top, 'app/db.py'), instruction: 'concatenate', old_string: '"SELECT * FROM t WHERE n = ?", (name,)', new_string: '"SELECT * FROM t WHERE n = \'" + name + "\'"' },
    tool_response: { llmContent: 'ok', returnDisplay: 'ok' },
  };
  writeFileSync(join(top, 'app/db.py'), UNSAFE_DB);
  const answer = callHook('gemini', top, replace, { GEMINI_PROJECT_DIR: top }).answer;
  assert.match(answer.hookSpecificOutput.additionalContext, /CWE-89/);
  assert.equal(SAFE_DB.includes(replace.tool_input.old_string), true);
});
