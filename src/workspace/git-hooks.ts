import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { git } from './git.js';

/** The git hooks loopwarden installs. */
export type GitHookName = 'post-commit' | 'pre-push';

/** Where hook scripts go: git's hooks directory, or husky's, whose `_/` wrappers run `.husky/<hook>`. */
export interface HooksLocation {
  directory: string;
  husky: boolean;
}

/** How a hook runs loopwarden: this installation's node and CLI, else `npx --no-install loopwarden`. */
export interface HookRunner {
  node: string;
  cli: string;
}

/**
 * Returns where this repository's hook scripts belong. git's hooks directory honours `core.hooksPath`;
 * husky v9 points it at `.husky/_`, whose generated wrappers run the scripts in `.husky/`, so those are
 * the ones to write (husky's own docs: a hook is a plain shell file `.husky/<hook>`).
 */
export function hooksLocation(top: string): HooksLocation {
  const directory = resolve(top, git(top, ['rev-parse', '--git-path', 'hooks']).toString().trim());
  if (basename(directory) === '_' && (existsSync(join(directory, 'h')) || existsSync(join(directory, 'husky.sh')) || !existsSync(directory))) {
    return { directory: dirname(directory), husky: true };
  }
  return { directory, husky: false };
}

const quote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

function markers(hook: GitHookName): { start: string; end: string } {
  return { start: `# >>> loopwarden ${hook} >>>`, end: `# <<< loopwarden ${hook} <<<` };
}

/** Returns the delimited block of shell that runs loopwarden's part of a hook. */
export function hookBlock(hook: GitHookName, runner: HookRunner): string {
  const { start, end } = markers(hook);
  const lines = [
    start,
    '# Installed by `loopwarden init --git-hooks`; delete from here to the end marker to remove it.',
    'loopwarden_run() {',
    `  if [ -f ${quote(runner.cli)} ]; then ${quote(runner.node)} ${quote(runner.cli)} "$@"; else npx --no-install loopwarden "$@"; fi`,
    '}',
  ];
  if (hook === 'post-commit') {
    // Records the new commit; whatever happens, the commit stands and the rest of the script runs.
    lines.push('loopwarden_run git-hook post-commit || true');
  } else {
    // git gives the pushed refs on standard input: read them, then hand the same lines to what follows.
    lines.push(
      'loopwarden_refs=$(cat)',
      'printf \'%s\\n\' "$loopwarden_refs" | loopwarden_run git-hook pre-push "$@" || exit 1',
      'if [ -n "$loopwarden_refs" ]; then exec 0<<LOOPWARDEN_REFS',
      '$loopwarden_refs',
      'LOOPWARDEN_REFS',
      'else exec 0</dev/null; fi',
    );
  }
  lines.push(end);
  return `${lines.join('\n')}\n`;
}

/** How the block went into a script. */
export type HookMerge = 'created' | 'appended' | 'inserted' | 'updated' | 'unchanged';

/**
 * Returns a hook script with loopwarden's block in it and how it got there: a new script (a shebang for
 * git, none for husky, which runs hooks with sh), the block replaced where it already is, or added to
 * the existing script — at the end, or right after its first line for pre-push (which reads the pushed
 * refs from standard input and hands them on) and for a script that ends by `exec` or `exit` (the
 * pre-commit framework's generated hook does), since nothing after them runs.
 */
export function mergeHookScript(existing: string | undefined, hook: GitHookName, block: string, husky: boolean): { script: string; how: HookMerge } {
  if (existing === undefined || existing.trim() === '') return { script: husky ? block : `#!/bin/sh\n${block}`, how: 'created' };
  const { start, end } = markers(hook);
  const from = existing.indexOf(start);
  const to = existing.indexOf(end, from);
  if (from >= 0 && to > from) {
    let after = to + end.length;
    if (existing[after] === '\n') after++;
    const script = existing.slice(0, from) + block + existing.slice(after);
    return { script, how: script === existing ? 'unchanged' : 'updated' };
  }
  // pre-push goes first: it must read the pushed refs before anything else consumes them (it hands them on).
  if (hook === 'pre-push' || /^\s*(exec|exit)\b/m.test(existing)) {
    const shebangEnd = existing.startsWith('#!') ? existing.indexOf('\n') + 1 : 0;
    if (existing.startsWith('#!') && shebangEnd === 0) return { script: `${existing}\n${block}`, how: 'inserted' };
    return { script: existing.slice(0, shebangEnd) + block + existing.slice(shebangEnd), how: 'inserted' };
  }
  return { script: `${existing}${existing.endsWith('\n') ? '' : '\n'}\n${block}`, how: 'appended' };
}
