import { readFileSync } from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { UserError } from '../errors.js';
import { loadProjectConfig } from '../config/config-file.js';
import { nearestName } from '../input/nearest-name.js';
import { BUILTIN_RULES_DIR, loadAllRules } from '../rules/rule-pack.js';
import { parseSelectors, selectRules } from '../rules/select.js';
import { renderRuleExplanation, renderRuleTable, ruleSummary, type RuleExample } from '../report/rules-text.js';
import { ignoreOption, selectOption, type RuleSelectionFlags } from './rule-selection.js';

interface RulesFlags extends RuleSelectionFlags {
  format: 'text' | 'json';
  config?: string;
}

/** Defines `loopwarden rules`. */
export function rulesCommand(): Command {
  return new Command('rules')
    .description('list the rules, or explain one: what it finds, how to fix it, and its annotated example')
    .argument('[id]', 'the rule to explain')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(selectOption('list'))
    .addOption(ignoreOption())
    .option('--config <file>', 'config file whose scan.rules directories add rules (default: the nearest one up to the repository top)')
    .action(async (id: string | undefined, flags: RulesFlags) => {
      process.exitCode = await runRules(id, flags);
    });
}

/** Lists every rule (built-in and the config's rule directories) or explains one; returns the exit code. */
export async function runRules(id: string | undefined, flags: RulesFlags, cwd = process.cwd()): Promise<number> {
  // The config's select/ignore are not applied: this lists what exists, including what the config leaves out.
  const config = await loadProjectConfig({ start: cwd, explicitPath: flags.config });
  const all = await loadAllRules(config.scan.rules);
  if (id === undefined) {
    const rules = selectRules(all, { select: parseSelectors(flags.select ?? [], '--select'), ignore: parseSelectors(flags.ignore ?? [], '--ignore') });
    const sorted = [...rules].sort((a, b) => a.id.localeCompare(b.id));
    process.stdout.write(flags.format === 'json' ? `${JSON.stringify(sorted.map(ruleSummary), null, 2)}\n` : renderRuleTable(sorted));
    return 0;
  }
  const rule = all.find((candidate) => candidate.id === id);
  if (!rule) {
    const suggestion = nearestName(id, all.map((candidate) => candidate.id));
    throw new UserError(`${id}: no such rule${suggestion ? ` — did you mean '${suggestion}'?` : " (run 'loopwarden rules' to list them)"}`);
  }
  // Loaded only here: finding and running the example needs the rule files and the engine.
  const [{ findRuleFiles }, { checkRuleExample }] = await Promise.all([import('../rules/load.js'), import('../rules/example-check.js')]);
  const location = [BUILTIN_RULES_DIR, ...config.scan.rules]
    .flatMap((dir) => findRuleFiles(dir))
    .find((candidate) => basename(candidate.rulePath).replace(/\.ya?ml$/, '') === id);
  const shown = (path: string) => (path.startsWith(BUILTIN_RULES_DIR) ? relative(dirname(BUILTIN_RULES_DIR), path) : relative(cwd, resolve(path)));
  const rulePath = shown(location?.rulePath ?? rule.sourcePath);
  const example: RuleExample | undefined = location?.examplePath
    ? { path: shown(location.examplePath), text: readFileSync(location.examplePath, 'utf8'), check: checkRuleExample(rule, location.examplePath) }
    : undefined;
  if (flags.format === 'json') {
    const exampleJson = example && { path: example.path, lines: example.check.results, unannotatedFindings: example.check.unannotatedFindings };
    process.stdout.write(`${JSON.stringify({ ...ruleSummary(rule), ruleFile: rulePath, example: exampleJson ?? null }, null, 2)}\n`);
  } else process.stdout.write(renderRuleExplanation(rule, rulePath, example));
  return 0;
}
