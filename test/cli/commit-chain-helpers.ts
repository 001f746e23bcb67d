import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cleanEnv } from '../helpers.js';

export const SAFE_DB = 'def find(cursor, name):\n    return cursor.execute("SELECT * FROM t WHERE n = ?", (name,))\n';
export const UNSAFE_DB = 'def find(cursor, name):\n    return cursor.execute("SELECT * FROM t WHERE n = \'" + name + "\'")\n';
export const CLAUDE = '\n\nCo-authored-by: Claude <noreply@anthropic.com>';

/** Runs git in `root` (hooks see an environment without coding-agent variables) and returns its output. */
export function git(root: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8', env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** Writes `files` and commits them with `message`; returns the new commit id. */
export function commit(root: string, message: string, files: Record<string, string> = {}): string {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '--allow-empty', '-m', message);
  return git(root, 'rev-parse', 'HEAD');
}
