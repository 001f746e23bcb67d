/**
 * Environment variables that coding agents set in the shells they run commands in. A command seeing one
 * is being run by an agent (or by something it started), whatever the actor flags claim.
 */
const AGENT_VARIABLES: { name: string | RegExp; agent: string }[] = [
  { name: 'CLAUDECODE', agent: 'Claude Code' },
  { name: 'CLAUDE_CODE_CHILD_SESSION', agent: 'Claude Code' },
  { name: 'CLAUDE_CODE_ENTRYPOINT', agent: 'Claude Code' },
  { name: 'CURSOR_AGENT', agent: 'Cursor' },
  { name: 'CURSOR_CLI', agent: 'Cursor' },
  { name: 'GEMINI_CLI', agent: 'Gemini CLI' },
  { name: /^CODEX_(SANDBOX|SANDBOX_NETWORK_DISABLED|THREAD_ID|MANAGED_BY_NPM|MANAGED_BY_BUN)$/, agent: 'Codex' },
  { name: /^CLINE_/, agent: 'Cline' },
  { name: 'AIDER_MODEL', agent: 'Aider' },
  { name: 'AI_AGENT', agent: 'an AI agent (AI_AGENT)' },
];

/** Returns the variable and agent that show a coding agent in `env`, or undefined when none does. */
export function detectAgent(env: Record<string, string | undefined>): { variable: string; agent: string } | undefined {
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || value === '') continue;
    if (name === 'LOOPWARDEN_ACTOR' && value === 'ai') return { variable: name, agent: 'an AI actor (LOOPWARDEN_ACTOR=ai)' };
    const known = AGENT_VARIABLES.find((entry) => (typeof entry.name === 'string' ? entry.name === name : entry.name.test(name)));
    if (known) return { variable: name, agent: known.agent };
  }
  return undefined;
}
