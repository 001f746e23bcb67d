import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse } from '@ast-grep/napi';
import { anchorMatcher, anchorRule, isHeavy, mayMatch } from '../../src/engine/anchor.js';
import { BUILTIN_RULES_DIR, findRuleFiles, loadRuleFile } from '../../src/rules/load.js';
import { languageById, registerParsers } from '../../src/languages/registry.js';
import type { SyntaxNode } from '../../src/languages/language.js';

const parseRoot = (language: string, code: string) => parse(language as never, code).root() as unknown as SyntaxNode;

test('an anchor keeps the structure and leaves out regexes and negations', () => {
  const rule = {
    kind: 'call',
    regex: '^os\\.(system|popen)',
    not: { has: { pattern: 'safe($X)' } },
    has: { field: 'arguments', stopBy: 'end', regex: 'x' },
    inside: { kind: 'function_definition', stopBy: { kind: 'class_definition', regex: '^class Safe' } },
  };
  assert.deepEqual(anchorRule(rule), { kind: 'call', inside: { kind: 'function_definition', stopBy: { kind: 'class_definition', regex: '^class Safe' } } });
});

test('an alternative left empty makes the whole any match anything, and a rule with nothing left has no anchor', () => {
  assert.deepEqual(anchorRule({ kind: 'call', any: [{ pattern: 'f($X)' }, { regex: '^g' }] }), { kind: 'call' });
  assert.deepEqual(anchorRule({ all: [{ regex: 'a' }, { pattern: 'f($X)' }] }), { all: [{ pattern: 'f($X)' }] });
  assert.equal(anchorRule({ regex: '^(a|b)$' }), null);
  assert.equal(anchorMatcher({ rule: { matches: 'u' }, utils: { u: { regex: 'x' } } }), null);
  assert.deepEqual(anchorMatcher({ rule: { matches: 'u' }, utils: { u: { kind: 'call', regex: 'x' } }, constraints: { X: { regex: 'y' } } }), { rule: { matches: 'u' }, utils: { u: { kind: 'call' } } });
});

test('heavy means long regexes; a heavy rule whose anchor is absent is skipped, any other is searched', () => {
  registerParsers();
  const root = parseRoot('python', 'def f(x):\n    return x\n');
  const heavy = { rule: { kind: 'call', regex: '^(subprocess\\.(run|call|Popen)|os\\.(system|popen))\\(' } };
  assert.ok(isHeavy(heavy));
  assert.equal(isHeavy({ rule: { kind: 'call', regex: '^eval$' } }), false);
  assert.equal(mayMatch(root, heavy), false, 'no call at all');
  assert.equal(mayMatch(parseRoot('python', 'print(1)\n'), heavy), true, 'a call: the real rule decides');
});

// Skipping a search on an absent anchor is only sound if every built-in entry that matches has its anchor match.
test('every heavy built-in branch and list entry that matches its example has its anchor match there', () => {
  registerParsers();
  let heavy = 0;
  for (const { rulePath, examplePath } of findRuleFiles(BUILTIN_RULES_DIR)) {
    if (!examplePath) continue;
    const rule = loadRuleFile(rulePath);
    const text = readFileSync(examplePath, 'utf8');
    for (const languageId of rule.languages) {
      const language = languageById(languageId)!;
      if (!language.extensions.includes(extname(examplePath))) continue;
      const root = parse(language.parserName as never, text).root();
      const matcher = rule.matchers[languageId]!;
      const entries = [
        ...(Array.isArray(matcher.rule.any) ? (matcher.rule.any as Record<string, unknown>[]) : [matcher.rule]),
        ...Object.values(rule.taint?.[languageId] ?? {}).filter(Array.isArray).flat(),
        ...(rule.sanitizers[languageId] ?? []),
        ...(rule.guards?.[languageId] ?? []),
      ].filter((entry): entry is Record<string, unknown> => typeof entry === 'object' && entry !== null && !('method' in entry));
      for (const entry of entries) {
        const candidate = { rule: entry, utils: matcher.utils };
        if (!isHeavy(candidate)) continue;
        heavy++;
        let matched: boolean;
        try {
          matched = root.findAll({ ...candidate, constraints: undefined } as never).length > 0;
        } catch {
          continue; // an entry whose metavariables only the whole matcher's constraints explain
        }
        const anchor = anchorMatcher(candidate);
        if (matched && anchor) assert.ok(root.find(anchor as never) !== null, `${rule.id} (${languageId}) on ${examplePath}: ${JSON.stringify(entry).slice(0, 200)}`);
      }
    }
  }
  assert.ok(heavy > 50, `checked ${heavy} heavy entries`);
});
