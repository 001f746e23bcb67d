import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '@ast-grep/napi';
import { LANGUAGES, registerParsers } from '../../src/languages/registry.js';
import type { LanguageSpec } from '../../src/languages/language.js';

// A kind the grammar does not know makes ast-grep throw at scan time; catch every one here instead.
function kindsOf(language: LanguageSpec): string[] {
  const shape = language.complexity;
  return [
    ...language.functionKinds,
    ...language.stringKinds,
    ...language.interpolationKinds,
    ...language.constantKinds,
    ...language.identifierKinds,
    ...language.concatKinds,
    ...language.parenthesizedKinds,
    ...language.assignments.map((a) => a.kind),
    ...Object.entries(shape)
      .filter(([key]) => key !== 'logicalOperators')
      .flatMap(([, kinds]) => kinds as string[]),
  ];
}

for (const language of LANGUAGES) {
  test(`${language.id}: every node kind the language module names exists in its grammar`, () => {
    registerParsers();
    const root = parse(language.parserName as never, '').root();
    const unknown = [...new Set(kindsOf(language))].filter((kind) => {
      try {
        root.findAll({ rule: { kind } } as never);
        return false;
      } catch {
        return true;
      }
    });
    assert.deepEqual(unknown, []);
  });
}
