import { z } from 'zod';
import { refusedShellCommand } from '../iterations/agent-turn.js';
import { renderTurnForUser } from '../report/agent-feedback.js';
import { afterEdit, preToolDecision } from './claude-code.js';
import { patchEdits } from './codex.js';
import { contentAfterReplacements, type TextReplacement } from './edit-simulation.js';
import { jsonAnswer, type AgentHook } from './hook-answer.js';
import { modelFromTranscript } from './transcript-model.js';
import { editedFile, endTurn, refusalOfEdits, type EditedFile } from './turn-steps.js';

const common = z.object({
  sessionId: z.string().min(1),
  cwd: z.string().min(1),
  hookEventName: z.string().min(1),
  transcript_path: z.string().nullish(),
});

const replacement = z.object({ filePath: z.string(), oldString: z.string(), newString: z.string() }).loose();
const toolInput = z
  .object({
    filePath: z.string().optional(),
    content: z.string().optional(),
    oldString: z.string().optional(),
    newString: z.string().optional(),
    replacements: z.array(replacement).optional(),
    input: z.string().optional(),
    command: z.string().optional(),
  })
  .loose();

const toolEvent = common.extend({ tool_name: z.string(), tool_input: toolInput.nullish() });
const stopEvent = common.extend({ stop_hook_active: z.boolean().nullish() });

type ToolEvent = z.infer<typeof toolEvent>;

/**
 * VS Code's agent hooks (.github/hooks/*.json), which run for every tool: tools that neither edit nor run
 * commands are answered at once. The answers are Claude Code's, except Stop's, inside hookSpecificOutput.
 */
export const vscodeHook: AgentHook = {
  name: 'vscode',
  async answer(payload, context) {
    const base = common.parse(payload);
    const who = { agent: 'vscode', session: base.sessionId };
    if (base.hookEventName === 'PreToolUse' || base.hookEventName === 'PostToolUse') {
      const event = toolEvent.parse(payload);
      if (event.tool_name === 'run_in_terminal') return base.hookEventName === 'PreToolUse' ? preToolDecision(refusedShellCommand(event.tool_input?.command ?? '')) : jsonAnswer({});
      if (!VSCODE_EDIT_TOOLS.includes(event.tool_name)) return jsonAnswer({});
      const repository = await context.repository(base.cwd);
      const edits = vscodeEdits(event, repository.top);
      if (!edits?.length) return jsonAnswer({});
      return base.hookEventName === 'PreToolUse' ? preToolDecision(await refusalOfEdits(repository, edits)) : afterEdit(repository, who, edits);
    }
    if (base.hookEventName === 'Stop') {
      const event = stopEvent.parse(payload);
      const repository = await context.repository(base.cwd);
      const model = modelFromTranscript(event.transcript_path ?? undefined);
      const retrying = event.stop_hook_active === true;
      const end = await endTurn(repository, { tool: 'vscode', session: base.sessionId, ...(model ? { model } : {}) }, retrying, context.env);
      // Without stop_hook_active a retry is told apart by what it recorded: a turn that added no finding is not sent back again.
      const sendBack = end.kind === 'fix' && (event.stop_hook_active === false || end.result.diff.introduced.length > 0);
      if (end.kind === 'fix' && sendBack) return jsonAnswer({ hookSpecificOutput: { hookEventName: 'Stop', decision: 'block', reason: end.toAgent } });
      if (end.kind !== 'quiet') return jsonAnswer({ systemMessage: end.kind === 'tell-user' ? end.toUser : renderTurnForUser(end.result) });
    }
    return jsonAnswer({});
  },
};

/** VS Code's tools that write files. */
const VSCODE_EDIT_TOOLS = ['create_file', 'replace_string_in_file', 'multi_replace_string_in_file', 'insert_edit_into_file', 'edit_file', 'apply_patch'];

function vscodeEdits(event: ToolEvent, top: string): EditedFile[] | undefined {
  const input = event.tool_input;
  if (!input) return undefined;
  if (event.tool_name === 'apply_patch') return patchEdits(input.input ?? input.command, top, event.cwd);
  const byFile = new Map<string, TextReplacement[] | undefined>();
  if (input.replacements) {
    for (const r of input.replacements) byFile.set(r.filePath, [...(byFile.get(r.filePath) ?? []), { oldText: r.oldString, newText: r.newString }]);
  } else if (input.filePath) {
    const single = input.oldString !== undefined && input.newString !== undefined ? [{ oldText: input.oldString, newText: input.newString }] : undefined;
    byFile.set(input.filePath, single);
  }
  const edits: EditedFile[] = [];
  for (const [target, replacements] of byFile) {
    const edit = editedFile(top, target, event.cwd, (absolute) => {
      if (event.tool_name === 'create_file') return input.content === undefined ? undefined : Buffer.from(input.content, 'utf8');
      return replacements ? contentAfterReplacements(absolute, replacements) : undefined;
    });
    if (edit) edits.push(edit);
  }
  return edits;
}
