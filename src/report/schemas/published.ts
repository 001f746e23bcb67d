import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** Where the published JSON Schemas are committed: docs/schemas/<name>.schema.json. */
export const PUBLISHED_SCHEMAS_DIR = fileURLToPath(new URL('../../../../docs/schemas/', import.meta.url));

/** Every command output with a published JSON Schema, by file name; adding one is adding its line. */
const PUBLISHED_OUTPUTS: Record<string, () => Promise<z.ZodType>> = {
  scan: async () => (await import('./scan.js')).scanReportSchema,
  diff: async () => (await import('./diff.js')).diffReportSchema,
  'ledger-export': async () => (await import('./ledger-export.js')).ledgerExportSchema,
  check: async () => (await import('./check.js')).checkReportSchema,
  status: async () => (await import('./status.js')).statusReportSchema,
  review: async () => (await import('./review.js')).reviewReportSchema,
  'experiment-report': async () => (await import('./experiment.js')).experimentReportSchema,
};

/** Returns each published schema's file name and text, generated from the zod schemas (JSON Schema 2020-12). */
export async function renderPublishedSchemas(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const [name, load] of Object.entries(PUBLISHED_OUTPUTS)) {
    const schema = z.toJSONSchema(await load(), { target: 'draft-2020-12', io: 'output' });
    files.set(`${name}.schema.json`, `${JSON.stringify(schema, null, 2)}\n`);
  }
  return files;
}
