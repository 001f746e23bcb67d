#!/usr/bin/env node

// A reader that stops early (`loopwarden demo | head`) closes the pipe: that ends the output, not in an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

// An agent hook runs on every edit: its client must not pay for loading the CLI (see serve/hook-client.ts).
const hookCall = process.argv[2] === 'hook' && process.argv[3] !== undefined && !process.argv.slice(3).some((arg) => arg === '-h' || arg === '--help');
process.exitCode = hookCall ? await (await import('../serve/hook-client.js')).runHookClient(process.argv) : await (await import('./program.js')).main(process.argv);
