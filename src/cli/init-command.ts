import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { stringify } from 'yaml';
import { DEFAULT_MAX_FILE_SIZE } from '../config/config-defaults.js';
import { CONFIG_FILE_NAMES } from '../config/config-lookup.js';
import { DEFAULT_POLICY } from '../policy/policy.js';
import { UserError } from '../errors.js';
import { openProject } from '../iterations/project.js';
import { agentOption, claudeCodeOption, runInitAgents, type AgentFlags } from './init-agents.js';
import { installGitHooks } from './init-git-hooks.js';

/** Defines `loopwarden init`. */
export function initCommand(): Command {
  return new Command('init')
    .description('write .loopwarden.yml with the default policy, create the ledger, and keep it out of git')
    .option('--git-hooks', 'also install a post-commit hook that records each commit as an iteration (beside existing hooks)')
    .option('--pre-push', 'with --git-hooks: also a pre-push hook that refuses a push whose verdict is block or review-required')
    .addOption(agentOption())
    .addOption(claudeCodeOption())
    .action(async (flags: InitFlags & AgentFlags) => {
      process.exitCode = (await runInit(process.cwd(), flags)) || runInitAgents(flags);
    });
}

const HEADER = `# loopwarden configuration. Defaults follow Shukla, Joshi & Syed (IEEE ISTAS 2025): at most three
# consecutive AI-only iterations before a human review, a security check of every iteration, and a
# closer look when complexity rises.
`;

interface InitFlags {
  gitHooks?: boolean;
  prePush?: boolean;
}

/** Initialises a repository; safe to run twice (existing files are kept). */
export async function runInit(cwd = process.cwd(), flags: InitFlags = {}): Promise<number> {
  if (flags.prePush && !flags.gitHooks) throw new UserError('--pre-push installs a git hook: use it with --git-hooks');
  const project = await openProject(cwd, undefined, { needRules: false });
  const [writtenName] = CONFIG_FILE_NAMES;
  const existing = CONFIG_FILE_NAMES.find((name) => existsSync(join(project.top, name)));
  const said: string[] = [];
  if (existing) said.push(`kept ${existing} (already there)`);
  else {
    const defaults = { scan: { rules: [], include: [], exclude: [], maxFileSize: DEFAULT_MAX_FILE_SIZE, failOn: 'high' }, policy: DEFAULT_POLICY };
    writeFileSync(join(project.top, writtenName), HEADER + stringify(defaults));
    said.push(`wrote ${writtenName} with the default policy`);
  }
  const gitignore = join(project.top, '.gitignore');
  const current = existsSync(gitignore) ? readFileSync(gitignore, 'utf8') : '';
  if (current.split(/\r?\n/).some((line) => line.trim() === '.loopwarden/' || line.trim() === '.loopwarden')) said.push('kept .gitignore (already ignores .loopwarden/)');
  else {
    appendFileSync(gitignore, `${current && !current.endsWith('\n') ? '\n' : ''}.loopwarden/\n`);
    said.push('added .loopwarden/ to .gitignore');
  }
  const ledger = await project.openLedger();
  said.push(`ledger ready at .loopwarden/ledger.db (${(await ledger.records()).length} records)`);
  ledger.close();
  if (flags.gitHooks) said.push(...installGitHooks(project.top, { prePush: flags.prePush === true }));
  process.stdout.write(`${said.join('\n')}\n`);
  return 0;
}
