import type { SyntaxNode } from '../languages/language.js';

/** Returns the ids of the nodes under `root` that match any of the ast-grep rules. */
export function nodeIdsMatching(root: SyntaxNode, rules: readonly Record<string, unknown>[]): Set<number> {
  const ids = new Set<number>();
  if (rules.length === 0) return ids;
  // One walk of the tree for all of them: each findAll is a full traversal.
  for (const node of root.findAll({ rule: rules.length === 1 ? rules[0] : { any: rules } })) ids.add(node.id());
  return ids;
}

/** True when the source offset `index` lies inside `node`. */
export function containsIndex(node: SyntaxNode, index: number): boolean {
  const { start, end } = node.range();
  return start.index <= index && index < end.index;
}
