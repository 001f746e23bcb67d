import { z } from 'zod';
import { refusedShellCommand } from '../iterations/agent-turn.js';
import { contentAfterReplacements } from './edit-simulation.js';
import { jsonAnswer, type AgentHook, type HookAnswer } from './hook-answer.js';
import { editedFile, endTurn, feedbackOnEdits, refusalOfEdits, type EditedFile } from './turn-steps.js';

/** Cursor's tools that change a file (its Write tool is the one documented; the others are accepted in case). */
const CURSOR_EDIT_TOOLS = ['Write', 'Edit', 'StrReplace', 'MultiEdit', 'Delete'];

const common = z.object({
  conversation_id: z.string().min(1),
  hook_event_name: z.string().min(1),
  model: z.string().nullish(),
  cwd: z.string().nullish(),
  workspace_roots: z.array(z.string()).nullish(),
});

// Cursor does not document its tools' argument names precisely: accept each spelling seen.
const toolInput = z
  .object({
    file_path: z.string().optional(),
    path: z.string().optional(),
    target_file: z.string().optional(),
    content: z.string().optional(),
    contents: z.string().optional(),
    old_string: z.string().optional(),
    new_string: z.string().optional(),
    command: z.string().optional(),
  })
  .loose();

const toolEvent = common.extend({ tool_name: z.string(), tool_input: toolInput.nullish() });
const fileEditEvent = common.extend({ file_path: z.string().min(1) });
const shellEvent = common.extend({ command: z.string() });
const stopEvent = common.extend({ status: z.string().nullish(), loop_count: z.number().nullish() });

type CursorCommon = z.infer<typeof common>;

/** Whether a payload comes from Cursor (which also sends its own payloads to .claude/settings.json hooks). */
export function isCursorPayload(payload: unknown): boolean {
  return typeof payload === 'object' && payload !== null && 'cursor_version' in payload;
}

/** The folder a Cursor payload works in: its cwd, else its first workspace root (third-party hooks get cwd ""). */
export function cursorDirectory(payload: unknown): string {
  const base = common.parse(payload);
  return directoryOf(base);
}

function directoryOf(base: CursorCommon): string {
  return base.cwd || base.workspace_roots?.[0] || '.';
}

/**
 * Cursor's hooks (.cursor/hooks.json). preToolUse and beforeShellExecution deny what the core refuses;
 * postToolUse tells the agent what an edit introduced; afterFileEdit notes an edit in the conversation's
 * turn; stop closes the turn into one iteration and sends the agent back once through a follow-up message.
 */
export const cursorHook: AgentHook = {
  name: 'cursor',
  async answer(payload, context) {
    const base = common.parse(payload);
    const who = { agent: 'cursor', session: base.conversation_id, ...(base.model ? { model: base.model } : {}) };
    switch (base.hook_event_name) {
      case 'beforeShellExecution':
        return denialAnswer(refusedShellCommand(shellEvent.parse(payload).command));
      case 'preToolUse':
      case 'postToolUse': {
        const event = toolEvent.parse(payload);
        if (event.hook_event_name === 'preToolUse' && event.tool_name === 'Shell') return denialAnswer(refusedShellCommand(event.tool_input?.command ?? ''));
        const repository = await context.repository(directoryOf(base));
        const edits = cursorEdits(event, repository.top);
        if (!edits) return jsonAnswer({});
        if (event.hook_event_name === 'preToolUse') return denialAnswer(await refusalOfEdits(repository, edits));
        const said = await feedbackOnEdits(repository, who, edits.map((e) => e.path));
        return jsonAnswer(said ? { additional_context: said.text } : {});
      }
      case 'afterFileEdit': {
        const event = fileEditEvent.parse(payload);
        const repository = await context.repository(directoryOf(base));
        const edit = editedFile(repository.top, event.file_path, directoryOf(base), () => undefined);
        if (edit && !edit.outside) repository.sessions.noteEdits(who.agent, who.session, [edit.path], who.model);
        return jsonAnswer({});
      }
      case 'stop': {
        const event = stopEvent.parse(payload);
        const repository = await context.repository(directoryOf(base));
        // Cursor's own loop (loop_count > 0) is a retry; after the user aborted, nobody is sent back either.
        const retrying = (event.loop_count ?? 0) > 0 || event.status === 'aborted';
        const end = await endTurn(repository, { tool: 'cursor', session: who.session, ...(who.model ? { model: who.model } : {}) }, retrying, context.env);
        if (end.kind === 'fix') return jsonAnswer({ followup_message: end.toAgent });
        // A stop hook has no field the user reads: stderr shows in Cursor's hook output.
        if (end.kind === 'tell-user') return { ...jsonAnswer({}), stderr: `${end.toUser}\n` };
        return jsonAnswer({});
      }
      default:
        return jsonAnswer({});
    }
  },
};

/** A deny in both Cursor's newer (permission) and older (decision) fields, or nothing. */
function denialAnswer(refusal: string | undefined): HookAnswer {
  if (!refusal) return jsonAnswer({});
  const message = `loopwarden: ${refusal}`;
  return jsonAnswer({ permission: 'deny', user_message: message, agent_message: message, decision: 'deny', reason: message });
}

function cursorEdits(event: z.infer<typeof toolEvent>, top: string): EditedFile[] | undefined {
  if (!CURSOR_EDIT_TOOLS.includes(event.tool_name) || !event.tool_input) return undefined;
  const input = event.tool_input;
  const target = input.file_path ?? input.path ?? input.target_file;
  if (!target) return undefined;
  const cwd = directoryOf(event);
  const edit = editedFile(top, target, cwd, (absolute) => {
    const content = input.content ?? input.contents;
    if (event.tool_name === 'Write' && content !== undefined) return Buffer.from(content, 'utf8');
    if (input.old_string !== undefined && input.new_string !== undefined) return contentAfterReplacements(absolute, [{ oldText: input.old_string, newText: input.new_string }]);
    return undefined;
  });
  return edit ? [edit] : undefined;
}
