import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { closeTurn, feedbackOnEdit, pathInRepository, permissionForEdit, refusedEditOutside, refusedShellCommand, type AgentRepository } from '../iterations/agent-turn.js';
import { renderEditFeedback, renderTurnForAgent, renderTurnForUser, renderUnanalysedNote } from '../report/agent-feedback.js';
import { contentAfterReplacements } from './edit-simulation.js';
import { jsonAnswer, type AgentHook, type HookAnswer, type HookContext } from './hook-answer.js';
import { modelFromTranscript } from './transcript-model.js';

/** The tools through which Claude Code edits files. */
export const CLAUDE_EDIT_TOOLS = ['Edit', 'Write', 'MultiEdit', 'NotebookEdit'] as const;

const common = z.object({
  session_id: z.string().min(1),
  cwd: z.string().min(1),
  hook_event_name: z.string().min(1),
  transcript_path: z.string().optional(),
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

type ToolEvent = z.infer<typeof toolEvent>;

/**
 * Claude Code's hooks (also Codex's, which speak the same format). One agent turn is one iteration:
 * PostToolUse analyses each edited file at once and notes it in the session's open turn; Stop closes the
 * turn into one iteration. Answers are always exit 0 with JSON on stdout, which every version reads.
 */
export function claudeFormatHook(name: string, editsOf: (event: ToolEvent, top: string) => EditedFile[] | undefined): AgentHook {
  return {
    name,
    async answer(payload, context) {
      const base = common.parse(payload);
      const event = base.hook_event_name;
      if (event === 'PreToolUse' || event === 'PostToolUse') {
        const parsed = toolEvent.parse(payload);
        if (event === 'PreToolUse' && parsed.tool_name === 'Bash' && parsed.tool_input.command !== undefined) return preToolDecision(refusedShellCommand(parsed.tool_input.command));
        const repository = await context.repository(workingDirectory(parsed.cwd, context));
        if (name === 'claude-code' && cursorAnswersInstead(repository.top, context.env, payload)) return jsonAnswer({});
        const edits = editsOf(parsed, repository.top);
        if (!edits) return jsonAnswer({});
        return event === 'PreToolUse' ? beforeEdit(repository, edits) : afterEdit(repository, name, parsed.session_id, edits);
      }
      if (event === 'Stop' || event === 'SubagentStop') {
        const parsed = stopEvent.parse(payload);
        const repository = await context.repository(workingDirectory(parsed.cwd, context));
        if (name === 'claude-code' && cursorAnswersInstead(repository.top, context.env, payload)) return jsonAnswer({});
        return turnEnd(repository, { tool: name, session: parsed.session_id, model: modelFromTranscript(parsed.transcript_path) }, parsed.stop_hook_active === true, context);
      }
      if (event === 'SessionStart') {
        // The only event that may name the model (not always): kept for the session's iterations.
        const model = (payload as { model?: unknown }).model;
        if (typeof model === 'string' && model) {
          const repository = await context.repository(workingDirectory(base.cwd, context));
          repository.sessions.noteEdits(name, base.session_id, [], model);
        }
      }
      return jsonAnswer({});
    },
  };
}

/** A file an edit touches: its repository path and, when it can be known, the content the edit leaves. */
export interface EditedFile {
  /** Repository-relative; absolute for a file outside the repository (`outside`). */
  path: string;
  after: () => Buffer | undefined;
  /** Outside the repository: not analysed, but another agent's or the user's hook settings are still refused. */
  outside?: boolean;
}

function workingDirectory(cwd: string, context: HookContext): string {
  return context.env.CLAUDE_PROJECT_DIR && existsSync(context.env.CLAUDE_PROJECT_DIR) ? context.env.CLAUDE_PROJECT_DIR : cwd;
}

function preToolDecision(refusal: string | undefined): HookAnswer {
  if (!refusal) return jsonAnswer({});
  return jsonAnswer({ hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: `loopwarden: ${refusal}` } });
}

function beforeEdit(repository: AgentRepository, edits: EditedFile[]): HookAnswer {
  for (const edit of edits) {
    if (edit.outside) {
      const refused = refusedEditOutside(edit.path);
      if (refused) return preToolDecision(refused);
      continue;
    }
    const permission = permissionForEdit(repository, edit.path, edit.after());
    if (!permission.allow) return preToolDecision(permission.reason);
  }
  return jsonAnswer({});
}

function afterEdit(repository: AgentRepository, agent: string, session: string, all: EditedFile[]): HookAnswer {
  const edits = all.filter((edit) => !edit.outside);
  if (edits.length === 0) return jsonAnswer({});
  repository.sessions.noteEdits(agent, session, edits.map((e) => e.path));
  const feedback = edits.map((edit) => feedbackOnEdit(repository, edit.path));
  const said = feedback.map(renderEditFeedback).filter((text): text is string => text !== undefined);
  const notes = feedback.map(renderUnanalysedNote).filter((text): text is string => text !== undefined);
  if (said.length === 0 && notes.length === 0) return jsonAnswer({});
  const context = [...said, ...notes].join('\n');
  // "block" after a tool ran feeds the reason to the model; a note alone is context, not a correction.
  const verdict = said.length ? { decision: 'block', reason: context } : {};
  return jsonAnswer({ ...verdict, hookSpecificOutput: { hookEventName: 'PostToolUse', additionalContext: context } });
}

async function turnEnd(repository: AgentRepository, who: { tool: string; session: string; model?: string }, retrying: boolean, context: HookContext): Promise<HookAnswer> {
  const { response } = await closeTurn(repository, { actor: 'ai', ...who, ...provenanceFromEnvironment(context.env) }, retrying);
  if (response.kind === 'fix') return jsonAnswer({ decision: 'block', reason: renderTurnForAgent(response.result) });
  if (response.kind === 'tell-user') return jsonAnswer({ systemMessage: renderTurnForUser(response.result) });
  return jsonAnswer({});
}

/** What LOOPWARDEN_* variables add to an agent's provenance (the actor stays ai). */
export function provenanceFromEnvironment(env: Record<string, string | undefined>): { strategy?: string; author?: string; model?: string } {
  return {
    ...(env.LOOPWARDEN_STRATEGY ? { strategy: env.LOOPWARDEN_STRATEGY } : {}),
    ...(env.LOOPWARDEN_AUTHOR ? { author: env.LOOPWARDEN_AUTHOR } : {}),
    ...(env.LOOPWARDEN_MODEL ? { model: env.LOOPWARDEN_MODEL } : {}),
  };
}

/** Claude Code's edit tools: one file each, with the content the edit leaves where it can be computed. */
export function claudeCodeEdits(event: ToolEvent, top: string): EditedFile[] | undefined {
  if (!(CLAUDE_EDIT_TOOLS as readonly string[]).includes(event.tool_name)) return undefined;
  const input = event.tool_input;
  const target = input.file_path ?? input.notebook_path;
  if (!target) return undefined;
  const path = pathInRepository(top, target, event.cwd);
  if (path === undefined) return [{ path: resolve(event.cwd, target), after: () => undefined, outside: true }];
  const absolute = resolve(top, path);
  const after = (): Buffer | undefined => {
    if (event.tool_name === 'Write' && input.content !== undefined) return Buffer.from(input.content, 'utf8');
    if (event.tool_name === 'Edit' && input.old_string !== undefined && input.new_string !== undefined) {
      return contentAfterReplacements(absolute, [{ oldText: input.old_string, newText: input.new_string, all: input.replace_all }]);
    }
    if (event.tool_name === 'MultiEdit' && input.edits) return contentAfterReplacements(absolute, input.edits.map((e) => ({ oldText: e.old_string, newText: e.new_string, all: e.replace_all })));
    return undefined;
  };
  return [{ path, after }];
}

/** `loopwarden hook claude-code`. */
export const claudeCodeHook: AgentHook = claudeFormatHook('claude-code', claudeCodeEdits);

/** Whether Cursor runs this Claude Code hook while its own loopwarden hook is installed: then Cursor's answers. */
export function cursorAnswersInstead(top: string, env: Record<string, string | undefined>, payload: unknown): boolean {
  const underCursor = Object.keys(env).some((name) => name.startsWith('CURSOR_')) || (typeof payload === 'object' && payload !== null && 'cursor_version' in payload);
  if (!underCursor) return false;
  try {
    return readFileSync(join(top, '.cursor', 'hooks.json'), 'utf8').includes('loopwarden hook cursor');
  } catch {
    return false;
  }
}
