import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InvalidArgumentError, Option } from 'commander';
import { UserError } from '../errors.js';
import { INIT_AGENTS, mergeAgentHooks, SettingsShapeError, settingsFileOf, type InitAgent } from '../hooks/hook-settings.js';
import { writeFileAtomically } from '../io/atomic-write.js';
import { findRepositoryTop } from '../serve/socket-path.js';

/** `--agent <names>`: repeatable, or a comma list; checked as it is parsed, before init writes anything. */
export function agentOption(): Option {
  return new Option('--agent <agents>', `install loopwarden's hooks for coding agents (${INIT_AGENTS.join(', ')}; repeat or comma-separate)`).argParser(
    (value: string, previous: InitAgent[] | undefined) => {
      const named = value.split(',').map((name) => name.trim()).filter(Boolean);
      const unknown = named.find((name) => !(INIT_AGENTS as readonly string[]).includes(name));
      if (unknown !== undefined || named.length === 0) throw new InvalidArgumentError(`'${unknown ?? value}' is not one of ${INIT_AGENTS.join(', ')}.`);
      return [...(previous ?? []), ...(named as InitAgent[])];
    },
  );
}

/** `--claude-code`: the same as `--agent claude-code`. */
export function claudeCodeOption(): Option {
  return new Option('--claude-code', 'the same as --agent claude-code');
}

/** The options `--agent` and `--claude-code` parse into. */
export interface AgentFlags {
  agent?: InitAgent[];
  claudeCode?: boolean;
}

/**
 * Writes each chosen agent's hook settings into the repository around `cwd`, merged into what the file
 * holds; a file that already runs loopwarden's hooks is left byte for byte. Returns the exit code.
 */
export function runInitAgents(options: AgentFlags, cwd = process.cwd()): number {
  const agents = [...new Set([...(options.claudeCode ? (['claude-code'] as const) : []), ...(options.agent ?? [])])];
  if (agents.length === 0) return 0;
  const top = findRepositoryTop(cwd) ?? cwd;
  // Every file is read and merged before any is written: one bad file leaves all of them untouched.
  const writes = agents.map((agent) => ({ agent, ...mergedSettings(top, agent) }));
  const said: string[] = [];
  for (const { agent, file, text, added, created } of writes) {
    if (text === undefined) {
      said.push(`kept ${file} (already runs loopwarden hook ${agent})`);
      continue;
    }
    mkdirSync(dirname(join(top, file)), { recursive: true });
    writeFileAtomically(join(top, file), text);
    said.push(`${created ? 'wrote' : 'added'} loopwarden hook ${agent} ${created ? 'in' : 'to'} ${file} (${added.join(', ')})`);
  }
  process.stdout.write(`${said.join('\n')}\n`);
  return 0;
}

function mergedSettings(top: string, agent: InitAgent): { file: string; text: string | undefined; added: string[]; created: boolean } {
  const file = settingsFileOf(agent);
  const path = join(top, file);
  let existing: unknown;
  if (existsSync(path)) {
    const current = readFileSync(path, 'utf8');
    try {
      existing = JSON.parse(current);
    } catch (error) {
      throw new UserError(`${file} is not valid JSON (${(error as Error).message}); fix it, then run init again (the file was not changed)`);
    }
  }
  try {
    // The project's own fast client when loopwarden is installed in it; npx otherwise.
    const runner = existsSync(join(top, 'node_modules', '.bin', 'loopwarden-hook')) ? 'project' : 'npx';
    const { settings, added } = mergeAgentHooks(existing, agent, runner);
    return { file, text: added.length ? `${JSON.stringify(settings, null, 2)}\n` : undefined, added, created: existing === undefined };
  } catch (error) {
    if (error instanceof SettingsShapeError) throw new UserError(`${file} ${error.message}: loopwarden's hooks cannot be added (the file was not changed)`);
    throw error;
  }
}
