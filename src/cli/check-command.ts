import { Command, Option } from 'commander';
import { UserError } from '../errors.js';
import type { Provenance } from '../ledger/record.js';
import { resolveProvenance } from '../iterations/provenance.js';
import { resolveCommit } from '../workspace/git.js';
import { checkRepository } from '../iterations/check-repository.js';
import type { ExternalResult } from '../scanners/sarif-read.js';
import { provenanceOfCommit } from '../workspace/trailers.js';
import { renderCheckText } from '../report/check-text.js';
import { renderCheckJson } from '../report/check-json.js';
import { renderCheckMarkdown } from '../report/check-markdown.js';
import { openProject } from '../iterations/project.js';
import { personAtTerminal } from './person.js';
import { COLOR_HELP, NO_COLOR_HELP, shouldColor } from './color.js';
import type { RuleSelectionFlags } from '../rules/select.js';
import { ignoreOption, selectOption } from './rule-selection.js';
import { QUIET_HELP, withProgress } from './progress.js';

interface CheckFlags extends RuleSelectionFlags {
  actor?: 'ai' | 'human';
  tool?: string;
  model?: string;
  strategy?: string;
  author?: string;
  rev?: string;
  format: 'text' | 'json' | 'markdown';
  config?: string;
  color?: boolean;
  importSarif?: string[];
  quiet?: boolean;
}

/** Defines `loopwarden check`. */
export function checkCommand(): Command {
  return new Command('check')
    .description('record the current state as an iteration and decide whether the chain may go on')
    .addOption(new Option('--actor <actor>', 'who made the change (env LOOPWARDEN_ACTOR)').choices(['ai', 'human']))
    .option('--tool <tool>', 'AI tool, e.g. claude-code, cursor, copilot (env LOOPWARDEN_TOOL)')
    .option('--model <model>', 'model name (env LOOPWARDEN_MODEL)')
    .option('--strategy <strategy>', 'prompt strategy: efficiency, feature, security, ambiguous, or free text (env LOOPWARDEN_STRATEGY)')
    .option('--author <name>', 'the person responsible (env LOOPWARDEN_AUTHOR)')
    .option('--rev <revision>', 'check a commit instead of the work tree (AI trailers are read from it)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'))
    .option('--config <file>', 'config file (default: the nearest .loopwarden.yml or .loopwarden.yaml up to the repository top)')
    .addOption(selectOption())
    .addOption(ignoreOption())
    .option('--color', COLOR_HELP)
    .option('--no-color', NO_COLOR_HELP)
    .option('--import-sarif <file...>', "add another tool's results on the work tree from these SARIF 2.1.0 files (CodeQL, Semgrep, …) to this check")
    .option('--quiet', QUIET_HELP)
    .action(async (flags: CheckFlags) => {
      process.exitCode = await runCheck(flags);
    });
}

/** Runs a check from the CLI; returns the exit code (0 pass/warn, 1 review-required/block), also for an unchanged state. */
export async function runCheck(flags: CheckFlags, cwd = process.cwd()): Promise<number> {
  const project = await openProject(cwd, flags.config, { select: flags.select, ignore: flags.ignore });
  let commit: string | null;
  let fromTrailers: Partial<Provenance> | undefined;
  if (flags.rev) {
    commit = resolveCommit(project.top, flags.rev) ?? null;
    if (!commit) throw new UserError(`${flags.rev}: not a commit in ${project.top}`);
    fromTrailers = provenanceOfCommit(project.top, commit);
  } else commit = resolveCommit(project.top, 'HEAD') ?? null;
  const provenance = resolveProvenance({ ...flags, attestation: personAtTerminal(process.env) ? 'terminal' : 'none' }, process.env, fromTrailers);
  const ledger = await project.openLedger();
  try {
    const imported = await importedResults(flags, project.top, cwd);
    // Only a first check of a large repository analyses enough files to show a bar.
    const result = await withProgress({ label: 'check', unit: 'files', quiet: flags.quiet }, (onAnalysisProgress) =>
      checkRepository({ top: project.top, config: project.config, rules: project.rules, ledger, runScanners: true, onAnalysisProgress, ...(imported ? { imported } : {}) }, provenance, flags.rev ? commit! : undefined),
    );
    const color = shouldColor(flags.color);
    process.stdout.write(flags.format === 'json' ? renderCheckJson(result) : flags.format === 'markdown' ? renderCheckMarkdown(result) : renderCheckText(result, color));
    return result.verdict.level === 'pass' || result.verdict.level === 'warn' ? 0 : 1;
  } finally {
    ledger.close();
  }
}

/** The results of `--import-sarif` files, relative to the repository top; they describe the work tree. */
async function importedResults(flags: CheckFlags, top: string, cwd: string): Promise<ExternalResult[] | undefined> {
  if (!flags.importSarif?.length) return undefined;
  if (flags.rev) throw new UserError('--import-sarif: the results describe the work tree; it cannot be used with --rev');
  const imported = (await import('../scanners/sarif-file.js')).readSarifFiles(flags.importSarif, { cwd, base: top, root: top });
  for (const line of [...imported.failures, ...imported.skipped]) process.stderr.write(`loopwarden: ${line}\n`);
  return imported.results;
}
