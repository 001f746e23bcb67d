import { Command, Option } from 'commander';
import { SEVERITIES } from '../findings/finding.js';
import { loadProjectConfig } from '../config/config-file.js';
import { diffSnapshots, type IterationDiff } from '../diff/iteration-diff.js';
import { loadAllRules } from '../rules/rule-pack.js';
import type { Rule } from '../rules/rule.js';
import { compareSources, type ImportedFor } from '../workspace/compare-sources.js';
import { gitTopLevel } from '../workspace/git.js';
import { repositoryTopOf } from '../workspace/git.js';
import { renderIterationText } from '../report/iteration-text.js';
import { renderDiffJson } from '../report/iteration-json.js';
import { renderIterationMarkdown } from '../report/iteration-markdown.js';
import { buildDiffSarif } from '../report/sarif.js';
import { DIFF_SARIF_CATEGORY } from '../report/sarif-category.js';
import { failsOn, type FailOn } from '../report/scan-summary.js';
import { COLOR_HELP, NO_COLOR_HELP, shouldColor } from './color.js';
import { sarifCategoryOption } from './sarif-category-option.js';
import { chooseRules, type RuleSelectionFlags } from '../rules/select.js';
import { ignoreOption, selectOption } from './rule-selection.js';

interface DiffFlags extends RuleSelectionFlags {
  format: 'text' | 'json' | 'sarif' | 'markdown';
  failOn: FailOn;
  sarifCategory?: string;
  config?: string;
  color?: boolean;
  importSarif?: string[];
  importSarifBefore?: string[];
}

/** Defines `loopwarden diff`. */
export function diffCommand(): Command {
  return new Command('diff')
    .description('compare two files, two directories, or two git revisions (WORKTREE for uncommitted changes)')
    .argument('<before>', 'file, directory or git revision')
    .argument('<after>', 'file, directory, git revision or WORKTREE')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'sarif', 'markdown']).default('text'))
    .addOption(new Option('--fail-on <severity>', 'exit 1 when an introduced finding is at or above this severity').choices([...SEVERITIES, 'none']).default('high'))
    .addOption(selectOption())
    .addOption(ignoreOption())
    .option('--config <file>', 'config file (default: the nearest .loopwarden.yml or .loopwarden.yaml from here up to the repository top)')
    .option('--color', COLOR_HELP)
    .option('--no-color', NO_COLOR_HELP)
    .addOption(sarifCategoryOption(DIFF_SARIF_CATEGORY))
    .option('--import-sarif <file...>', "add another tool's results on AFTER from these SARIF 2.1.0 files (CodeQL, Semgrep, …)")
    .option('--import-sarif-before <file...>', "add another tool's results on BEFORE from these SARIF 2.1.0 files")
    .action(async (before: string, after: string, flags: DiffFlags) => {
      process.exitCode = await runDiff(before, after, flags);
    });
}

/** Compares two versions and prints what was introduced, fixed and persists; returns the exit code. */
export async function runDiff(beforeArg: string, afterArg: string, flags: DiffFlags, cwd = process.cwd()): Promise<number> {
  const config = await loadProjectConfig({ start: cwd, explicitPath: flags.config });
  const rules = chooseRules(await loadAllRules(config.scan.rules), config.scan, flags);
  const importing = async (files: string[] | undefined): Promise<ImportedFor | undefined> => {
    if (!files?.length) return undefined;
    const { readSarifFiles } = await import('../scanners/sarif-file.js');
    const base = gitTopLevel(cwd) ?? cwd;
    return (root) => {
      const imported = readSarifFiles(files, { cwd, base, root });
      for (const line of [...imported.failures, ...imported.skipped]) process.stderr.write(`loopwarden: ${line}\n`);
      return imported.results;
    };
  };
  const imported = { before: await importing(flags.importSarifBefore), after: await importing(flags.importSarif) };
  const sides = compareSources(beforeArg, afterArg, cwd, rules, config.scan, imported);
  const diff = diffSnapshots(sides.before, sides.after);
  const color = shouldColor(flags.color);
  const output =
    flags.format === 'json'
      ? renderDiffJson(diff)
      : flags.format === 'markdown'
        ? renderIterationMarkdown({ diff })
        : flags.format === 'sarif'
          ? renderDiffSarif(diff, rules, sides.root, flags.sarifCategory)
          : renderIterationText({ diff }, color);
  process.stdout.write(output);
  return diff.introduced.some((f) => failsOn(f, flags.failOn)) ? 1 : 0;
}

function renderDiffSarif(diff: IterationDiff, rules: Rule[], root: string, category: string | undefined): string {
  const { directory, top } = repositoryTopOf(root);
  return `${JSON.stringify(buildDiffSarif(diff, rules, directory, { sourceRoot: top, category }), null, 2)}\n`;
}
