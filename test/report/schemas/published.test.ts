import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PUBLISHED_SCHEMAS_DIR, renderPublishedSchemas } from '../../../src/report/schemas/published.js';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020') as typeof import('ajv/dist/2020.js').default;
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
const DIR_IN_REPO = 'docs/schemas';

/**
 * The committed schema files by name. `npm test` builds first, and the build rewrites docs/schemas, so the
 * files on disk always match: what must match is what git holds (the index, which CI's checkout equals).
 */
function committedSchemas(): Map<string, string> {
  const listed = spawnSync('git', ['ls-files', '-z', '--', DIR_IN_REPO], { cwd: REPO, encoding: 'utf8' });
  const files = new Map<string, string>();
  if (listed.status !== 0) {
    // Not a git checkout (an unpacked source archive): the files on disk are all there is.
    for (const name of readdirSync(PUBLISHED_SCHEMAS_DIR)) files.set(name, readFileSync(join(PUBLISHED_SCHEMAS_DIR, name), 'utf8'));
    return files;
  }
  for (const path of listed.stdout.split('\0').filter(Boolean)) {
    const shown = spawnSync('git', ['show', `:${path}`], { cwd: REPO, encoding: 'utf8' });
    assert.equal(shown.status, 0, shown.stderr);
    files.set(path.slice(DIR_IN_REPO.length + 1), shown.stdout);
  }
  return files;
}

test('the committed docs/schemas files are exactly what the generator writes', async () => {
  assert.equal(PUBLISHED_SCHEMAS_DIR, join(REPO, DIR_IN_REPO, '/'));
  const generated = await renderPublishedSchemas();
  const committed = committedSchemas();
  assert.deepEqual([...committed.keys()].sort(), [...generated.keys()].sort(), 'docs/schemas: run `npm run build` and commit what it writes');
  for (const [name, text] of generated) {
    assert.equal(committed.get(name), text, `docs/schemas/${name} is stale: run \`npm run build\` and commit it`);
  }
});

test('every published schema is a JSON Schema 2020-12 that ajv compiles in strict mode', async () => {
  const generated = await renderPublishedSchemas();
  for (const name of ['scan.schema.json', 'diff.schema.json', 'ledger-export.schema.json']) assert.ok(generated.has(name), `${name} is not published`);
  for (const [name, text] of generated) {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats(ajv);
    const schema = JSON.parse(text) as { $schema: string; title: string; properties: { schemaVersion: { const: string } } };
    assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema', name);
    assert.match(schema.title, /^loopwarden /, name);
    assert.match(schema.properties.schemaVersion.const, /^\d+\.\d+\.\d+$/, name);
    assert.doesNotThrow(() => ajv.compile(schema), name);
    assert.ok(existsSync(join(PUBLISHED_SCHEMAS_DIR, name)), `${name} was not written by the build`);
  }
});
