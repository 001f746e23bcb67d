import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../errors.js';
import { hookBlock, hooksLocation, mergeHookScript, type GitHookName, type HookMerge } from '../workspace/git-hooks.js';

const SAID: Record<HookMerge, string> = {
  created: 'installed',
  appended: 'added the loopwarden block at the end of the existing',
  inserted: 'added the loopwarden block after the first line of the existing',
  updated: 'updated the loopwarden block in',
  unchanged: 'kept',
};

const WHAT: Record<GitHookName, string> = {
  'post-commit': 'records each commit as an iteration',
  'pre-push': 'refuses a push whose verdict is block or review-required',
};

/**
 * Installs loopwarden's git hooks (post-commit, and pre-push when asked) beside whatever hooks are there;
 * returns one line per hook saying what was done. Running it again changes nothing.
 */
export function installGitHooks(top: string, options: { prePush: boolean }): string[] {
  const location = hooksLocation(top);
  const runner = { node: process.execPath, cli: fileURLToPath(new URL('./main.js', import.meta.url)) };
  const hooks: GitHookName[] = options.prePush ? ['post-commit', 'pre-push'] : ['post-commit'];
  return hooks.map((hook) => {
    const path = join(location.directory, hook);
    const shown = relative(top, path) || path;
    if (existsSync(path) && !lstatSync(path).isFile()) throw new UserError(`${shown}: not a regular file; loopwarden does not write hooks through links or into directories`);
    const existing = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    const { script, how } = mergeHookScript(existing, hook, hookBlock(hook, runner), location.husky);
    if (how !== 'unchanged') {
      mkdirSync(location.directory, { recursive: true });
      writeFileSync(path, script);
      chmodSync(path, 0o755);
    }
    return `${SAID[how]} ${shown}${how === 'unchanged' ? ' (loopwarden block already there)' : ''}${location.husky ? ' (husky)' : ''}: ${WHAT[hook]}`;
  });
}
