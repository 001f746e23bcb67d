import { join } from 'node:path';
import { agentHookSuite, type AgentDialect } from './agent-hook-suite.js';

const base = (top: string, event: string) => ({ session_id: 'claude-session-1', transcript_path: join(top, 'none.jsonl'), cwd: top, hook_event_name: event, permission_mode: 'default' });

const claudeCode: AgentDialect = {
  agent: 'claude-code',
  session: 'claude-session-1',
  beforeEdit: (top, path, content) => ({ ...base(top, 'PreToolUse'), tool_name: 'Write', tool_input: { file_path: join(top, path), content }, tool_use_id: 'toolu_1' }),
  afterEdit: (top, path, content) => ({ ...base(top, 'PostToolUse'), tool_name: 'Write', tool_input: { file_path: join(top, path), content }, tool_response: { type: 'update' } }),
  beforeShell: (top, command) => ({ ...base(top, 'PreToolUse'), tool_name: 'Bash', tool_input: { command, description: 'run' } }),
  stop: (top, retry) => ({ ...base(top, 'Stop'), stop_hook_active: retry }),
  editFeedback: (answer) => answer.hookSpecificOutput?.additionalContext,
  denial: (answer) => (answer.hookSpecificOutput?.permissionDecision === 'deny' ? answer.hookSpecificOutput.permissionDecisionReason : undefined),
  sentBack: (answer) => (answer.decision === 'block' ? answer.reason : undefined),
  toldUser: (answer) => answer.systemMessage,
};

agentHookSuite(claudeCode);
