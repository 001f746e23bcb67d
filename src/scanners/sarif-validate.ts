import { createRequire } from 'node:module';
import { parseSarifLog, type SarifRun } from './sarif-read.js';

interface SchemaError {
  instancePath: string;
  message?: string;
}
type Validator = ((value: unknown) => boolean) & { errors?: SchemaError[] | null };

let validator: Validator | undefined;

/**
 * Checks a parsed SARIF log against the official SARIF 2.1.0 schema; returns the first problem, or undefined
 * when it is valid. The schema is compiled at build time (scripts/build-sarif-validator.mjs).
 */
export function sarifSchemaProblem(value: unknown): string | undefined {
  validator ??= createRequire(import.meta.url)('./sarif-schema-validate.cjs') as Validator;
  if (validator(value)) return undefined;
  const error = validator.errors?.[0];
  return error ? `${error.instancePath || 'the log'} ${error.message ?? 'is not valid'} (SARIF 2.1.0 schema)` : 'not valid against the SARIF 2.1.0 schema';
}

/** Parses and checks SARIF text: the log with the fields the reader uses, or what is wrong with it (one line). */
export function loadSarifLog(text: string): { log: { runs: SarifRun[] } } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    return { problem: text.trim() === '' ? 'empty output, no SARIF log' : `not JSON (${(error as Error).message.slice(0, 200)})` };
  }
  try {
    const problem = sarifSchemaProblem(value);
    if (problem) return { problem };
    const parsed = parseSarifLog(value);
    return 'problem' in parsed ? parsed : { log: parsed };
  } catch (error) {
    // A log nested deeper than the validator's stack is hostile or broken: refused like any invalid log.
    if (error instanceof RangeError) return { problem: 'nested too deeply to read' };
    throw error;
  }
}
