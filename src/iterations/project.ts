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
  /** With `login`, a team server is read and written as that person (a reviewer), not with the API token. */
  openLedger(login?: { name: string; password: string }): Promise<Ledger>;
  /** The ledger file on this machine, whatever the config says about a team server (what `ledger push` sends). */
  openLocalLedger(): Promise<Ledger>;
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
  return { top, config, rules, openLedger: (login) => openProjectLedger(top, config, login), openLocalLedger: () => openSqliteLedger(join(top, LEDGER_PATH), gitAnchor(top)) };
}

/**
 * The project's ledger: `.loopwarden/ledger.db`, or, when the config names a team server, the chain the
 * server keeps, copied into that same file. One file for both: a local history must be pushed before the
 * server is used (the copy refuses a server that lacks its records), and switching back to a local ledger
 * keeps the server's chain, so a loosened config is a guarded change against the baseline it accepted.
 */
async function openProjectLedger(top: string, config: ProjectConfig, login?: { name: string; password: string }, env: NodeJS.ProcessEnv = process.env): Promise<Ledger> {
  if (!config.ledger) return openSqliteLedger(join(top, LEDGER_PATH), gitAnchor(top));
  const { url, tokenEnv } = config.ledger;
  const where = config.path ? `${config.path}: ledger` : 'ledger';
  const { LedgerServerClient } = await import('../ledger/server-client.js');
  const { MirroredLedger } = await import('../ledger/mirrored-ledger.js');
  const token = env[tokenEnv];
  if (!login && !token) throw new UserError(`${where}: the team server at ${url} needs an API token in the environment variable ${tokenEnv}, which is not set; nothing recorded`);
  const credentials = login ? await LedgerServerClient.login(url, login) : token!;
  let repository = config.ledger.repository;
  if (!repository) {
    const identity = await LedgerServerClient.identify(url, credentials);
    const whose = login ? login.name : `the token in ${tokenEnv}`;
    if (identity.repositories.length !== 1) throw new UserError(`${where}: ${whose} may read ${identity.repositories.length} repositories on ${url}; name one with ledger.repository`);
    repository = identity.repositories[0]!;
  }
  const local = await openSqliteLedger(join(top, LEDGER_PATH), gitAnchor(top));
  return new MirroredLedger(local, new LedgerServerClient(url, repository, credentials));
}
