import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomically } from '../io/atomic-write.js';

/** What one agent session edited in its current turn, before the turn is closed into an iteration. */
export interface PendingTurn {
  agent: string;
  session: string;
  /** Repository-relative paths, in the order they were first edited. */
  edits: string[];
  model?: string;
}

const pendingSchema = z.object({ agent: z.string(), session: z.string(), edits: z.array(z.string()), model: z.string().optional() });

/**
 * Pending turns live in .loopwarden/turns/, one file per session: a turn outlives the hook process (and a
 * warm server that is restarted), and an agent may not write there (see protected-paths.ts).
 */
export class AgentSessions {
  constructor(private readonly top: string) {}

  private fileOf(agent: string, session: string): string {
    return join(this.top, '.loopwarden', 'turns', `${createHash('sha256').update(`${agent}\u0000${session}`).digest('hex').slice(0, 32)}.json`);
  }

  /** The session's open turn, or undefined; an unreadable file counts as none (the turn's check sees the files anyway). */
  pending(agent: string, session: string): PendingTurn | undefined {
    try {
      const parsed = pendingSchema.safeParse(JSON.parse(readFileSync(this.fileOf(agent, session), 'utf8')));
      return parsed.success && parsed.data.agent === agent && parsed.data.session === session ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  /** Adds edited paths (and the model, when known) to the session's open turn. */
  noteEdits(agent: string, session: string, paths: readonly string[], model?: string): PendingTurn {
    const turn = this.pending(agent, session) ?? { agent, session, edits: [] };
    for (const path of paths) if (!turn.edits.includes(path)) turn.edits.push(path);
    if (model) turn.model = model;
    writeFileAtomically(this.fileOf(agent, session), `${JSON.stringify(turn)}\n`);
    return turn;
  }

  /** Ends the session's open turn (after it was recorded as an iteration); the session's model is kept for the next. */
  close(agent: string, session: string): void {
    const model = this.pending(agent, session)?.model;
    if (model) writeFileAtomically(this.fileOf(agent, session), `${JSON.stringify({ agent, session, edits: [], model })}\n`);
    else rmSync(this.fileOf(agent, session), { force: true });
  }
}
