import { relative, resolve } from 'node:path';
import { writeFileAtomically } from '../io/atomic-write.js';
import { Command, InvalidArgumentError, Option } from 'commander';
import { SEVERITIES } from '../findings/finding.js';
import { loadProjectConfig } from '../config/config-file.js';
import { scanPaths, type ScanResult } from '../engine/scan.js';
import { scanRootFor } from '../engine/discover.js';
import { loadAllRules } from '../rules/rule-pack.js';
import { summarizeScan, type FailOn } from '../report/scan-summary.js';
import { COLOR_HELP, NO_COLOR_HELP, shouldColor } from './color.js';
import { SCAN_SARIF_CATEGORY } from '../report/sarif-category.js';
import { repositoryTopOf } from '../workspace/git.js';
import { sarifCategoryOption } from './sarif-category-option.js';
import { chooseRules, type RuleSelectionFlags } from '../rules/select.js';
import { ignoreOption, selectOption } from './rule-selection.js';
import { QUIET_HELP, withProgress } from './progress.js';

export const OUTPUT_FORMATS = ['text', 'json', 'sarif', 'concise', 'github'] as const;
type OutputFormat = (typeof OUTPUT_FORMATS)[number];

interface ScanFlags extends RuleSelectionFlags {
  format: OutputFormat;
  output?: string;
  failOn?: FailOn;
  include: string[];
  exclude: string[];
  rules: string[];
  complexity: boolean;
  reportUnusedSuppressions?: boolean;
  maxFileSize?: number;
  config?: string;
  sarifCategory?: string;
  color?: boolean;
  importSarif?: string[];
  scanners?: boolean;
  quiet?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** Defines `loopwarden scan`. */
export function scanCommand(): Command {
  return new Command('scan')
    .description('scan files or directories for security weaknesses')
    .argument('[paths...]', 'files or directories to scan', ['.'])
    .addOption(new Option('-f, --format <format>', 'output format').choices(OUTPUT_FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of standard output (the summary line still goes to standard error)')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity (default: high); low-confidence findings are shown, never failed on').choices([...SEVERITIES, 'none']))
    .option('--include <glob>', 'only scan files matching this glob (repeatable)', collect, [])
    .option('--exclude <glob>', 'skip files and directories matching this glob (repeatable)', collect, [])
    .option('--rules <dir>', 'add rules from this directory (repeatable)', collect, [])
    .addOption(selectOption())
    .addOption(ignoreOption())
    .option('--complexity', 'add per-function complexity metrics', false)
    .option('--report-unused-suppressions', 'add a note for each suppression that suppressed nothing', false)
    .option('--max-file-size <bytes>', 'skip files larger than this', parsePositiveInteger)
    .option('--config <file>', 'config file (default: the nearest .loopwarden.yml or .loopwarden.yaml from the scan root up to the repository top)')
    .option('--color', COLOR_HELP)
    .option('--no-color', NO_COLOR_HELP)
    .option('--quiet', QUIET_HELP)
    .addOption(sarifCategoryOption(SCAN_SARIF_CATEGORY))
    .option('--import-sarif <file...>', "add another tool's results from these SARIF 2.1.0 files (CodeQL, Semgrep, …) as findings", [])
    .option('--no-scanners', 'do not run the scanners the config file lists (scanners:)')
    .action(async (paths: string[], flags: ScanFlags) => {
      process.exitCode = await runScan(paths, flags);
    });
}

function parsePositiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) throw new InvalidArgumentError(`'${value}' is not a positive whole number of bytes`);
  return parsed;
}

/** Runs a scan and writes its report; returns the exit code. */
export async function runScan(paths: string[], flags: ScanFlags, cwd = process.cwd()): Promise<number> {
  const root = scanRootFor(paths, cwd);
  const project = await loadProjectConfig({ start: root, explicitPath: flags.config });
  const config = project.scan;
  const failOn: FailOn = flags.failOn ?? config.failOn;
  const rules = chooseRules(await loadAllRules([...config.rules, ...flags.rules.map((dir) => resolve(cwd, dir))]), config, flags);
  const scanners = flags.scanners === false ? [] : project.scanners;
  const importing = flags.importSarif ?? [];
  const told: string[] = [];
  const result = await withProgress({ label: 'scan', unit: 'files', quiet: flags.quiet }, async (onProgress): Promise<ScanResult> => {
    const options = {
      paths,
      cwd,
      rules,
      include: [...config.include, ...flags.include],
      exclude: [...config.exclude, ...flags.exclude],
      maxFileSize: flags.maxFileSize ?? config.maxFileSize,
      complexity: flags.complexity,
      reportUnusedSuppressions: flags.reportUnusedSuppressions,
      onProgress,
    };
    if (scanners.length === 0 && importing.length === 0) return scanPaths(options);
    const [{ scanWithScanners }, { readSarifFiles }] = await Promise.all([import('../scanners/scan-with-scanners.js'), import('../scanners/sarif-file.js')]);
    // The repository top, named through the same (perhaps symlinked) path as the scan root.
    const { directory: real, top } = repositoryTopOf(root);
    const imported = readSarifFiles(importing, { cwd, base: resolve(root, relative(real, top)), root });
    const scanned = await scanWithScanners(options, { scanners, imported: imported.results });
    told.push(...imported.failures, ...imported.skipped, ...scanned.externalSkipped);
    return scanned;
  });
  // After the bar is gone: what other tools' results could not be taken.
  for (const line of told) process.stderr.write(`loopwarden: ${line}\n`);
  const color = shouldColor(flags.color, { toFile: Boolean(flags.output) });
  const report = await render(result, flags, failOn, { color, from: cwd });
  if (flags.output) {
    writeFileAtomically(resolve(cwd, flags.output), report);
    // The report went to a file: the person who ran the command still sees what it found.
    process.stderr.write(`${(await import('../report/text.js')).summaryLine(result, failOn)}\n`);
  } else process.stdout.write(report);
  return summarizeScan(result, failOn).failed ? 1 : 0;
}

async function render(result: ScanResult, flags: ScanFlags, failOn: FailOn, options: { color: boolean; from: string }): Promise<string> {
  const format = flags.format;
  // Only the chosen format's module is loaded: start-up time matters after every AI edit.
  if (format === 'json') return (await import('../report/json.js')).renderJson(result, failOn);
  if (format === 'sarif') {
    const { directory, top } = repositoryTopOf(result.root);
    return (await import('../report/sarif.js')).renderSarif({ ...result, root: directory }, { sourceRoot: top, category: flags.sarifCategory });
  }
  if (format === 'concise') return (await import('../report/concise.js')).renderConcise(result, failOn, options);
  if (format === 'github') return (await import('../report/github.js')).renderGithub(result, failOn, options);
  return (await import('../report/text.js')).renderText(result, failOn, options);
}
