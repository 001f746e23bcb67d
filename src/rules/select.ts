import { UserError } from '../errors.js';
import { nearestName } from '../input/nearest-name.js';
import type { Rule } from './rule.js';

/** One selector as the user wrote it, and where (a flag or a config field), for error messages. */
export interface Selector {
  text: string;
  origin: string;
}

/** Which rules to run: `select` chooses (empty: every rule), then `ignore` removes. */
export interface RuleSelection {
  select: Selector[];
  ignore: Selector[];
}

/** Splits values given as repeated options or comma-separated lists into selectors from `origin`. */
export function parseSelectors(values: readonly string[], origin: string): Selector[] {
  return values.flatMap((value) => value.split(',')).map((text) => text.trim()).filter((text) => text !== '').map((text) => ({ text, origin }));
}

const CWE_SELECTOR = /^cwe-(\d+)$/i;

/**
 * Returns whether `selector` picks `rule`: its id, a CWE id it maps to (`CWE-89`), or a prefix of its id
 * ending at a dash (`python-`, `java-sqli`). Prefixes stop at dashes so that `c` means the C rules and
 * not the C# ones.
 */
export function selectorMatches(selector: string, rule: Rule): boolean {
  const cwe = CWE_SELECTOR.exec(selector);
  if (cwe) return rule.cwe.includes(`CWE-${Number(cwe[1])}`);
  const text = selector.toLowerCase();
  if (text.endsWith('-')) return rule.id.startsWith(text);
  return rule.id === text || rule.id.startsWith(`${text}-`);
}

/** What a selector could have meant: every rule id and every prefix of one (written as the selector ends). */
function selectorCandidates(rules: readonly Rule[], selector: string): string[] {
  const dash = selector.endsWith('-') ? '-' : '';
  const names = new Set<string>();
  for (const rule of rules) {
    const parts = rule.id.split('-');
    for (let length = 1; length < parts.length; length++) names.add(parts.slice(0, length).join('-') + dash);
    names.add(rule.id);
  }
  return [...names];
}

/**
 * Returns the rules `selection` chooses, in their original order. A selector that matches no rule is a
 * UserError naming it and where it was given, with the nearest valid selector when one is close.
 */
export function selectRules(rules: readonly Rule[], selection: RuleSelection): Rule[] {
  for (const selector of [...selection.select, ...selection.ignore]) {
    if (rules.some((rule) => selectorMatches(selector.text, rule))) continue;
    // CWE ids a digit apart are unrelated weaknesses: suggesting one would mislead.
    if (CWE_SELECTOR.test(selector.text)) throw new UserError(`${selector.origin}: '${selector.text}' matches no rule (no rule maps to it; 'loopwarden rules' lists each rule's CWE ids)`);
    const suggestion = nearestName(selector.text, selectorCandidates(rules, selector.text));
    const hint = suggestion ? ` — did you mean '${suggestion}'?` : " (give a rule id, a rule-id prefix such as 'python-', or a CWE id such as 'CWE-89')";
    throw new UserError(`${selector.origin}: '${selector.text}' matches no rule${hint}`);
  }
  const picks = (selectors: Selector[], rule: Rule) => selectors.some((selector) => selectorMatches(selector.text, rule));
  return rules.filter((rule) => (selection.select.length === 0 || picks(selection.select, rule)) && !picks(selection.ignore, rule));
}

/** The --select/--ignore values a caller adds to the config's: flags on the command line, arguments of a tool call. */
export interface RuleSelectionFlags {
  select?: string[];
  ignore?: string[];
}

/** Returns the rules the config's `scan.select`/`scan.ignore` and the flags choose; flags add to the config's lists. */
export function chooseRules(rules: readonly Rule[], scan: { select: readonly string[]; ignore: readonly string[]; path?: string }, flags: RuleSelectionFlags): Rule[] {
  const field = (name: string) => `${scan.path}: field 'scan.${name}'`;
  return selectRules(rules, {
    select: [...parseSelectors(scan.select, field('select')), ...parseSelectors(flags.select ?? [], '--select')],
    ignore: [...parseSelectors(scan.ignore, field('ignore')), ...parseSelectors(flags.ignore ?? [], '--ignore')],
  });
}
