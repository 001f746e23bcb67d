import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PUBLISHED_SCHEMAS_DIR, renderPublishedSchemas } from './published.js';

// Build step: regenerate docs/schemas/*.schema.json from the zod schemas of the outputs, removing schemas
// of outputs no longer published. A test fails while the committed files differ from what this writes.
const files = await renderPublishedSchemas();
mkdirSync(PUBLISHED_SCHEMAS_DIR, { recursive: true });
for (const stale of readdirSync(PUBLISHED_SCHEMAS_DIR).filter((name) => name.endsWith('.schema.json') && !files.has(name))) {
  rmSync(join(PUBLISHED_SCHEMAS_DIR, stale));
}
for (const [name, text] of files) writeFileSync(join(PUBLISHED_SCHEMAS_DIR, name), text);
process.stdout.write(`json schemas: ${[...files.keys()].join(', ')} → ${PUBLISHED_SCHEMAS_DIR}\n`);
