import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PUBLISHED_SCHEMAS_DIR } from '../src/report/schemas/published.js';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020') as typeof import('ajv/dist/2020.js').default;
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;

/** Validates against the published file itself, as a consumer of docs/schemas would. */
export function validatorFor(name: string): (value: unknown) => void {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(join(PUBLISHED_SCHEMAS_DIR, `${name}.schema.json`), 'utf8')));
  return (value) => assert.equal(validate(value), true, `${name}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
}

/** Asserts the validator is live: the output with an undocumented field, or another version, is refused. */
export function assertRefusesDrift(name: string, output: Record<string, unknown>): void {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(join(PUBLISHED_SCHEMAS_DIR, `${name}.schema.json`), 'utf8')));
  assert.equal(validate({ ...output, undocumented: true }), false, `${name} accepted an undocumented field`);
  assert.equal(validate({ ...output, schemaVersion: '0.0.0' }), false, `${name} accepted another schemaVersion`);
}

