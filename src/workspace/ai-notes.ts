import { spawnSync } from 'node:child_process';
import type { Provenance } from '../ledger/record.js';
import { knownAssistant, provenanceOfCommit } from './trailers.js';

/** The notes ref git-ai (Git AI Standard v3.0.0, `authorship/3.0.0`) attaches authorship logs under. */
export const AI_NOTES_REF = 'refs/notes/ai';

/** What loopwarden reads from a git-ai authorship log: the agent behind most AI-attested lines. */
export interface AiAuthorship {
  tool: string;
  model?: string;
  /** The agent's conversation id (`agent_id.id`). */
  session?: string;
  /** Lines the log attests to AI sessions, over all files. */
  aiLines: number;
}

interface AgentRecord {
  agent_id?: { tool?: unknown; id?: unknown; model?: unknown };
}

/**
 * Parses a git-ai authorship log: attestation lines (`path`, then `  <key> <ranges>`), a `---` line, then
 * JSON metadata whose `sessions` (keys `s_…`, attested as `s_…::t_…`) and legacy `prompts` (bare hex keys)
 * name the agent; `h_…` keys are known humans and count for nothing. Returns the agent with the most
 * AI-attested lines, or undefined when the note is not such a log or attests no AI line.
 */
export function parseAiAuthorship(note: string): AiAuthorship | undefined {
  const lines = note.split('\n');
  const divider = lines.indexOf('---');
  if (divider < 0) return undefined;
  let metadata: { schema_version?: unknown; sessions?: Record<string, AgentRecord>; prompts?: Record<string, AgentRecord> };
  try {
    metadata = JSON.parse(lines.slice(divider + 1).join('\n'));
  } catch {
    return undefined;
  }
  if (typeof metadata !== 'object' || metadata === null || typeof metadata.schema_version !== 'string' || !metadata.schema_version.startsWith('authorship/')) return undefined;
  const linesByAgent = new Map<string, number>();
  for (const line of lines.slice(0, divider)) {
    const entry = /^ {2}(\S+) (\S+)$/.exec(line);
    if (!entry || entry[1]!.startsWith('h_')) continue;
    const agent = entry[1]!.split('::')[0]!;
    linesByAgent.set(agent, (linesByAgent.get(agent) ?? 0) + countLines(entry[2]!));
  }
  let best: AiAuthorship | undefined;
  for (const [key, count] of linesByAgent) {
    const record = (key.startsWith('s_') ? metadata.sessions : metadata.prompts)?.[key];
    const tool = record?.agent_id?.tool;
    if (typeof tool !== 'string' || count === 0) continue;
    if (best && best.aiLines >= count) {
      best.aiLines += count;
      continue;
    }
    const { id, model } = record!.agent_id!;
    best = { tool: knownAssistant(tool) ?? tool, model: typeof model === 'string' ? model : undefined, session: typeof id === 'string' ? id : undefined, aiLines: count + (best?.aiLines ?? 0) };
  }
  return best;
}

/** Counts the lines of a range list such as `1-4,9,12-13`. */
function countLines(ranges: string): number {
  let total = 0;
  for (const part of ranges.split(',')) {
    const [start, end] = part.split('-').map(Number);
    if (!Number.isInteger(start)) return 0;
    total += end === undefined ? 1 : Number.isInteger(end) && end >= start! ? end - start! + 1 : 0;
  }
  return total;
}

/** Returns the git-ai authorship log attached to a commit under refs/notes/ai, or undefined. */
export function readAiNote(top: string, commit: string): string | undefined {
  const result = spawnSync('git', ['notes', `--ref=${AI_NOTES_REF}`, 'show', commit], { cwd: top, encoding: 'utf8' });
  return result.status === 0 ? result.stdout : undefined;
}

/**
 * Returns what a commit tells of its own provenance: its trailers (see trailers.ts) and, where git-ai left
 * an authorship log attesting AI lines, the agent's tool, model and session (the note wins over trailers).
 */
export function provenanceOfCommitWithNotes(top: string, commit: string): Partial<Provenance> | undefined {
  const fromTrailers = provenanceOfCommit(top, commit);
  const note = readAiNote(top, commit);
  const authorship = note === undefined ? undefined : parseAiAuthorship(note);
  if (!authorship) return fromTrailers;
  const { tool, model, session } = authorship;
  return { ...fromTrailers, actor: 'ai', tool, ...(model ? { model } : {}), ...(session ? { session } : {}) };
}
