import type { SyntaxNode } from '../languages/language.js';
import type { Rule } from '../rules/rule.js';
import type { ParsedFile } from './parse.js';
import { classifyValue } from './value.js';

/** One place where a rule matched, before it becomes a Finding. */
export interface RuleMatch {
  rule: Rule;
  node: SyntaxNode;
}

/** Returns the rules that apply to this file's language and whose required words occur in its text. */
export function applicableRules(parsed: Pick<ParsedFile, 'language' | 'text'>, rules: Rule[]): Rule[] {
  return rules.filter((rule) => {
    if (!rule.languages.includes(parsed.language.id)) return false;
    return rule.prefilter === undefined || prefilterOf(rule).test(parsed.text);
  });
}

const compiledPrefilters = new Map<string, RegExp>();

function prefilterOf(rule: Rule): RegExp {
  let regex = compiledPrefilters.get(rule.prefilter!);
  if (!regex) {
    regex = new RegExp(rule.prefilter!, 'i');
    compiledPrefilters.set(rule.prefilter!, regex);
  }
  return regex;
}

/** Runs every applicable rule over a parsed file, applying the rules' metavariable value conditions. */
export function matchRules(parsed: ParsedFile, rules: Rule[]): RuleMatch[] {
  const matches: RuleMatch[] = [];
  for (const rule of applicableRules(parsed, rules)) {
    const seen = new Set<string>();
    const matcher = rule.matchers[parsed.language.id];
    if (!matcher) continue;
    for (const node of parsed.root.findAll(matcher)) {
      if (!satisfiesValueConditions(node, rule, parsed)) continue;
      const { start, end } = node.range();
      const key = `${start.index}:${end.index}`;
      if (seen.has(key)) continue;
      seen.add(key);
      matches.push({ rule, node });
    }
  }
  return matches;
}

function satisfiesValueConditions(node: SyntaxNode, rule: Rule, parsed: ParsedFile): boolean {
  for (const [metavariable, condition] of Object.entries(rule.valueConditions)) {
    const captured = node.getMatch(metavariable);
    if (!captured) continue; // bound only in some branches of an `any`
    const kind = classifyValue(captured, parsed.language, 0, rule.sanitizers[parsed.language.id] ?? []);
    if (condition === 'built-string' && kind !== 'built') return false;
    if (condition === 'not-constant' && kind === 'constant') return false;
  }
  return true;
}
