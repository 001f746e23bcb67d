import { dirname, join, parse } from 'node:path';

/** Where a Python module may live: `a/b.py` or `a/b/__init__.py` under the file's directory or any directory above it. */
export function pythonModuleFileCandidates(modulePath: string, absolutePath: string): string[] {
  const relative = join(...modulePath.split('.'));
  const candidates: string[] = [];
  let directory = dirname(absolutePath);
  const { root } = parse(directory);
  for (let depth = 0; depth < 8; depth++) {
    candidates.push(join(directory, `${relative}.py`), join(directory, relative, '__init__.py'));
    if (directory === root) break;
    directory = dirname(directory);
  }
  return candidates;
}
