import { UserError } from '../errors.js';
import type { Provenance } from '../ledger/record.js';
import { detectAgent } from '../policy/agent-environment.js';

const ACTORS = ['ai', 'human'] as const;

const AGENT_TOOLS: Record<string, string> = { 'Claude Code': 'claude-code', Cursor: 'cursor', 'Gemini CLI': 'gemini-cli', Codex: 'codex', Cline: 'cline', Aider: 'aider' };

/**
 * Resolves who made an iteration, in order of precedence: explicit values (flags, hook payloads), then
 * LOOPWARDEN_* environment variables, then what the commit says (trailers, git-ai notes); the actor defaults to `human`.
 * Where the environment shows a coding agent, the actor is `ai` whatever is claimed: a human iteration
 * becomes the accepted baseline, so an agent claiming one would open the gate for itself.
 */
export function resolveProvenance(
  explicit: Partial<Provenance>,
  env: Record<string, string | undefined>,
  fromTrailers: Partial<Provenance> | undefined,
): Provenance {
  const envActor = env.LOOPWARDEN_ACTOR;
  if (envActor !== undefined && !ACTORS.includes(envActor as never)) throw new UserError(`LOOPWARDEN_ACTOR: '${envActor}' is not one of ai, human`);
  const agent = detectAgent(env);
  const claimed = explicit.actor ?? (envActor as Provenance['actor'] | undefined);
  if (agent && claimed === 'human') {
    throw new UserError(`actor human refused: the environment shows ${agent.agent} (${agent.variable}); an agent's iterations are AI iterations, and only a person can record a human one`);
  }
  const session = explicit.session ?? fromTrailers?.session;
  return {
    actor: agent ? 'ai' : (claimed ?? fromTrailers?.actor ?? 'human'),
    tool: explicit.tool ?? env.LOOPWARDEN_TOOL ?? fromTrailers?.tool ?? (agent ? AGENT_TOOLS[agent.agent] : undefined),
    model: explicit.model ?? env.LOOPWARDEN_MODEL ?? fromTrailers?.model,
    strategy: explicit.strategy ?? env.LOOPWARDEN_STRATEGY,
    author: explicit.author ?? env.LOOPWARDEN_AUTHOR,
    ...(session ? { session } : {}),
  };
}

/**
 * Returns the provenance of an iteration an agent records itself (an MCP call): always `ai`, whatever
 * else it names; an agent cannot record a human iteration, which would become the accepted baseline.
 */
export function agentProvenance(claimed: Omit<Provenance, 'actor'>): Provenance {
  const { tool, model, strategy, author, session } = claimed;
  return { actor: 'ai', tool, model, strategy, author, session };
}
