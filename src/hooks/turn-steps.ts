import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { closeTurn, feedbackOnEdit, pathInRepository, permissionForEdit, refusedEditOutside, type AgentRepository } from '../iterations/agent-turn.js';
import type { CheckResult } from '../iterations/check.js';
import { renderEditFeedback, renderTurnForAgent, renderTurnForUser, renderUnanalysedNote } from '../report/agent-feedback.js';

// The steps every agent adapter takes, in agent-neutral terms: each adapter maps its payload onto them and
// their answers onto its own JSON.

/** A file an edit touches: its repository path and, when it can be known, the content the edit leaves. */
export interface EditedFile {
  /** Repository-relative; absolute for a file outside the repository (`outside`). */
  path: string;
  after: () => Buffer | undefined;
  /** Outside the repository: not analysed, but another agent's or the user's hook settings are still refused. */
  outside?: boolean;
}

/** The edited file at `target` (absolute, or relative to `cwd`); outside the repository it is marked `outside`. */
export function editedFile(top: string, target: string, cwd: string, after: (absolute: string) => Buffer | undefined): EditedFile | undefined {
  const path = pathInRepository(top, target, cwd);
  if (path === undefined) return { path: resolve(cwd, target), after: () => undefined, outside: true };
  return { path, after: () => after(resolve(top, path)) };
}

/** Why the first of `edits` that may not be made is refused, or undefined when all may. */
export async function refusalOfEdits(repository: AgentRepository, edits: readonly EditedFile[]): Promise<string | undefined> {
  for (const edit of edits) {
    if (edit.outside) {
      const refused = refusedEditOutside(edit.path);
      if (refused) return refused;
      continue;
    }
    const permission = await permissionForEdit(repository, edit.path, edit.after());
    if (!permission.allow) return permission.reason;
  }
  return undefined;
}

/** What made edits tell the agent: the findings they introduced, then the files that cannot be analysed. */
export interface EditTelling {
  text: string;
  /** Whether the edits introduced findings (a correction), not only notes. */
  findings: boolean;
}

/** Notes made edits in the session's open turn and returns what to tell the agent, or undefined for nothing. */
export async function feedbackOnEdits(repository: AgentRepository, who: { agent: string; session: string; model?: string }, named: readonly string[]): Promise<EditTelling | undefined> {
  // Files outside the repository (absolute paths) are not the repository's iteration.
  const paths = named.filter((path) => !isAbsolute(path));
  if (paths.length === 0) return undefined;
  repository.sessions.noteEdits(who.agent, who.session, paths, who.model);
  const feedback = await Promise.all(paths.map((path) => feedbackOnEdit(repository, path)));
  const said = feedback.map(renderEditFeedback).filter((text): text is string => text !== undefined);
  const notes = feedback.map(renderUnanalysedNote).filter((text): text is string => text !== undefined);
  if (said.length === 0 && notes.length === 0) return undefined;
  return { text: [...said, ...notes].join('\n'), findings: said.length > 0 };
}

/** How an agent's turn ended, with the text to send: fix what is open (to the agent), or a person is needed (to the user). */
export type TurnEnd = { kind: 'quiet' } | { kind: 'fix'; toAgent: string; result: CheckResult } | { kind: 'tell-user'; toUser: string; result: CheckResult };

/** Closes the session's turn into one iteration (see `closeTurn`) and renders its answer. */
export async function endTurn(
  repository: AgentRepository,
  who: { tool: string; session: string; model?: string },
  retrying: boolean,
  env: Record<string, string | undefined>,
): Promise<TurnEnd> {
  const { model: named, ...agent } = who;
  const fromEnv = provenanceFromEnvironment(env);
  const model = fromEnv.model ?? named;
  const { response } = await closeTurn(repository, { actor: 'ai', ...agent, ...fromEnv, ...(model ? { model } : {}) }, retrying);
  if (response.kind === 'fix') return { kind: 'fix', toAgent: renderTurnForAgent(response.result), result: response.result };
  if (response.kind === 'tell-user') return { kind: 'tell-user', toUser: renderTurnForUser(response.result), result: response.result };
  return { kind: 'quiet' };
}

/** What LOOPWARDEN_* variables add to an agent's provenance (the actor stays ai). */
export function provenanceFromEnvironment(env: Record<string, string | undefined>): { strategy?: string; author?: string; model?: string } {
  return {
    ...(env.LOOPWARDEN_STRATEGY ? { strategy: env.LOOPWARDEN_STRATEGY } : {}),
    ...(env.LOOPWARDEN_AUTHOR ? { author: env.LOOPWARDEN_AUTHOR } : {}),
    ...(env.LOOPWARDEN_MODEL ? { model: env.LOOPWARDEN_MODEL } : {}),
  };
}

/** The agent's project folder when an environment variable names one that exists, else `fallback`. */
export function projectDirectory(named: string | undefined, fallback: string): string {
  return named && existsSync(named) ? named : fallback;
}
