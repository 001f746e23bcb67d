import { UserError } from '../errors.js';
import type { Provenance } from '../ledger/record.js';

const ACTORS = ['ai', 'human'] as const;

/**
 * Resolves who made an iteration, in order of precedence: explicit values (flags, hook payloads), then
 * LOOPWARDEN_* environment variables, then what commit trailers say; the actor defaults to `human`.
 */
export function resolveProvenance(
  explicit: Partial<Provenance>,
  env: Record<string, string | undefined>,
  fromTrailers: Partial<Provenance> | undefined,
): Provenance {
  const envActor = env.LOOPWARDEN_ACTOR;
  if (envActor !== undefined && !ACTORS.includes(envActor as never)) throw new UserError(`LOOPWARDEN_ACTOR: '${envActor}' is not one of ai, human`);
  return {
    actor: explicit.actor ?? (envActor as Provenance['actor'] | undefined) ?? fromTrailers?.actor ?? 'human',
    tool: explicit.tool ?? env.LOOPWARDEN_TOOL ?? fromTrailers?.tool,
    model: explicit.model ?? env.LOOPWARDEN_MODEL,
    strategy: explicit.strategy ?? env.LOOPWARDEN_STRATEGY,
    author: explicit.author ?? env.LOOPWARDEN_AUTHOR,
  };
}
