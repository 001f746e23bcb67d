import { Option } from 'commander';

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
