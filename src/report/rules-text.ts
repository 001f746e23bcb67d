import type { ExampleCheck } from '../rules/example-check.js';
import type { RuleExplanation } from '../rules/explain.js';
import type { Rule } from '../rules/rule.js';
import { cweLink } from './text.js';
import type { RuleExplanationReport, RuleSummary } from './schemas/rule.js';

/** How a rule finds its weakness: an ast-grep pattern, or data flow from sources to sinks. */
export type RuleKind = 'pattern' | 'taint';

const kindOf = (rule: Rule): RuleKind => (rule.taint ? 'taint' : 'pattern');

/** The documented fields of a rule, as `loopwarden rules --format json` gives them. */
export function ruleSummary(rule: Rule): RuleSummary {
  return {
    id: rule.id,
    languages: rule.languages,
    severity: rule.severity,
    securitySeverity: rule.securitySeverity,
    confidence: rule.confidence,
    cwe: rule.cwe,
    kind: kindOf(rule),
    message: rule.message,
    fix: rule.fix,
    references: rule.references,
  };
}

/** Renders one line per rule (id, languages, severity, confidence, CWE, kind) and a count. */
export function renderRuleTable(rules: readonly Rule[]): string {
  const rows = rules.map((rule) => [rule.id, rule.languages.join(','), rule.severity, rule.confidence, rule.cwe.join(','), kindOf(rule)]);
  const header = ['id', 'languages', 'severity', 'confidence', 'cwe', 'kind'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ');
  const taint = rules.filter((rule) => rule.taint).length;
  const count = `${rules.length} rule${rules.length === 1 ? '' : 's'} (${rules.length - taint} pattern, ${taint} taint)`;
  return `${[line(header), ...rows.map(line), count].join('\n')}\n`;
}

const MARKS: Record<ExampleCheck['results'][number]['outcome'], string> = {
  reported: 'report',
  missing: 'report MISSING',
  validated: 'silent',
  noisy: 'silent NOISY',
};

/**
 * Returns what `loopwarden rules ID --format json` gives: the rule's documented fields, its file and what
 * it did on each annotated line of its example (with `exampleText`, the example's text too).
 */
export function ruleExplanationJson({ rule, rulePath, example }: RuleExplanation, options: { exampleText?: boolean } = {}): RuleExplanationReport {
  return {
    ...ruleSummary(rule),
    ruleFile: rulePath,
    example: example
      ? { path: example.path, lines: example.check.results, unannotatedFindings: example.check.unannotatedFindings, ...(options.exampleText ? { text: example.text } : {}) }
      : null,
  };
}

/** Renders what `loopwarden rules ID` says: the rule's documentation and its annotated example. */
export function renderRuleExplanation({ rule, rulePath, example }: RuleExplanation): string {
  const field = (name: string, value: string) => `${name.padEnd(12)}${value}`;
  const out = [
    `${rule.id} (${rule.languages.join(', ')})`,
    '',
    rule.message,
    '',
    ...rule.cwe.map((cwe, index) => field(index === 0 ? 'cwe' : '', `${cwe}  ${cweLink(cwe)}`)),
    field('severity', `${rule.severity} (security-severity ${rule.securitySeverity})`),
    field('confidence', rule.confidence),
    field('kind', kindOf(rule) === 'taint' ? 'taint (data from a source reaches a sink)' : 'pattern'),
    field('fix', rule.fix),
    ...rule.references.map((reference, index) => field(index === 0 ? 'references' : '', reference)),
    field('rule file', rulePath),
    '',
  ];
  if (!example) return `${[...out, 'no example file beside the rule'].join('\n')}\n`;
  out.push(`Example ${example.path}: lines marked "report" must be flagged, lines marked "silent" must not`);
  out.push('(the "ruleid:" or "ok:" comment above each says which).');
  const marks = new Map(example.check.results.map((result) => [result.line, MARKS[result.outcome]]));
  for (const line of example.check.unannotatedFindings) marks.set(line, 'flagged UNANNOTATED');
  const width = Math.max(6, ...[...marks.values()].map((mark) => mark.length));
  const lines = example.text.replace(/\n$/, '').split('\n');
  const number = String(lines.length).length;
  lines.forEach((text, index) => out.push(`${String(index + 1).padStart(number)}  ${(marks.get(index + 1) ?? '').padEnd(width)} | ${text}`.trimEnd()));
  out.push('', exampleVerdict(example.check));
  return `${out.join('\n')}\n`;
}

function exampleVerdict(check: ExampleCheck): string {
  const count = (expected: 'flagged' | 'silent', outcome: string) => check.results.filter((r) => r.expected === expected && r.outcome === outcome).length;
  const flagged = check.results.filter((r) => r.expected === 'flagged').length;
  const silent = check.results.length - flagged;
  const parts = [`${count('flagged', 'reported')} of ${flagged} "report" lines reported`, `${count('silent', 'validated')} of ${silent} "silent" lines silent`];
  if (check.unannotatedFindings.length) parts.push(`${check.unannotatedFindings.length} unannotated lines flagged`);
  return `Checked now: ${parts.join(', ')}.`;
}
