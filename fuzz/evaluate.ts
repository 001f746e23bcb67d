import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_MAX_FILE_SIZE, loadProjectConfig } from '../src/config/config-file.js';
import { describeUserFacingError, UserError } from '../src/errors.js';
import { analyzeSource } from '../src/engine/scan-file.js';
import { scanPaths } from '../src/engine/scan.js';
import { languageById, languageForPath } from '../src/languages/registry.js';
import { loadRuleFile } from '../src/rules/load.js';
import type { Rule } from '../src/rules/rule.js';
import type { FuzzInput, YamlPlacement } from './fuzz-input.js';

/** What one input did: nothing wrong, a one-line user error, or a crash (any other exception). */
export type Outcome =
  | { kind: 'ok' }
  | { kind: 'user-error'; message: string; stackTrace: boolean }
  | { kind: 'crash'; message: string; stackTrace: boolean };

const SEVERITY = { ok: 0, 'user-error': 1, crash: 2 } as const;

/** Runs one input through the engine (source) or the config and rule loaders (YAML) in this process. */
export async function evaluateInput(input: FuzzInput, rules: Rule[], workDirectory: string): Promise<Outcome> {
  const directory = mkdtempSync(join(workDirectory, 'input-'));
  try {
    return input.target === 'source' ? await evaluateSource(input, rules, directory) : await evaluateYaml(input, directory);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

async function evaluateSource(input: Extract<FuzzInput, { target: 'source' }>, rules: Rule[], directory: string): Promise<Outcome> {
  writeFileSync(join(directory, input.name), input.bytes);
  let scanned = false;
  const scan = await outcomeOf(async () => {
    const result = await scanPaths({ paths: ['.'], cwd: directory, rules, include: [], exclude: [], maxFileSize: DEFAULT_MAX_FILE_SIZE, complexity: true, workers: 1 });
    scanned = result.filesScanned > 0;
  });
  if (scan.kind === 'crash' || scanned || input.bytes.length > DEFAULT_MAX_FILE_SIZE) return scan;
  // The scan left the file out (binary, minified, invalid UTF-8, an odd name): the engine still gets its text.
  const language = languageForPath(input.name) ?? languageById('python')!;
  const direct = await outcomeOf(() => void analyzeSource(input.name, input.bytes.toString('utf8'), language, rules, { complexity: true }));
  return worst(scan, direct);
}

async function evaluateYaml(input: Extract<FuzzInput, { target: 'yaml' }>, directory: string): Promise<Outcome> {
  const configPath = join(directory, '.loopwarden.yml');
  place(configPath, input.placement, input.bytes);
  const config = await outcomeOf(() => loadProjectConfig({ start: directory, top: directory }));
  const rulePath = join(directory, 'fuzz-rule.yml');
  place(rulePath, input.placement, input.bytes);
  const rule = await outcomeOf(() => void loadRuleFile(rulePath));
  return worst(config, rule);
}

function place(path: string, placement: YamlPlacement, bytes: Buffer): void {
  if (placement === 'file') writeFileSync(path, bytes);
  else if (placement === 'fifo') execFileSync('mkfifo', [path]);
  else if (placement === 'link-loop') symlinkSync(path, path);
  else if (placement === 'dangling-link') symlinkSync('missing.yml', path);
  else if (placement === 'link-to-dev-zero') symlinkSync('/dev/zero', path);
  else mkdirSync(path);
}

async function outcomeOf(run: () => unknown): Promise<Outcome> {
  try {
    await run();
    return { kind: 'ok' };
  } catch (error) {
    // What the CLI would print: a UserError's one line, or an internal error with its stack trace.
    const shown = describeUserFacingError(error);
    const message = String((error as Error)?.message ?? error);
    const stackTrace = shown === undefined || /\n/.test(shown);
    if (error instanceof UserError) return { kind: 'user-error', message, stackTrace };
    return { kind: 'crash', message: `${(error as Error)?.name ?? 'Error'}: ${message.split('\n')[0]}`, stackTrace };
  }
}

const worst = (a: Outcome, b: Outcome): Outcome => (SEVERITY[b.kind] > SEVERITY[a.kind] || (b.kind === a.kind && 'stackTrace' in b && b.stackTrace) ? b : a);
