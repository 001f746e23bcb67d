import { lstatSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { applyHunks, parsePatch, type PatchOperation } from './apply-patch.js';
import { claudeFormatHook, type ClaudeToolEvent } from './claude-code.js';
import type { AgentHook } from './hook-answer.js';
import { editedFile, type EditedFile } from './turn-steps.js';

/**
 * The files a Codex apply_patch call touches (a moved file under both names), each with the content the
 * patch would leave where it can be computed; undefined for another tool or a text that is not a patch.
 */
export function codexEdits(event: ClaudeToolEvent, top: string): EditedFile[] | undefined {
  if (event.tool_name !== 'apply_patch') return undefined;
  return patchEdits(event.tool_input.command ?? stringField(event.tool_input, 'input'), top, event.cwd);
}

/** The files a patch text touches, relative to `cwd`; shared with VS Code, whose GPT models patch the same way. */
export function patchEdits(patch: string | undefined, top: string, cwd: string): EditedFile[] | undefined {
  const operations = patch === undefined ? undefined : parsePatch(patch);
  if (!operations) return undefined;
  const edits: EditedFile[] = [];
  for (const operation of operations) {
    const source = editedFile(top, operation.path, cwd, (absolute) => contentAfter(operation, absolute, false));
    if (source) edits.push(source);
    if (operation.kind === 'update' && operation.moveTo !== undefined) {
      const moved = editedFile(top, operation.moveTo, cwd, () => contentAfter(operation, resolve(cwd, operation.path), true));
      if (moved) edits.push(moved);
    }
  }
  return edits;
}

/** The content a patch leaves at an operation's path (or, for `movedTo`, at its new path); undefined when unknown or gone. */
function contentAfter(operation: PatchOperation, absolute: string, movedTo: boolean): Buffer | undefined {
  if (operation.kind === 'add') return Buffer.from(operation.content, 'utf8');
  if (operation.kind === 'delete') return undefined;
  if (operation.moveTo !== undefined && !movedTo) return undefined;
  const original = readText(absolute);
  if (original === undefined) return undefined;
  const after = applyHunks(original, operation.hunks);
  return after === undefined ? undefined : Buffer.from(after, 'utf8');
}

function readText(path: string): string | undefined {
  try {
    return lstatSync(path).isFile() ? readFileSync(path, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

function stringField(input: Record<string, unknown>, name: string): string | undefined {
  const value = input[name];
  return typeof value === 'string' ? value : undefined;
}

/** `loopwarden hook codex`: Codex speaks Claude Code's hook format; its edits are apply_patch calls. */
export const codexHook: AgentHook = claudeFormatHook('codex', codexEdits);
