import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomically } from '../io/atomic-write.js';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import { loadProjectConfig, type ProjectConfig } from '../config/config-file.js';
import { loadAllRules } from '../rules/rule-pack.js';
import type { Rule } from '../rules/rule.js';
import { chooseRules, type RuleSelectionFlags } from '../rules/select.js';
import type { Ledger } from '../ledger/ledger.js';
import { openSqliteLedger, type LocalLedger } from '../ledger/sqlite-ledger.js';
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
  return { top, config, rules, openLedger: (login) => openProjectLedger(top, config, login), openLocalLedger: () => openLedgerFile(top) };
}

/** Names the team server whose chain `.loopwarden/ledger.db` copies, once it does (protected from agents, as the folder is). */
const SERVER_MARK = join('.loopwarden', 'team-server');

function openLedgerFile(top: string): Promise<LocalLedger> {
  return openSqliteLedger(join(top, LEDGER_PATH), gitAnchor(top));
}

/**
 * The project's ledger: `.loopwarden/ledger.db`, or, when the config names a team server, the chain the
 * server keeps, copied into that same file. One file for both: a local history must be pushed before the
 * server is used (the copy refuses a server that lacks its records), and once the file copies a server's
 * chain (SERVER_MARK) a config naming no server is refused rather than appending beside it.
 */
async function openProjectLedger(top: string, config: ProjectConfig, login?: { name: string; password: string }, env: NodeJS.ProcessEnv = process.env): Promise<Ledger> {
  const mark = join(top, SERVER_MARK);
  if (!config.ledger) {
    // A config naming no server (another file given with --config) must not append to the copy of a
    // server's chain: the copy would then refuse the server, and every later check would fail.
    if (existsSync(mark)) {
      throw new UserError(`${LEDGER_PATH} is a copy of the team server's chain (${readFileSync(mark, 'utf8').trim()}); the config in use names no server: nothing recorded. To keep a local ledger again, a person removes ${SERVER_MARK}`);
    }
    return openLedgerFile(top);
  }
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
  const local = await openLedgerFile(top);
  const named = `${url}, ${repository}`;
  if (!existsSync(mark) || readFileSync(mark, 'utf8').trim() !== named) writeFileAtomically(mark, `${named}\n`);
  return new MirroredLedger(local, new LedgerServerClient(url, repository, credentials));
}
