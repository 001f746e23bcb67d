// Copies the dashboard's static files (CSS, its optional script) beside the compiled pages: `npm run build` calls it.
import { cpSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const from = join(root, 'src', 'server', 'dashboard', 'assets');
const to = join(root, 'dist', 'src', 'server', 'dashboard', 'assets');
mkdirSync(to, { recursive: true });
cpSync(from, to, { recursive: true });
