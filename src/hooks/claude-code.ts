import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { refusedShellCommand, type AgentRepository } from '../iterations/agent-turn.js';
import { cursorDirectory, cursorHook, isCursorPayload } from './cursor.js';
import { contentAfterReplacements } from './edit-simulation.js';
import { jsonAnswer, type AgentHook, type HookAnswer, type HookContext } from './hook-answer.js';
import { modelFromTranscript } from './transcript-model.js';
import { editedFile, endTurn, feedbackOnEdits, projectDirectory, refusalOfEdits, type EditedFile } from './turn-steps.js';

export type { EditedFile } from './turn-steps.js';

/** The tools through which Claude Code edits files. */
export const CLAUDE_EDIT_TOOLS = ['Edit', 'Write', 'MultiEdit', 'NotebookEdit'] as const;

const common = z.object({
  session_id: z.string().min(1),
  cwd: z.string().min(1),
  hook_event_name: z.string().min(1),
  transcript_path: z.string().nullish(),
  model: z.string().nullish(),
});

const replacement = z.object({ old_string: z.string(), new_string: z.string(), replace_all: z.boolean().optional() });
const toolInput = z
  .object({
    file_path: z.string().optional(),
    notebook_path: z.string().optional(),
    content: z.string().optional(),
    old_string: z.string().optional(),
    new_string: z.string().optional(),
    replace_all: z.boolean().optional(),
    edits: z.array(replacement).optional(),
    command: z.string().optional(),
  })
  .loose();

const toolEvent = common.extend({ tool_name: z.string(), tool_input: toolInput });
const stopEvent = common.extend({ stop_hook_active: z.boolean().optional() });

/** A Claude-format tool event: PreToolUse or PostToolUse. */
export type ClaudeToolEvent = z.infer<typeof toolEvent>;

/**
 * Claude Code's hooks (also Codex's, which speak the same format). One agent turn is one iteration:
 * PostToolUse analyses each edited file at once and notes it in the session's open turn; Stop closes the
 * turn into one iteration. Answers are always exit 0 with JSON on stdout, which every version reads.
 */
export function claudeFormatHook(name: string, editsOf: (event: ClaudeToolEvent, top: string) => EditedFile[] | undefined): AgentHook {
  return {
    name,
    async answer(payload, context) {
      // Cursor runs .claude/settings.json hooks too, with its own payloads.
      if (name === 'claude-code' && isCursorPayload(payload)) return cursorThroughClaudeSettings(payload, context);
      const base = common.parse(payload);
      const event = base.hook_event_name;
      const directory = name === 'claude-code' ? projectDirectory(context.env.CLAUDE_PROJECT_DIR, base.cwd) : base.cwd;
      if (event === 'PreToolUse' || event === 'PostToolUse') {
        const parsed = toolEvent.parse(payload);
        if (event === 'PreToolUse' && parsed.tool_name === 'Bash' && parsed.tool_input.command !== undefined) return preToolDecision(refusedShellCommand(parsed.tool_input.command));
        const repository = await context.repository(directory);
        const edits = editsOf(parsed, repository.top);
        if (!edits) return jsonAnswer({});
        if (event === 'PreToolUse') return preToolDecision(await refusalOfEdits(repository, edits));
        return afterEdit(repository, { agent: name, session: parsed.session_id, ...(parsed.model ? { model: parsed.model } : {}) }, edits);
      }
      if (event === 'Stop' || event === 'SubagentStop') {
        const parsed = stopEvent.parse(payload);
        const repository = await context.repository(directory);
        const model = parsed.model ?? modelFromTranscript(parsed.transcript_path ?? undefined);
        return turnEnd(repository, { tool: name, session: parsed.session_id, model }, parsed.stop_hook_active === true, context);
      }
      if (event === 'SessionStart' && base.model) {
        // The only Claude Code event that may name the model (not always): kept for the session's iterations.
        const repository = await context.repository(directory);
        repository.sessions.noteEdits(name, base.session_id, [], base.model);
      }
      return jsonAnswer({});
    },
  };
}

/** A PreToolUse answer in the Claude format: nothing, or deny with the reason. */
export function preToolDecision(refusal: string | undefined): HookAnswer {
  if (!refusal) return jsonAnswer({});
  return jsonAnswer({ hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: `loopwarden: ${refusal}` } });
}

/** A PostToolUse answer in the Claude format: the edit's new findings (and files it cannot analyse), shown to the agent at once. */
export async function afterEdit(repository: AgentRepository, who: { agent: string; session: string; model?: string }, edits: readonly EditedFile[]): Promise<HookAnswer> {
  const told = await feedbackOnEdits(repository, who, edits.map((e) => e.path));
  if (!told) return jsonAnswer({});
  // "block" after a tool ran feeds the reason to the model; a note alone is context, not a correction.
  const verdict = told.findings ? { decision: 'block', reason: told.text } : {};
  return jsonAnswer({ ...verdict, hookSpecificOutput: { hookEventName: 'PostToolUse', additionalContext: told.text } });
}

async function turnEnd(repository: AgentRepository, who: { tool: string; session: string; model?: string }, retrying: boolean, context: HookContext): Promise<HookAnswer> {
  const end = await endTurn(repository, who, retrying, context.env);
  if (end.kind === 'fix') return jsonAnswer({ decision: 'block', reason: end.toAgent });
  if (end.kind === 'tell-user') return jsonAnswer({ systemMessage: end.toUser });
  return jsonAnswer({});
}

/** Claude Code's edit tools: one file each, with the content the edit leaves where it can be computed. */
export function claudeCodeEdits(event: ClaudeToolEvent, top: string): EditedFile[] | undefined {
  if (!(CLAUDE_EDIT_TOOLS as readonly string[]).includes(event.tool_name)) return undefined;
  const input = event.tool_input;
  const target = input.file_path ?? input.notebook_path;
  if (!target) return undefined;
  const edit = editedFile(top, target, event.cwd, (absolute) => {
    if (event.tool_name === 'Write' && input.content !== undefined) return Buffer.from(input.content, 'utf8');
    if (event.tool_name === 'Edit' && input.old_string !== undefined && input.new_string !== undefined) {
      return contentAfterReplacements(absolute, [{ oldText: input.old_string, newText: input.new_string, all: input.replace_all }]);
    }
    if (event.tool_name === 'MultiEdit' && input.edits) return contentAfterReplacements(absolute, input.edits.map((e) => ({ oldText: e.old_string, newText: e.new_string, all: e.replace_all })));
    return undefined;
  });
  return edit ? [edit] : undefined;
}

/** `loopwarden hook claude-code`. */
export const claudeCodeHook: AgentHook = claudeFormatHook('claude-code', claudeCodeEdits);

/**
 * A Cursor payload that reached the Claude Code hook (Cursor runs .claude/settings.json hooks): answered
 * as Cursor's, unless .cursor/hooks.json runs loopwarden too, which then records and says everything once.
 */
async function cursorThroughClaudeSettings(payload: unknown, context: HookContext): Promise<HookAnswer> {
  const repository = await context.repository(cursorDirectory(payload));
  if (cursorAnswersInstead(repository.top)) return jsonAnswer({});
  return cursorHook.answer(payload, context);
}

/** Whether the repository's .cursor/hooks.json runs loopwarden's Cursor hook. */
export function cursorAnswersInstead(top: string): boolean {
  try {
    return readFileSync(join(top, '.cursor', 'hooks.json'), 'utf8').includes('loopwarden hook cursor');
  } catch {
    return false;
  }
}
