import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import { loadProjectConfig, type ProjectConfig } from '../config/config-file.js';
import { loadAllRules } from '../rules/rule-pack.js';
import type { Rule } from '../rules/rule.js';
import { chooseRules, type RuleSelectionFlags } from '../rules/select.js';
import type { Ledger } from '../ledger/ledger.js';
import { openSqliteLedger } from '../ledger/sqlite-ledger.js';
import { gitAnchor } from '../workspace/git-anchor.js';
import { gitTopLevel } from '../workspace/git.js';

/** Where a project keeps its ledger, relative to the repository top. */
export const LEDGER_PATH = join('.loopwarden', 'ledger.db');

/** A git work tree with its configuration; the ledger opens only after the configuration is valid. Every door opens one. */
export interface Project {
  top: string;
  config: ProjectConfig;
  rules: Rule[];
  openLedger(): Promise<Ledger>;
}

/**
 * Finds the repository around `cwd` and loads its configuration (the nearest config file from `cwd` up
 * to the repository top, unless `configPath` is given) and the rules it and `options` select; invalid
 * ones are UserErrors.
 */
export async function openProject(cwd: string, configPath?: string, options: { needRules?: boolean } & RuleSelectionFlags = {}): Promise<Project> {
  const top = gitTopLevel(cwd);
  if (!top) throw new UserError(`${cwd}: not inside a git work tree (iterations are recorded per repository; run 'git init' first)`);
  // Before the first record, nothing has witnessed the config cache: an edited copy would become the
  // accepted baseline's policy. Later, a cache that differs from the file shows as a guarded change.
  const fresh = !existsSync(join(top, LEDGER_PATH + '.head'));
  const config = await loadProjectConfig({ start: cwd, top, explicitPath: configPath, fresh });
  const rules = options.needRules === false ? [] : chooseRules(await loadAllRules(config.scan.rules), config.scan, options);
  return { top, config, rules, openLedger: () => openSqliteLedger(join(top, LEDGER_PATH), gitAnchor(top)) };
}
