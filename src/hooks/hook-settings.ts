// What `loopwarden init --agent <agent>` adds to an agent's settings file, and how it merges into what is
// there: pure, so the merge is tested without files. Nothing already in a file is changed or removed.

/** The agents `init --agent` can set up, as `loopwarden hook <agent>` names them. */
export const INIT_AGENTS = ['claude-code', 'cursor', 'gemini', 'codex', 'vscode'] as const;
export type InitAgent = (typeof INIT_AGENTS)[number];

/** One event's entry: a handler (Cursor, VS Code) or a matcher group of handlers (Claude Code, Codex, Gemini). */
type Entry = Record<string, unknown>;

interface AgentSettings {
  /** The settings file, relative to the repository top. */
  file: string;
  /** Top-level keys the file needs besides `hooks` (kept when already there). */
  top?: Record<string, unknown>;
  /** The entry each hook event gets. */
  events: Record<string, Entry>;
}

/**
 * How each agent finds the project folder from its hook's shell, so the project's own fast client
 * (node_modules/.bin/loopwarden-hook: curl to the warm server, no Node start) can be named.
 */
const PROJECT_FOLDER: Record<InitAgent, string> = {
  'claude-code': '"$CLAUDE_PROJECT_DIR"/',
  cursor: '', // Cursor runs project hooks from the project folder
  gemini: '"$GEMINI_PROJECT_DIR"/',
  codex: '"$(git rev-parse --show-toplevel)"/',
  vscode: '', // VS Code runs workspace hooks from the workspace folder
};

/** Which command runs loopwarden's hook: the project's installed fast client, or npx (slower: npm starts on every call). */
export type HookRunner = 'project' | 'npx';

const commandFor = (agent: InitAgent, runner: HookRunner) => (runner === 'project' ? `${PROJECT_FOLDER[agent]}node_modules/.bin/loopwarden-hook ${agent}` : `npx loopwarden hook ${agent}`);

/** A Claude-format group: the matcher (when given) and one command handler; timeouts are seconds. */
function group(command: string, matcher: string | undefined, timeout: number, extra: Record<string, unknown> = {}): Entry {
  return { ...(matcher ? { matcher } : {}), hooks: [{ ...extra, type: 'command', command, timeout }] };
}

// A tool hook analyses one file; a stop hook checks the whole turn and gets longer.
const settingsOf = (runner: HookRunner): Record<InitAgent, AgentSettings> => {
  const command = (agent: InitAgent) => commandFor(agent, runner);
  return {
    'claude-code': {
      file: '.claude/settings.json',
      events: {
        PreToolUse: group(command('claude-code'), 'Edit|Write|MultiEdit|NotebookEdit|Bash', 30),
        PostToolUse: group(command('claude-code'), 'Edit|Write|MultiEdit|NotebookEdit', 30),
        Stop: group(command('claude-code'), undefined, 120),
        SessionStart: group(command('claude-code'), undefined, 30),
      },
    },
    cursor: {
      file: '.cursor/hooks.json',
      top: { version: 1 },
      events: {
        preToolUse: { command: command('cursor'), matcher: 'Write' },
        postToolUse: { command: command('cursor'), matcher: 'Write' },
        afterFileEdit: { command: command('cursor') },
        beforeShellExecution: { command: command('cursor') },
        stop: { command: command('cursor') },
      },
    },
    // Gemini CLI's timeouts are milliseconds.
    gemini: {
      file: '.gemini/settings.json',
      events: {
        BeforeTool: group(command('gemini'), 'write_file|replace|run_shell_command', 30_000, { name: 'loopwarden' }),
        AfterTool: group(command('gemini'), 'write_file|replace', 30_000, { name: 'loopwarden' }),
        AfterAgent: group(command('gemini'), undefined, 120_000, { name: 'loopwarden' }),
      },
    },
    codex: {
      file: '.codex/hooks.json',
      events: {
        PreToolUse: group(command('codex'), '^(apply_patch|Bash)$', 30),
        PostToolUse: group(command('codex'), '^apply_patch$', 30),
        Stop: group(command('codex'), undefined, 120),
      },
    },
    // VS Code has no matchers: every tool call arrives, and the hook answers the others at once.
    vscode: {
      file: '.github/hooks/loopwarden.json',
      events: {
        PreToolUse: { type: 'command', command: command('vscode'), timeout: 30 },
        PostToolUse: { type: 'command', command: command('vscode'), timeout: 30 },
        Stop: { type: 'command', command: command('vscode'), timeout: 120 },
      },
    },
  };
};

/** The settings file an agent's hooks go in, relative to the repository top. */
export function settingsFileOf(agent: InitAgent): string {
  return settingsOf('npx')[agent].file;
}

/** A settings file that cannot take the hooks: what in it is wrong. */
export class SettingsShapeError extends Error {}

/**
 * `existing` (the parsed file, or undefined when there is none) with the agent's loopwarden hooks added
 * to every event that does not run them yet, and the events added; throws SettingsShapeError when the
 * file's `hooks` (or an event's list) is not the shape the agent reads.
 */
export function mergeAgentHooks(existing: unknown, agent: InitAgent, runner: HookRunner = 'npx'): { settings: Record<string, unknown>; added: string[] } {
  if (existing !== undefined && !isObject(existing)) throw new SettingsShapeError('is not a JSON object');
  const spec = settingsOf(runner)[agent];
  const settings: Record<string, unknown> = { ...(existing ?? {}) };
  for (const [key, value] of Object.entries(spec.top ?? {})) if (!(key in settings)) settings[key] = value;
  if (settings.hooks !== undefined && !isObject(settings.hooks)) throw new SettingsShapeError('has "hooks" that is not an object');
  const hooks: Record<string, unknown> = { ...((settings.hooks as Record<string, unknown> | undefined) ?? {}) };
  const added: string[] = [];
  for (const [event, entry] of Object.entries(spec.events)) {
    const list = hooks[event] ?? [];
    if (!Array.isArray(list)) throw new SettingsShapeError(`has "hooks.${event}" that is not a list`);
    if (list.some((item) => runsLoopwarden(item, agent))) continue;
    hooks[event] = [...list, entry];
    added.push(event);
  }
  settings.hooks = hooks;
  return { settings, added };
}

/** Whether a handler or group already runs `loopwarden hook <agent>` (however loopwarden is invoked). */
function runsLoopwarden(item: unknown, agent: InitAgent): boolean {
  if (!isObject(item)) return false;
  const pattern = new RegExp(`(loopwarden\\s+hook|loopwarden-hook|main\\.js\\s+hook|hook\\.sh)\\s+${agent}(\\s|$)`);
  if (typeof item.command === 'string' && pattern.test(item.command)) return true;
  return Array.isArray(item.hooks) && item.hooks.some((inner) => isObject(inner) && typeof inner.command === 'string' && pattern.test(inner.command));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
