import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { validateXML } = require('xmllint-wasm') as typeof import('xmllint-wasm');
// The widely used Apache Ant JUnit schema (windyroad/JUnit-Schema); its source and licence are in the file.
const JUNIT_XSD = readFileSync(fileURLToPath(new URL('../../../test/fixtures/junit/JUnit.xsd', import.meta.url)), 'utf8');

/** Validates JUnit XML against the Ant JUnit XSD with xmllint; returns its errors (empty when valid). */
export async function junitSchemaErrors(xml: string): Promise<string[]> {
  try {
    const result = await validateXML({ xml: [{ fileName: 'report.xml', contents: xml }], schema: [{ fileName: 'JUnit.xsd', contents: JUNIT_XSD }] });
    return result.errors.map((error) => error.rawMessage);
  } catch (error) {
    return [String((error as Error).message)];
  }
}
