import { dirname, join } from 'node:path';

/** Candidate files for a Java class: an import or a qualified name under the source root, then the file's own package directory. */
export function javaClassFileCandidates(typeName: string, packageName: string | undefined, imports: string[], filePath: string): string[] {
  const simple = typeName.split('.').pop()!;
  const directory = dirname(filePath);
  let sourceRoot = directory;
  for (let index = 0; index < (packageName ? packageName.split('.').length : 0); index++) sourceRoot = dirname(sourceRoot);
  const qualified = typeName.includes('.') ? typeName : imports.find((imported) => imported.endsWith(`.${simple}`));
  const candidates = [join(directory, `${simple}.java`)];
  if (qualified) candidates.unshift(join(sourceRoot, ...qualified.split('.')) + '.java');
  return [...new Set(candidates)];
}
