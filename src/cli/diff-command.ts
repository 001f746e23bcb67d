import { Command, Option } from 'commander';
import { SEVERITIES, isAtLeast } from '../findings/finding.js';
import { loadProjectConfig } from '../config/config-file.js';
import { diffSnapshots } from '../diff/iteration-diff.js';
import { loadAllRules } from '../rules/rule-pack.js';
import { compareSources } from '../workspace/compare-sources.js';
import { renderIterationText } from '../report/iteration-text.js';
import { renderIterationJson } from '../report/iteration-json.js';
import { renderIterationMarkdown } from '../report/iteration-markdown.js';
import { buildDiffSarif } from '../report/sarif.js';
import type { FailOn } from '../report/scan-summary.js';
import { chooseRules, ignoreOption, selectOption, type RuleSelectionFlags } from './rule-selection.js';

interface DiffFlags extends RuleSelectionFlags {
  format: 'text' | 'json' | 'sarif' | 'markdown';
  failOn: FailOn;
  config?: string;
  color?: boolean;
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
    .option('--no-color', 'never colour the text report')
    .action(async (before: string, after: string, flags: DiffFlags) => {
      process.exitCode = await runDiff(before, after, flags);
    });
}

/** Compares two versions and prints what was introduced, fixed and persists; returns the exit code. */
export async function runDiff(beforeArg: string, afterArg: string, flags: DiffFlags, cwd = process.cwd()): Promise<number> {
  const config = await loadProjectConfig({ start: cwd, explicitPath: flags.config });
  const rules = chooseRules(await loadAllRules(config.scan.rules), config.scan, flags);
  const sides = compareSources(beforeArg, afterArg, cwd, rules, config.scan.maxFileSize);
  const diff = diffSnapshots(sides.before, sides.after);
  const color = flags.color !== false && process.stdout.isTTY === true && !process.env.NO_COLOR;
  const output =
    flags.format === 'json'
      ? renderIterationJson({ diff })
      : flags.format === 'markdown'
        ? renderIterationMarkdown({ diff })
        : flags.format === 'sarif'
          ? `${JSON.stringify(buildDiffSarif(diff, rules, sides.root), null, 2)}\n`
          : renderIterationText({ diff }, color);
  process.stdout.write(output);
  const failOn = flags.failOn;
  return failOn !== 'none' && diff.introduced.some((f) => isAtLeast(f.severity, failOn)) ? 1 : 0;
}
