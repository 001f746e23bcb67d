import { z } from 'zod';
import { refusedShellCommand } from '../iterations/agent-turn.js';
import { contentAfterReplacements } from './edit-simulation.js';
import { jsonAnswer, type AgentHook, type HookAnswer } from './hook-answer.js';
import { modelFromTranscript } from './transcript-model.js';
import { editedFile, endTurn, feedbackOnEdits, projectDirectory, refusalOfEdits, type EditedFile } from './turn-steps.js';

const common = z.object({
  session_id: z.string().min(1),
  cwd: z.string().min(1),
  hook_event_name: z.string().min(1),
  transcript_path: z.string().nullish(),
});

const toolInput = z
  .object({
    file_path: z.string().optional(),
    content: z.string().optional(),
    old_string: z.string().optional(),
    new_string: z.string().optional(),
    allow_multiple: z.boolean().optional(),
    command: z.string().optional(),
  })
  .loose();

const toolEvent = common.extend({ tool_name: z.string(), tool_input: toolInput });
const agentEvent = common.extend({ stop_hook_active: z.boolean().nullish() });

/**
 * Gemini CLI's hooks (.gemini/settings.json). BeforeTool denies what the core refuses; AfterTool appends
 * what an edit introduced to the tool's result; AfterAgent closes the turn into one iteration and, once,
 * sends the agent back (a denied AfterAgent retries with the reason as the prompt).
 */
export const geminiHook: AgentHook = {
  name: 'gemini',
  async answer(payload, context) {
    const base = common.parse(payload);
    const directory = projectDirectory(context.env.GEMINI_PROJECT_DIR, base.cwd);
    if (base.hook_event_name === 'BeforeTool' || base.hook_event_name === 'AfterTool') {
      const event = toolEvent.parse(payload);
      if (event.tool_name === 'run_shell_command') return event.hook_event_name === 'BeforeTool' ? denial(refusedShellCommand(event.tool_input.command ?? '')) : jsonAnswer({});
      const repository = await context.repository(directory);
      const edits = geminiEdits(event, repository.top);
      if (!edits) return jsonAnswer({});
      if (event.hook_event_name === 'BeforeTool') return denial(await refusalOfEdits(repository, edits));
      // AfterTool's decision would replace the tool's result: the write happened, so the findings are appended.
      const said = await feedbackOnEdits(repository, { agent: 'gemini', session: event.session_id }, edits.map((e) => e.path));
      return jsonAnswer(said ? { hookSpecificOutput: { hookEventName: 'AfterTool', additionalContext: said.text } } : {});
    }
    if (base.hook_event_name === 'AfterAgent') {
      const event = agentEvent.parse(payload);
      const repository = await context.repository(directory);
      const model = modelFromTranscript(event.transcript_path ?? undefined);
      const end = await endTurn(repository, { tool: 'gemini', session: event.session_id, ...(model ? { model } : {}) }, event.stop_hook_active === true, context.env);
      if (end.kind === 'fix') return jsonAnswer({ decision: 'deny', reason: end.toAgent });
      if (end.kind === 'tell-user') return jsonAnswer({ systemMessage: end.toUser });
    }
    return jsonAnswer({});
  },
};

function denial(refusal: string | undefined): HookAnswer {
  return jsonAnswer(refusal ? { decision: 'deny', reason: `loopwarden: ${refusal}` } : {});
}

function geminiEdits(event: z.infer<typeof toolEvent>, top: string): EditedFile[] | undefined {
  const input = event.tool_input;
  if ((event.tool_name !== 'write_file' && event.tool_name !== 'replace') || !input.file_path) return undefined;
  const edit = editedFile(top, input.file_path, event.cwd, (absolute) => {
    if (event.tool_name === 'write_file') return input.content === undefined ? undefined : Buffer.from(input.content, 'utf8');
    if (input.old_string === undefined || input.new_string === undefined) return undefined;
    return contentAfterReplacements(absolute, [{ oldText: input.old_string, newText: input.new_string, all: input.allow_multiple }]);
  });
  return edit ? [edit] : undefined;
}
