import { relative, resolve, sep } from 'node:path';

/** Returns a finding's path (relative to the scan root) as seen from `from`, with forward slashes, for tools that open it. */
export function pathFrom(root: string, findingPath: string, from: string): string {
  return relative(from, resolve(root, findingPath)).split(sep).join('/');
}
