import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TOOL_VERSION } from '../version.js';

// Build step: dist/bin/loopwarden-hook is bin/loopwarden-hook.sh with the package version written in,
// so the shell client can tell a warm server of another version without starting Node.
const source = fileURLToPath(new URL('../../../bin/loopwarden-hook.sh', import.meta.url));
const target = fileURLToPath(new URL('../../bin/loopwarden-hook', import.meta.url));
mkdirSync(fileURLToPath(new URL('../../bin/', import.meta.url)), { recursive: true });
writeFileSync(target, readFileSync(source, 'utf8').replace('@VERSION@', TOOL_VERSION));
chmodSync(target, 0o755);
console.log(`hook client: ${target}`);
