import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { runScan } from './scan-command.js';
import { playDemoLoop } from './demo-loop.js';
import { shouldColor } from './color.js';

/** The example project the demo scans: real weaknesses next to safe look-alikes, in several languages. */
export const DEMO_PROJECT_DIR = fileURLToPath(new URL('../../../examples/demo', import.meta.url));

/** Defines `loopwarden demo`. */
export function demoCommand(): Command {
  return new Command('demo')
    .description('scan a built-in multi-language example, then play a scripted AI coding loop, in a throw-away directory')
    .option('--keep', 'keep the temporary project and print where it is', false)
    .action(async (flags: { keep: boolean }) => {
      process.exitCode = await runDemo(flags.keep);
    });
}

/** Copies the demo project to a temporary directory, scans it and prints the report; returns 0. */
export async function runDemo(keep: boolean): Promise<number> {
  const directory = mkdtempSync(join(tmpdir(), 'loopwarden-demo-'));
  try {
    cpSync(DEMO_PROJECT_DIR, join(directory, 'scan'), { recursive: true });
    process.stdout.write(
      [
        'loopwarden demo: a small project with real weaknesses and safe look-alikes in Python, JavaScript,',
        'TypeScript, Java, Go and C. Every finding below names the CWE, why it matters and how to fix it;',
        'the safe look-alikes (parameterised queries, argument lists without a shell, snprintf) stay silent.',
        `Project copied to ${directory}`,
        '',
        '$ loopwarden scan --complexity',
        '',
      ].join('\n'),
    );
    await runScan(['.'], { format: 'text', include: [], exclude: [], rules: [], complexity: true, failOn: 'none' }, join(directory, 'scan'));
    process.stdout.write('\n');
    const loopDirectory = join(directory, 'loop');
    mkdirSync(loopDirectory);
    await playDemoLoop(loopDirectory, shouldColor(undefined));
    return 0;
  } finally {
    if (keep) process.stdout.write(`\nThe demo project is kept at ${directory}\n`);
    else rmSync(directory, { recursive: true, force: true });
  }
}
