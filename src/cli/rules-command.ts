import { Command, Option } from 'commander';
import { loadProjectConfig } from '../config/config-file.js';
import { loadAllRules } from '../rules/rule-pack.js';
import { explainRule } from '../rules/explain.js';
import { parseSelectors, selectRules, type RuleSelectionFlags } from '../rules/select.js';
import { renderRuleExplanation, renderRuleTable, ruleExplanationJson, ruleSummary } from '../report/rules-text.js';
import { ignoreOption, selectOption } from './rule-selection.js';

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
  const explanation = await explainRule(all, id, config.scan.rules, cwd);
  process.stdout.write(flags.format === 'json' ? `${JSON.stringify(ruleExplanationJson(explanation), null, 2)}\n` : renderRuleExplanation(explanation));
  return 0;
}
