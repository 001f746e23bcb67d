import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { chromium, type Browser } from 'playwright-core';

/** The Chromium the browser tests drive: `LOOPWARDEN_CHROMIUM`, else Debian's. */
export const CHROMIUM = process.env.LOOPWARDEN_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Installs Debian's `chromium` (and `fonts-liberation`, so pages render with real fonts) when it is missing and
 * this runs as root with apt-get (a fresh machine running `npm test`); elsewhere says in one line what to install.
 * playwright-core downloads no browser of its own.
 */
export function ensureChromium(): void {
  if (existsSync(CHROMIUM)) return;
  const canInstall = CHROMIUM === '/usr/bin/chromium' && process.getuid?.() === 0 && spawnSync('sh', ['-c', 'command -v apt-get']).status === 0;
  if (!canInstall) {
    throw new Error(`the browser tests need Chromium at ${CHROMIUM}: install Debian's chromium and fonts-liberation packages (apt-get install chromium fonts-liberation), set LOOPWARDEN_CHROMIUM to a Chromium binary, or run as root to let the tests install it`);
  }
  for (const args of [['update', '-q'], ['install', '-y', '-q', '--no-install-recommends', 'chromium', 'fonts-liberation']]) {
    const result = spawnSync('apt-get', args, { encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed: ${result.stderr}`);
  }
}

/** Starts Chromium headless, installing it first when missing; on this closed network it must not phone home. */
export async function launchChromium(): Promise<Browser> {
  ensureChromium();
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
