import type { LanguageSpec, SyntaxNode } from '../languages/language.js';

/** Node kinds of classes and their like, whose names enter a dotted function path (their bodies excepted). */
export const CLASS_LIKE = /class|struct|interface|impl|object_declaration|enum_declaration/;

/** Returns the innermost function node that contains `node`, or undefined at file level. */
export function enclosingFunction(node: SyntaxNode, language: LanguageSpec): SyntaxNode | undefined {
  return node.ancestors().find((ancestor) => language.functionKinds.includes(ancestor.kind()));
}

/** Returns the dotted path of named classes and functions around `node` (`Handler.get`), or null. */
export function enclosingFunctionPath(node: SyntaxNode, language: LanguageSpec): string | null {
  const names: string[] = [];
  let insideFunction = false;
  for (const ancestor of node.ancestors()) {
    const kind = ancestor.kind();
    if (language.functionKinds.includes(kind)) {
      insideFunction = true;
      names.unshift(language.functionName(ancestor) ?? '<anonymous>');
    } else if (CLASS_LIKE.test(kind) && !kind.includes('body')) {
      const name = ancestor.field('name')?.text();
      if (name) names.unshift(name);
    }
  }
  return insideFunction ? names.join('.') : null;
}
