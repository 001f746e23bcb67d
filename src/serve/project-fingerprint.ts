import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_FILE_NAMES } from '../config/config-lookup.js';
import { RULE_PACK_PATH } from '../rules/rule-pack.js';

function identity(path: string): string {
  try {
    const s = statSync(path);
    return `${s.dev}:${s.ino}`;
  } catch {
    return '-';
  }
}

function stamp(path: string): string {
  try {
    const s = statSync(path);
    return `${s.dev}:${s.ino}:${s.size}:${s.mtimeMs}`;
  } catch {
    return '-';
  }
}

function stampTree(directory: string, out: string[], depth = 0): void {
  let entries;
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch {
    out.push(`${directory}:-`);
    return;
  }
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory() && depth < 8) stampTree(path, out, depth + 1);
    else out.push(`${path}:${stamp(path)}`);
  }
}

/**
 * What the warm server's loaded state depends on, as file stamps: the config files at the top, the
 * built-in rule pack, custom rule folders, and which file the ledger is (its content changes with every record). A change means load everything again.
 */
export function projectFingerprint(top: string, ledgerPath: string, ruleDirs: readonly string[]): string {
  const parts = [...CONFIG_FILE_NAMES.map((name) => stamp(join(top, name))), stamp(RULE_PACK_PATH), identity(ledgerPath)];
  for (const directory of ruleDirs) stampTree(directory, parts);
  return parts.join('|');
}
