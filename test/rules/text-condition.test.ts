import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse } from '@ast-grep/napi';
import { FileText, regexChunks, textConditionOf } from '../../src/rules/text-condition.js';
import { BUILTIN_RULES_DIR, findRuleFiles, loadRuleFile } from '../../src/rules/load.js';
import { languageById, registerParsers } from '../../src/languages/registry.js';
import type { AstGrepMatcher } from '../../src/rules/rule.js';

const allows = (rule: Record<string, unknown>, text: string) => new FileText(text).allows(textConditionOf(rule));

test('a pattern needs each of its identifiers whole, and those written together written together', () => {
  const des = { pattern: 'DES.new($KEY, $$$)' };
  assert.ok(allows(des, 'c = DES.new(k, mode)'));
  assert.ok(allows(des, 'c = DES\n    .new(k)'), 'whitespace and line breaks between the parts');
  assert.ok(allows(des, 'c = des.NEW(k)'), 'case is ignored (PHP names are case-insensitive)');
  assert.ok(allows({ pattern: 'crypto.createCipher($A, $B)' }, 'crypto /* x */ .createCipher(a, b)'), 'ast-grep skips comments: so must the condition');
  assert.ok(allows({ pattern: 'Cipher.getInstance($X)' }, 'Cipher. // x\n  getInstance("DES")'));
  // Many comments where the run breaks off must not make the regex backtrack for ever.
  const hostile = `DES ${'/* a */ # b\n'.repeat(3000)}${'#'.repeat(5000)} .old(k)`;
  assert.equal(allows({ pattern: 'DES.new($K)' }, `${hostile}\nnew = 1`), false);
  assert.equal(allows(des, 'DES = 1\nrenew = DES.old\nx.new()'), false, 'both words, but never DES.new');
  assert.equal(allows(des, 'c = DESX.new(k)'), false, 'a longer identifier is another identifier');
  assert.ok(allows({ pattern: '$THIS->query($SQL)' }, '$this->query($q);'));
  assert.ok(allows({ pattern: '$this->query($SQL)' }, '$this ->  query($q);'), '`$` is no part of the word before it');
  assert.ok(allows({ pattern: '$C.new($KEY, $C.MODE_ECB, $$$)' }, 'AES.new(k, AES.MODE_ECB)'));
  assert.equal(allows({ pattern: '$C.new($KEY, $C.MODE_ECB, $$$)' }, 'AES.new(k, AES.MODE_CBC, iv)'), false);
  assert.ok(allows({ pattern: '$X' }, ''), 'a bare metavariable needs nothing');
});

test('relations and combinations: has/inside/all need every part, any needs one, not needs nothing', () => {
  const rule = { kind: 'call', has: { pattern: 'pickle.loads($X)' }, inside: { pattern: 'def $F($$$): $$$' }, not: { pattern: 'safe($X)' } };
  assert.ok(allows(rule, 'def f(x):\n    return pickle.loads(x)'));
  assert.equal(allows(rule, 'pickle.loads(x)'), false);
  assert.ok(allows({ any: [{ pattern: 'os.system($C)' }, { pattern: 'os.popen($C)' }] }, 'os.popen(c)'));
  assert.equal(allows({ any: [{ pattern: 'os.system($C)' }, { pattern: 'os.popen($C)' }] }, 'os.spawn(c)'), false);
  assert.equal(textConditionOf({ any: [{ pattern: 'eval($C)' }, { kind: 'call' }] }), null, 'an alternative that needs nothing');
  const utils = { sink: { pattern: 'cursor.execute($Q)' } };
  assert.equal(new FileText('cursor.run(q)').allows(textConditionOf({ matches: 'sink' }, utils)), false);
});

test('regexes: a literal chunk of each alternative, anywhere in a word; unsure regexes need nothing', () => {
  assert.deepEqual(regexChunks('^(checkServerTrusted|checkClientTrusted)$'), ['checkservertrusted', 'checkclienttrusted']);
  assert.deepEqual(regexChunks('(?i)(token|session_?id|api_?key|^key$)'), ['token', 'session', 'api', 'key']);
  assert.equal(regexChunks('^[A-Z]+$'), undefined);
  assert.deepEqual(regexChunks('(^|\\.)create(Cipheriv|Decipheriv)$'), ['create']);
  assert.deepEqual(regexChunks('^shell\\s*=\\s*True$'), ['shell']);
  assert.deepEqual(regexChunks('-----BEGIN (RSA |EC )?PRIVATE KEY-----'), ['private']);
  assert.deepEqual(regexChunks('^abcx{0,1}d$'), ['abc'], 'a counted character may be absent');
  assert.equal(regexChunks('^(a|bc)$'), undefined);
  assert.ok(allows({ regex: '^EVP_des_.*$' }, 'EVP_des_cbc()'));
  assert.equal(allows({ regex: '^EVP_des_.*$' }, 'EVP_aes_cbc()'), false);
});

// The conditions are only worth having if they never hide a match: every branch, source, sanitizer and guard
// of every built-in rule that matches its own example file must have its condition hold there.
test('no built-in rule entry that matches its example is ever filtered out by its condition', () => {
  registerParsers();
  let checked = 0;
  for (const { rulePath, examplePath } of findRuleFiles(BUILTIN_RULES_DIR)) {
    if (!examplePath) continue;
    const rule = loadRuleFile(rulePath);
    const text = readFileSync(examplePath, 'utf8');
    const fileText = new FileText(text);
    for (const languageId of rule.languages) {
      const language = languageById(languageId)!;
      if (!language.extensions.includes(extname(examplePath))) continue;
      const root = parse(language.parserName as never, text).root();
      const matcher = rule.matchers[languageId]! as AstGrepMatcher;
      const matches = (entry: Record<string, unknown>) => root.findAll({ ...matcher, rule: entry, constraints: constraintsFor(entry, matcher) } as never).length > 0;
      const where = `${rule.id} (${languageId}) on ${examplePath}`;
      if (matches(matcher.rule)) assert.ok(fileText.allows(rule.condition), `${where}: rule condition`);
      const branches = Array.isArray(matcher.rule.any) ? (matcher.rule.any as Record<string, unknown>[]) : [];
      branches.forEach((branch, index) => {
        checked++;
        if (rule.branchConditions && matches(branch)) assert.ok(fileText.allows(rule.branchConditions[index]), `${where}: branch ${index} ${JSON.stringify(branch)}`);
      });
      const spec = rule.taint?.[languageId];
      for (const list of ['sources', 'sanitizers', 'guards'] as const) {
        (spec?.[list] ?? []).forEach((entry, index) => {
          checked++;
          if (root.findAll({ rule: entry } as never).length > 0) assert.ok(fileText.allows(spec!.conditions?.[list][index]), `${where}: ${list} ${index} ${JSON.stringify(entry)}`);
        });
      }
      for (const [entries, conditions, list] of [[rule.sanitizers[languageId] ?? [], rule.sanitizerConditions, 'sanitizers'], [rule.guards?.[languageId] ?? [], rule.guardConditions, 'guards']] as const) {
        entries.forEach((entry, index) => {
          checked++;
          if (root.findAll({ rule: entry } as never).length > 0) assert.ok(fileText.allows(conditions[index]), `${where}: rule ${list} ${index} ${JSON.stringify(entry)}`);
        });
      }
      if (spec && (spec.sources ?? []).some((entry) => root.findAll({ rule: entry } as never).length > 0)) assert.ok(fileText.allows(rule.sourceCondition), `${where}: source condition`);
    }
  }
  assert.ok(checked > 1000, `checked ${checked} entries`);
});

function constraintsFor(entry: Record<string, unknown>, matcher: AstGrepMatcher): Record<string, unknown> | undefined {
  const text = JSON.stringify(entry) + JSON.stringify(matcher.utils ?? {});
  const kept = Object.entries(matcher.constraints ?? {}).filter(([name]) => new RegExp(`\\$${name}\\b`).test(text));
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
}
