import { Command, CommanderError } from 'commander';
import { describeUserFacingError } from '../errors.js';
import { TOOL_VERSION } from '../version.js';
import { demoCommand } from './demo-command.js';
import { scanCommand } from './scan-command.js';

/** Exit codes every command shares. */
export const EXIT = { ok: 0, findings: 1, error: 2 } as const;

function buildProgram(): Command {
  const program = new Command('loopwarden')
    .description('Stops AI coding loops from quietly making code less secure.')
    .version(TOOL_VERSION)
    .showSuggestionAfterError(true)
    .exitOverride();
  for (const command of [scanCommand(), demoCommand()]) program.addCommand(command.exitOverride());
  return program;
}

/** Runs the CLI and returns its exit code; user errors are one line on stderr, never a stack trace. */
export async function main(argv: string[]): Promise<number> {
  process.exitCode = EXIT.ok;
  try {
    await buildProgram().parseAsync(argv);
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
