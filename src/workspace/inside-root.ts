import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { UserError } from '../errors.js';

const leavesRoot = (root: string, path: string) => {
  const rest = relative(root, path);
  return rest === '..' || rest.startsWith(`..${sep}`) || isAbsolute(rest);
};

/**
 * Returns `path` (relative to `root`, or absolute) relative to `root`, with forward slashes, after checking
 * that it exists and stays inside `root` once symbolic links are followed; anything else is a UserError.
 */
export function pathInsideRoot(root: string, path: string): string {
  const absolute = resolve(root, path);
  const outside = () => new UserError(`${path}: outside the project root ${root}; only paths inside it are read`);
  if (leavesRoot(root, absolute)) throw outside();
  let real: string;
  try {
    real = realpathSync(absolute);
  } catch {
    throw new UserError(`${path}: no such file or directory in ${root}`);
  }
  if (leavesRoot(realpathSync(root), real)) throw outside();
  return relative(root, absolute).split(sep).join('/') || '.';
}
