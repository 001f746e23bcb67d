import { test } from 'node:test';
import assert from 'node:assert/strict';
import { relative, sep } from 'node:path';
import { BUILTIN_RULES_DIR, findRuleFiles, loadRuleFile } from '../../src/rules/load.js';
import { checkRuleExample } from '../../src/rules/example-check.js';

// One generic test per rule file: its annotated example must be flagged exactly where it says.
const locations = findRuleFiles(BUILTIN_RULES_DIR);

test('the rules directory holds rules', () => {
  assert.ok(locations.length > 0);
});

for (const location of locations) {
  const name = relative(BUILTIN_RULES_DIR, location.rulePath);
  test(`rule ${name}`, () => {
    const rule = loadRuleFile(location.rulePath);
    const [languageDir, classDir] = relative(BUILTIN_RULES_DIR, location.rulePath).split(sep);
    assert.ok(classDir && !classDir.endsWith('.yml'), `${name}: rules live in rules/<language>/<cwe-class>/`);
    const family: Record<string, string[]> = { javascript: ['javascript', 'typescript', 'tsx', 'ejs'], c: ['c', 'cpp'] };
    assert.ok(
      (family[languageDir!] ?? [languageDir]).some((id) => rule.languages.includes(id as never)),
      `${name}: the folder '${languageDir}' is not one of the rule's languages`,
    );
    assert.ok(location.examplePath, `${name}: no example file beside the rule`);
    const check = checkRuleExample(rule, location.examplePath);
    assert.deepEqual(check.problems, []);
    const wrong = check.results.filter((r) => r.outcome === 'noisy' || r.outcome === 'missing');
    assert.deepEqual(
      wrong.map((r) => `line ${r.line}: ${r.outcome}`),
      [],
      `${check.examplePath}: ${wrong.length} wrong of ${check.results.length} annotated lines`,
    );
    assert.deepEqual(check.unannotatedFindings.map((line) => `line ${line}: flagged without an annotation`), []);
  });
}

// The CLI loads the rules from the compiled pack (JSON); every example must come out the same from there.
test('every example is flagged the same with the rules read back from the compiled rule pack', async () => {
  const { loadBuiltinRules } = await import('../../src/rules/rule-pack.js');
  const packed = new Map((await loadBuiltinRules()).map((rule) => [rule.id, rule]));
  const wrong: string[] = [];
  for (const location of locations) {
    const rule = packed.get(loadRuleFile(location.rulePath).id);
    if (!rule || !location.examplePath) {
      wrong.push(`${location.rulePath}: not in the pack`);
      continue;
    }
    const check = checkRuleExample(rule, location.examplePath);
    for (const r of check.results) if (r.outcome === 'noisy' || r.outcome === 'missing') wrong.push(`${rule.id} line ${r.line}: ${r.outcome}`);
  }
  assert.deepEqual(wrong, []);
});
