import { Command } from 'commander';
import { runHookClient } from '../serve/hook-client.js';

/**
 * Defines `loopwarden hook <agent>`. The command line normally never gets here: main.ts sends `hook` to the
 * small client first, so an agent's edit does not pay for loading the CLI; this is for help and checks.
 */
export function hookCommand(): Command {
  return new Command('hook')
    .description('answer a coding agent hook call (payload JSON on stdin): claude-code, cursor, gemini, codex, vscode')
    .argument('<agent>', 'the agent whose hook payload arrives on stdin')
    .option('--fail-closed', 'stop the agent when the payload or the check fails (default: one line on stderr, and the agent goes on)')
    .option('--no-server', 'answer in this process instead of through the warm server (`loopwarden serve`)')
    .action(async () => {
      process.exitCode = await runHookClient(process.argv);
    });
}
