import type { SyntaxNode } from '../languages/language.js';
import { namedChildrenWithoutComments } from '../languages/language.js';
import type { Folded } from './constant-fold.js';

/** One arm of a switch: its labels (empty for `default`), and whether control falls into the next arm. */
interface CaseArm {
  node: SyntaxNode;
  labels: SyntaxNode[];
  isDefault: boolean;
  fallsThrough: boolean;
}

// Case-arm node kinds across grammars: Java groups and arrow rules, JS/TS, Go, C/C++, C#, PHP.
const ARM_KINDS = new Set(['case_clause', 'switch_block_statement_group', 'switch_rule', 'switch_case', 'switch_default', 'expression_case', 'default_case', 'case_statement', 'switch_section', 'default_statement']);
const ENDS_ARM = /^(break_statement|return_statement|throw_statement|continue_statement|throw_expression|expression_statement_throw)$/;

/**
 * For a switch whose subject folds to a constant: the arms that can run (the matching one, or `default`,
 * and those it falls into). Undefined when the subject or any label cannot be folded.
 */
export function liveSwitchArms(switchNode: SyntaxNode, fold: (node: SyntaxNode) => Folded | undefined): Set<number> | undefined {
  const subject = switchNode.field('condition') ?? switchNode.field('value') ?? switchNode.field('subject');
  if (!subject) return undefined;
  const value = fold(subject);
  if (value === undefined) return undefined;
  const arms = armsOf(switchNode);
  // An arm whose labels this grammar keeps elsewhere cannot be judged: decide nothing.
  if (arms.length === 0 || arms.some((arm) => arm.labels.length === 0 && !arm.isDefault)) return undefined;
  let start = -1;
  for (const [index, arm] of arms.entries()) {
    const labels = arm.labels.map(fold);
    if (labels.some((label) => label === undefined)) return undefined;
    if (start < 0 && labels.includes(value)) start = index;
  }
  if (start < 0) start = arms.findIndex((arm) => arm.isDefault);
  const live = new Set<number>();
  if (start < 0) return live; // nothing matches and there is no default: no arm runs
  for (let index = start; index < arms.length; index++) {
    live.add(arms[index]!.node.id());
    if (!arms[index]!.fallsThrough) break;
  }
  return live;
}

function armsOf(switchNode: SyntaxNode): CaseArm[] {
  const body = switchNode.field('body');
  const container = body ?? switchNode;
  return namedChildrenWithoutComments(container)
    .filter((child) => ARM_KINDS.has(child.kind()))
    .map((node) => {
      const kind = node.kind();
      const children = namedChildrenWithoutComments(node);
      let labels: SyntaxNode[];
      let isDefault = kind === 'switch_default' || kind === 'default_case' || kind === 'default_statement';
      if (kind === 'case_clause') {
        // Python `match`: `case "A":`, `case "C" | "D":`, `case _:`; no fall-through.
        const patterns = children.filter((child) => child.kind() === 'case_pattern');
        const literals = patterns.flatMap((pattern) => {
          const inner = namedChildrenWithoutComments(pattern)[0];
          return inner?.kind() === 'union_pattern' ? namedChildrenWithoutComments(inner) : inner ? [inner] : [];
        });
        const wildcard = patterns.length === 1 && patterns[0]!.text().trim() === '_';
        return { node, labels: wildcard ? [] : literals, isDefault: wildcard, fallsThrough: false };
      }
      if (kind === 'switch_block_statement_group' || kind === 'switch_rule' || kind === 'switch_section') {
        const labelNodes = children.filter((child) => child.kind() === 'switch_label' || child.kind() === 'case_switch_label' || child.kind() === 'default_switch_label');
        isDefault = labelNodes.some((label) => label.text().trim().startsWith('default'));
        labels = labelNodes.flatMap((label) => namedChildrenWithoutComments(label));
      } else {
        const value = node.field('value');
        labels = value ? (value.kind() === 'expression_list' ? namedChildrenWithoutComments(value) : [value]) : [];
        if (!value && /^default/.test(node.text().trim())) isDefault = true;
      }
      const statements = statementsOf(node, children);
      const last = statements[statements.length - 1];
      const fallsThrough =
        kind === 'switch_rule' ? false
          : kind === 'expression_case' || kind === 'default_case' ? last?.kind() === 'fallthrough_statement'
            : !(last && ENDS_ARM.test(last.kind()));
      return { node, labels, isDefault, fallsThrough };
    });
}

function statementsOf(arm: SyntaxNode, children: SyntaxNode[]): SyntaxNode[] {
  const list = children.find((child) => child.kind() === 'statement_list');
  const statements = list ? namedChildrenWithoutComments(list) : children;
  return statements.filter((child) => !/label$/.test(child.kind()) && child.id() !== arm.field('value')?.id());
}
