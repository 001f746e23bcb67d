import { resolve } from 'node:path';
import { UserError } from '../errors.js';
import { readRegularFile } from '../input/regular-file.js';
import { MAX_SCANNER_OUTPUT } from './run-scanner.js';
import { readSarif, type ExternalResult } from './sarif-read.js';
import { loadSarifLog } from './sarif-validate.js';

/** What `--import-sarif` files gave: their results, and what was not taken (one line per file and reason). */
export interface ImportedSarif {
  results: ExternalResult[];
  skipped: string[];
  /** Failures the tools reported in their own runs (a file they could not read, a run that did not finish). */
  failures: string[];
}

/**
 * Reads SARIF files handed in by a person (`--import-sarif`): each must be valid SARIF 2.1.0, or the command
 * stops with an error naming the file (a UserError: someone gave it, someone can fix it). Relative URIs and
 * URI base ids the file does not define resolve against `base` (the repository top); results are kept
 * relative to `root`.
 */
export function readSarifFiles(files: readonly string[], options: { cwd: string; base: string; root: string }): ImportedSarif {
  const imported: ImportedSarif = { results: [], skipped: [], failures: [] };
  for (const file of files) {
    const path = resolve(options.cwd, file);
    const { text } = readRegularFile(path, 'SARIF file', MAX_SCANNER_OUTPUT);
    const loaded = loadSarifLog(text);
    if ('problem' in loaded) throw new UserError(`${file}: not a SARIF 2.1.0 log: ${loaded.problem}`);
    const reading = readSarif(loaded.log, { base: options.base, root: options.root });
    imported.results.push(...reading.results);
    imported.skipped.push(...reading.skipped.map((line) => `${file}: ${line}`));
    imported.failures.push(...reading.failures.map((failure) => `${file}: ${reading.tools.map((tool) => tool.label).join(', ')}: ${failure.path ? `${failure.path}: ` : ''}${failure.message}`));
  }
  return imported;
}
