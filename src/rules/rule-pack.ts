import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Rule } from './rule.js';

/** The rules directory shipped with loopwarden. */
export const BUILTIN_RULES_DIR = fileURLToPath(new URL('../../../rules', import.meta.url));

/** The built-in rules, validated and compiled at build time, so a scan starts without YAML or schema work. */
export const RULE_PACK_PATH = fileURLToPath(new URL('../../rule-pack.json', import.meta.url));

interface RulePack {
  /** Every rules directory and rule file with its modification time: any edit, addition or removal shows. */
  entries: { path: string; size: number; mtimeMs: number }[];
  rules: Rule[];
}

function listEntries(dir: string): { path: string; size: number; mtimeMs: number }[] {
  const entries: { path: string; size: number; mtimeMs: number }[] = [];
  const visit = (current: string): void => {
    const stats = statSync(current);
    entries.push({ path: relative(dir, current), size: 0, mtimeMs: stats.mtimeMs });
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (/\.ya?ml$/.test(entry.name)) {
        const file = statSync(path);
        entries.push({ path: relative(dir, path), size: file.size, mtimeMs: file.mtimeMs });
      }
    }
  };
  visit(dir);
  return entries;
}

/** True when no rules directory or rule file changed since the pack was written (adding or removing a
 * file changes its directory's modification time). */
function packIsCurrent(pack: Pick<RulePack, 'entries'>, dir = BUILTIN_RULES_DIR): boolean {
  try {
    return pack.entries.every((entry) => {
      const stats = statSync(join(dir, entry.path));
      return stats.mtimeMs === entry.mtimeMs && (stats.isDirectory() || stats.size === entry.size);
    });
  } catch {
    return false;
  }
}

/** Writes the compiled rule pack for the built-in rules. */
export function writeRulePack(rules: Rule[]): void {
  const pack: RulePack = { entries: listEntries(BUILTIN_RULES_DIR), rules };
  writeFileSync(RULE_PACK_PATH, JSON.stringify(pack));
}

/** Loads the built-in rules: from the compiled pack while it matches the rule files, else from the files. */
export async function loadBuiltinRules(): Promise<Rule[]> {
  try {
    const pack = JSON.parse(readFileSync(RULE_PACK_PATH, 'utf8')) as RulePack;
    if (Array.isArray(pack.entries) && packIsCurrent(pack)) return pack.rules;
  } catch {
    // No pack (a source checkout before the first build) or an unreadable one: read the rule files.
  }
  const { loadRules } = await import('./load.js');
  return loadRules([BUILTIN_RULES_DIR]);
}

/** Loads the built-in rules plus the rules in `extraDirs`, which are validated like ours. */
export async function loadAllRules(extraDirs: string[]): Promise<Rule[]> {
  const builtin = await loadBuiltinRules();
  if (extraDirs.length === 0) return builtin;
  const { loadRules } = await import('./load.js');
  const extra = loadRules(extraDirs);
  const builtinIds = new Set(builtin.map((rule) => rule.id));
  const clash = extra.find((rule) => builtinIds.has(rule.id));
  if (clash) {
    const { UserError } = await import('../errors.js');
    throw new UserError(`${clash.sourcePath}: field 'id': '${clash.id}' is already a built-in rule`);
  }
  return [...builtin, ...extra];
}

/** For tests: snapshots `dir`'s entries and returns a check of whether they are unchanged since. */
export function packIsCurrentFor(dir: string): { isCurrent(): boolean } {
  const entries = listEntries(dir);
  return { isCurrent: () => packIsCurrent({ entries }, dir) };
}
