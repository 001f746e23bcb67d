import { existsSync } from 'node:fs';
import { dirname, join, relative, isAbsolute } from 'node:path';
import { UserError } from '../errors.js';
import { isPresent } from '../input/regular-file.js';

/** The names a config file may have; both in one directory is an error, as neither would be sure to win. */
export const CONFIG_FILE_NAMES = ['.loopwarden.yml', '.loopwarden.yaml'] as const;

/**
 * Returns the nearest directory at or above `start` holding `.git` (a directory, or a file in worktrees
 * and submodules), or undefined outside a repository. Looking for the marker instead of asking git keeps
 * a process spawn out of every scan.
 */
export function repositoryTopFor(start: string): string | undefined {
  for (let directory = start; ; directory = dirname(directory)) {
    if (existsSync(join(directory, '.git'))) return directory;
    if (dirname(directory) === directory) return undefined;
  }
}

const isWithin = (directory: string, top: string) => {
  const path = relative(top, directory);
  return path === '' || (!path.startsWith('..') && !isAbsolute(path));
};

/**
 * Returns the config file nearest to `start`, searching it and each parent up to `top` (the repository
 * top; `start` itself outside a repository), or undefined when there is none. A config above the
 * repository belongs to some other project, so the search never leaves it.
 */
export function findConfigFile(start: string, top: string): string | undefined {
  const last = isWithin(start, top) ? top : start;
  for (let directory = start; ; directory = dirname(directory)) {
    // Present in any form counts (a dangling link, a FIFO): reading it then fails closed instead of the defaults applying.
    const present = CONFIG_FILE_NAMES.map((name) => join(directory, name)).filter(isPresent);
    if (present.length > 1) throw new UserError(`${present.join(' and ')}: both exist; keep one of them`);
    if (present[0]) return present[0];
    if (directory === last || dirname(directory) === directory) return undefined;
  }
}
