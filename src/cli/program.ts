import { Command, CommanderError } from 'commander';
import { describeUserFacingError } from '../errors.js';
import { TOOL_VERSION } from '../version.js';

/** Exit codes every command shares. */
export const EXIT = { ok: 0, findings: 1, error: 2 } as const;

// Each command's module loads only when that command runs: `scan` after every AI edit must not pay for
// the ledger's SQLite driver, and `check` must not pay for what it does not use.
const COMMANDS: Record<string, () => Promise<Command>> = {
  scan: async () => (await import('./scan-command.js')).scanCommand(),
  diff: async () => (await import('./diff-command.js')).diffCommand(),
  init: async () => (await import('./init-command.js')).initCommand(),
  check: async () => (await import('./check-command.js')).checkCommand(),
  review: async () => (await import('./review-command.js')).reviewCommand(),
  status: async () => (await import('./status-command.js')).statusCommand(),
  ledger: async () => (await import('./ledger-command.js')).ledgerCommand(),
  history: async () => (await import('./history-command.js')).historyCommand(),
  ci: async () => (await import('./ci-command.js')).ciCommand(),
  'git-hook': async () => (await import('./git-hook-command.js')).gitHookCommand(),
  demo: async () => (await import('./demo-command.js')).demoCommand(),
  rules: async () => (await import('./rules-command.js')).rulesCommand(),
  hook: async () => (await import('./hook-command.js')).hookCommand(),
  serve: async () => (await import('./serve-command.js')).serveCommand(),
  mcp: async () => (await import('./mcp-command.js')).mcpCommand(),
  experiment: async () => (await import('./experiment-command.js')).experimentCommand(),
  server: async () => (await import('./server-command.js')).serverCommand(),
  worker: async () => (await import('./worker-command.js')).workerCommand(),
  adapt: async () => (await import('./adapt-command.js')).adaptCommand(),
};

async function buildProgram(argv: string[]): Promise<Command> {
  const program = new Command('loopwarden')
    .description('Stops AI coding loops from quietly making code less secure.')
    .version(TOOL_VERSION)
    .showSuggestionAfterError(true)
    .exitOverride();
  const requested = argv[2];
  const names = requested && requested in COMMANDS ? [requested] : Object.keys(COMMANDS);
  const commands = await Promise.all(names.map((name) => COMMANDS[name]!()));
  // Every level (`server admin create-user`) reports errors through main's one-line messages.
  const override = (command: Command): void => {
    command.exitOverride();
    command.commands.forEach(override);
  };
  for (const command of commands) {
    override(command);
    program.addCommand(command);
  }
  return program;
}

/** Runs the CLI and returns its exit code; user errors are one line on stderr, never a stack trace. */
export async function main(argv: string[]): Promise<number> {
  process.exitCode = EXIT.ok;
  try {
    await (await buildProgram(argv)).parseAsync(argv);
    return Number(process.exitCode ?? EXIT.ok);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its one-line message (or help / version, which exit 0).
      return error.exitCode === 0 ? EXIT.ok : EXIT.error;
    }
    const message = describeUserFacingError(error);
    if (message) {
      process.stderr.write(`loopwarden: ${message}\n`);
      return EXIT.error;
    }
    process.stderr.write(`loopwarden: internal error: ${(error as Error)?.stack ?? String(error)}\nPlease report this at https://github.com/loopwarden/loopwarden/issues\n`);
    return EXIT.error;
  }
}
