import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { ProjectConfig } from '../config/config-file.js';
import { canonicalJson } from '../ledger/canonical-json.js';
import type { GuardState } from '../policy/guards.js';
import { allowedSignersFile } from './allowed-signers.js';
import { programStamp } from '../scanners/run-scanner.js';
import type { BuiltSnapshot } from './snapshot-builder.js';

/** Files loopwarden itself writes under `.loopwarden/`: they change on every check and guard nothing. */
// turns/ holds agents' open turns (provenance only); serve.* and serve-fallback.txt are the warm server's.
const OWN_FILES = /^(ledger\.db(-wal|-shm|-journal|\.head)?|config\.cache\.json|.*\.tmp|serve\.(sock|json|log)|serve-fallback\.txt|turns)$/;

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/**
 * Reads the digests of everything besides the code that decides a verdict: the effective policy and scan
 * settings (after any cache, flag or `--config`), the rule set, the config file's bytes, and files people
 * keep under `.loopwarden/` (an allowed-signers file, say).
 */
export function readGuardState(top: string, config: ProjectConfig, ruleSetKey: string, files: Pick<BuiltSnapshot, 'unanalysed' | 'ignoreRules'>): GuardState {
  const { unanalysed, ignoreRules } = files;
  const { path: _path, rules: ruleDirectories, ...scan } = config.scan;
  // Settings added after ledgers were written enter the digest only when used, so an upgrade changes no guard.
  const { scannerFailure, ...policy } = config.policy;
  const settings = canonicalJson({
    policy: scannerFailure === 'review-ai-changes' ? policy : config.policy,
    scan: { ...scan, rules: ruleDirectories.map((dir) => relativeTo(top, dir)) },
    ...(config.scanners.length ? { scanners: config.scanners } : {}),
  });
  const state: GuardState = {
    settings: { digest: sha256(settings), what: 'the effective policy and scan settings' },
    rules: { digest: ruleSetKey, what: 'the rule set (rule files or the loopwarden version)' },
  };
  const configFile = config.path ? relativeTo(top, config.path) : '.loopwarden.yml';
  state['config-file'] = { digest: config.path ? sha256(readBytes(config.path)) : 'none', what: `the config file ${configFile}` };
  const signers = allowedSignersFile(top, config.policy);
  if (signers) state['allowed-signers'] = { digest: existsSync(signers) ? sha256(readBytes(signers)) : 'missing', what: `the allowed-signers file ${relativeTo(top, signers)}` };
  if (unanalysed.length) {
    // Code moved where it is not analysed (a vendored folder, past the size limit, onto one long line) must
    // not read as fixed: adding or changing such a file is a change a person has to look at.
    const names = unanalysed.slice(0, 5).map((file) => `${file.path} (${file.reason})`).join(', ');
    state['unanalysed-sources'] = { digest: sha256(canonicalJson(unanalysed)), what: `the source files loopwarden does not analyse (${names}${unanalysed.length > 5 ? `, and ${unanalysed.length - 5} more` : ''})` };
  }
  if (ignoreRules.length) state['ignore-rules'] = { digest: sha256(canonicalJson(ignoreRules)), what: 'the ignore rules (.gitignore files, .git/info/exclude) that decide which files are analysed' };
  const hooks = agentHookSettings(top);
  if (hooks.length) state['hook-settings'] = { digest: sha256(canonicalJson(hooks)), what: `the hooks that run loopwarden (${hooks.map(([name]) => name).join(', ')})` };
  const scannerFiles = scannerOwnFiles(top, config);
  if (scannerFiles.length) state['scanner-files'] = { digest: sha256(canonicalJson(scannerFiles)), what: `the scanners' programs and their config files (${scannerFiles.map(([name]) => name).join(', ')})` };
  const guarded = guardedFiles(join(top, '.loopwarden'));
  if (guarded.length) state['loopwarden-files'] = { digest: sha256(canonicalJson(guarded)), what: `files under .loopwarden/ (${guarded.map(([name]) => name).join(', ')})` };
  return state;
}

/**
 * A scanner's program when it lives in the repository (`./tools/scan.sh`) and the config files it names: an
 * agent that edits either could make the scanner say nothing.
 */
function scannerOwnFiles(top: string, config: ProjectConfig): [string, string][] {
  const names = new Set<string>();
  for (const scanner of config.scanners) {
    const program = scanner.command[0]!;
    if (program.includes('/')) {
      const inside = relativeTo(top, resolve(top, program));
      if (!inside.startsWith('..') && !inside.startsWith('/')) names.add(inside);
    }
    for (const file of scanner.configFiles) names.add(relativeTo(top, resolve(top, file)));
  }
  const files = [...names].sort().map((name): [string, string] => {
    const bytes = readIfFile(join(top, name));
    return [name, bytes === undefined ? 'missing' : sha256(bytes)];
  });
  // The program each scanner runs, as found now: a stand-in put earlier on PATH would say nothing.
  const programs = config.scanners.map((scanner): [string, string] => [`program of ${scanner.name}`, programStamp(scanner.command[0]!, top)]);
  return [...files, ...programs];
}

/** Agent hook settings: JSON files whose `hooks` part (the rest is the user's permissions and preferences) is guarded. */
const HOOK_JSON = ['.claude/settings.json', '.claude/settings.local.json', '.cursor/hooks.json', '.gemini/settings.json', '.codex/hooks.json'];

/**
 * What runs loopwarden around the agent and git: the agents' hook settings and git's hook scripts. An
 * agent that removes its hooks stops being checked; that must need a person like a policy change does.
 */
function agentHookSettings(top: string): [string, string][] {
  const found: [string, string][] = [];
  for (const name of HOOK_JSON) {
    const bytes = readIfFile(join(top, name));
    if (bytes === undefined) continue;
    let hooks: unknown;
    try {
      const parsed = JSON.parse(bytes.toString('utf8')) as { hooks?: unknown; hooksConfig?: unknown };
      hooks = { hooks: parsed.hooks ?? null, hooksConfig: parsed.hooksConfig ?? null };
    } catch {
      hooks = { unparsable: sha256(bytes) };
    }
    found.push([name, sha256(canonicalJson(hooks))]);
  }
  for (const folder of ['.github/hooks', '.git/hooks', '.husky']) {
    let entries: string[];
    try {
      entries = readdirSync(join(top, folder)).filter((entry) => !entry.endsWith('.sample')).sort();
    } catch {
      continue;
    }
    for (const entry of entries) {
      const bytes = readIfFile(join(top, folder, entry));
      if (bytes !== undefined) found.push([`${folder}/${entry}`, sha256(bytes)]);
    }
  }
  return found;
}

function readIfFile(path: string): Buffer | undefined {
  try {
    return lstatSync(path).isFile() ? readFileSync(path) : undefined;
  } catch {
    return undefined;
  }
}

function guardedFiles(directory: string): [string, string][] {
  const found: [string, string][] = [];
  const walk = (dir: string, depth: number) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const absolute = join(dir, entry.name);
      const name = relative(directory, absolute).split(sep).join('/');
      if (depth === 0 && OWN_FILES.test(entry.name)) continue;
      if (entry.isDirectory()) {
        if (depth < 4) walk(absolute, depth + 1);
        else found.push([name, 'deep directory']);
      } else if (entry.isFile()) {
        // A huge file is told apart by size and time: reading it whole would cost every check.
        const stats = statSync(absolute);
        found.push([name, stats.size > 16 * 1024 * 1024 ? `size ${stats.size} mtime ${stats.mtimeMs}` : sha256(readBytes(absolute))]);
      }
      else found.push([name, `${lstatSync(absolute).mode}`]);
    }
  };
  walk(directory, 0);
  return found;
}

function readBytes(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch {
    return Buffer.from('unreadable');
  }
}

function relativeTo(top: string, path: string): string {
  return relative(top, path).split(sep).join('/');
}
