import { Option } from 'commander';
import type { ScanConfig } from '../config/config-file.js';
import type { Rule } from '../rules/rule.js';
import { parseSelectors, selectRules } from '../rules/select.js';

/** The --select/--ignore values of a command that runs rules. */
export interface RuleSelectionFlags {
  select?: string[];
  ignore?: string[];
}

const collect = (value: string, previous: string[]) => [...previous, value];
const SELECTORS = 'rule ids, id prefixes (python-, java-sqli) or CWE ids (CWE-89); repeatable, comma-separated';

/** The `--select` option: only run (or list) the rules it names; added to the config's `scan.select`. */
export function selectOption(verb = 'run'): Option {
  return new Option('--select <rules>', `only ${verb} these rules: ${SELECTORS}`).argParser(collect).default([], 'every rule');
}

/** The `--ignore` option: leave out the rules it names; added to the config's `scan.ignore`. */
export function ignoreOption(): Option {
  return new Option('--ignore <rules>', `leave out these rules: ${SELECTORS}`).argParser(collect).default([], 'none');
}

/** Returns the rules the config's `scan.select`/`scan.ignore` and the flags choose; flags add to the config's lists. */
export function chooseRules(rules: readonly Rule[], scan: Pick<ScanConfig, 'select' | 'ignore' | 'path'>, flags: RuleSelectionFlags): Rule[] {
  const field = (name: string) => `${scan.path}: field 'scan.${name}'`;
  return selectRules(rules, {
    select: [...parseSelectors(scan.select, field('select')), ...parseSelectors(flags.select ?? [], '--select')],
    ignore: [...parseSelectors(scan.ignore, field('ignore')), ...parseSelectors(flags.ignore ?? [], '--ignore')],
  });
}
