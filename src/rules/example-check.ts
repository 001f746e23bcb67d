import { readFileSync } from 'node:fs';
import { languageForPath } from '../languages/registry.js';
import { analyzeSource } from '../engine/scan-file.js';
import type { Rule } from './rule.js';

/** The four outcomes of detection theory, named as ast-grep's rule tester names them. */
export type ExampleOutcome = 'validated' | 'reported' | 'noisy' | 'missing';

/** One annotated line of an example file and what the rule did there. */
export interface ExampleLineResult {
  line: number;
  expected: 'flagged' | 'silent';
  outcome: ExampleOutcome;
}

/** The verdict on one rule's example file. */
export interface ExampleCheck {
  ruleId: string;
  examplePath: string;
  results: ExampleLineResult[];
  /** Lines the rule flagged that carry no annotation at all. */
  unannotatedFindings: number[];
  problems: string[];
}

const ANNOTATION = /(?:#|\/\/|\/\*|--)\s*(ruleid|ok)\s*:\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)/;

/** Runs `rule` over its annotated example file and compares every annotated line with what was flagged. */
export function checkRuleExample(rule: Rule, examplePath: string): ExampleCheck {
  const check: ExampleCheck = { ruleId: rule.id, examplePath, results: [], unannotatedFindings: [], problems: [] };
  const language = languageForPath(examplePath);
  if (!language) {
    check.problems.push(`${examplePath}: no language owns this file extension`);
    return check;
  }
  if (!rule.languages.includes(language.id)) {
    check.problems.push(`${examplePath}: the rule does not apply to ${language.id}`);
    return check;
  }
  const text = readFileSync(examplePath, 'utf8');
  const analysis = analyzeSource(examplePath, text, language, [rule], { complexity: false });
  const flagged = new Set([...analysis.findings, ...analysis.suppressed].map((f) => f.startLine));
  const annotated = new Set<number>();
  text.split('\n').forEach((lineText, index) => {
    const match = ANNOTATION.exec(lineText);
    if (!match) return;
    const ids = match[2]!.split(',').map((id) => id.trim());
    if (!ids.includes(rule.id)) return;
    const target = index + 2; // the annotation describes the next line
    annotated.add(target);
    const expected = match[1] === 'ruleid' ? 'flagged' : 'silent';
    const isFlagged = flagged.has(target);
    const outcome: ExampleOutcome =
      expected === 'flagged' ? (isFlagged ? 'reported' : 'missing') : isFlagged ? 'noisy' : 'validated';
    check.results.push({ line: target, expected, outcome });
  });
  check.unannotatedFindings = [...flagged].filter((line) => !annotated.has(line)).sort((a, b) => a - b);
  if (!check.results.some((r) => r.expected === 'flagged')) check.problems.push(`${examplePath}: no 'ruleid: ${rule.id}' line`);
  if (!check.results.some((r) => r.expected === 'silent')) check.problems.push(`${examplePath}: no 'ok: ${rule.id}' line`);
  return check;
}
