import type { LanguageSpec, SyntaxNode } from '../languages/language.js';
import { fileConstant, foldConstant, type Folded } from './constant-fold.js';
import type { Assignment } from './value.js';
import { containsIndex } from './node-set.js';
import { liveSwitchArms } from './switch-cases.js';
import { namedChildrenWithoutComments } from '../languages/language.js';

/** Branch facts inside one function: which assignments can run, and which run on every path. */
export class FunctionFlow {
  constructor(
    private readonly language: LanguageSpec,
    private readonly scope: SyntaxNode,
    /** Returns the assignments to a name in this function, in source order. */
    private readonly assignmentsOf: (name: string) => Assignment[],
  ) {}

  /** Folds `node` to a constant, resolving names through their last unconditional assignment. */
  fold(node: SyntaxNode): Folded | undefined {
    return foldConstant(node, this.language, (identifier) => {
      const use = identifier.range().start.index;
      const before = this.assignmentsOf(identifier.text()).filter((a) => a.node.range().end.index <= use && !a.augmented);
      const last = before[before.length - 1];
      if (last) return !this.isConditional(last.node, identifier) ? last.value : undefined;
      if (this.language.id !== 'c' && this.language.id !== 'cpp') return undefined;
      return this.declaresLocally(identifier.text()) ? undefined : fileConstant(identifier, this.language);
    });
  }

  /** A condition folded to true or false; in C and C++ a number is a truth value too (`if (1)`, `while (0)`). */
  foldCondition(condition: SyntaxNode): boolean | undefined {
    // C++ wraps an `if`'s condition in a condition_clause (which may also declare a variable).
    const clause = condition.kind() === 'condition_clause' ? namedChildrenWithoutComments(condition) : [condition];
    if (clause.length !== 1) return undefined;
    const folded = this.fold(clause[0]!);
    if (typeof folded === 'boolean') return folded;
    return typeof folded === 'number' && (this.language.id === 'c' || this.language.id === 'cpp') ? folded !== 0 : undefined;
  }

  private readonly locals = new Map<string, boolean>();

  /** True when the function declares `name` itself (a parameter or a local), hiding any file-level one. */
  private declaresLocally(name: string): boolean {
    let known = this.locals.get(name);
    if (known === undefined) {
      known = this.assignmentsOf(name).length > 0 || this.scope.findAll({ rule: { kind: 'identifier', regex: `^${name.replace(/[^\w]/g, '')}$` } }).some((id) => /declarator|parameter_declaration/.test(id.parent()?.kind() ?? ''));
      this.locals.set(name, known);
    }
    return known;
  }

  private readonly dead = new Map<number, boolean>();

  /** True when `node` sits in a branch that a constant condition rules out. */
  isInDeadBranch(node: SyntaxNode): boolean {
    let known = this.dead.get(node.id());
    if (known === undefined) {
      known = this.computeDead(node);
      this.dead.set(node.id(), known);
    }
    return known;
  }

  private computeDead(node: SyntaxNode): boolean {
    const at = node.range().start.index;
    for (const ancestor of node.ancestors()) {
      if (ancestor.id() === this.scope.id()) return false;
      if (this.language.complexity.switchKinds.includes(ancestor.kind())) {
        if (this.inDeadArm(ancestor, at)) return true;
        continue;
      }
      if (!this.language.complexity.ifKinds.includes(ancestor.kind())) continue;
      const condition = ancestor.field('condition');
      const consequence = ifConsequence(ancestor);
      if (!condition || !consequence) continue;
      const folded = this.foldCondition(condition);
      if (folded === undefined) continue;
      const inConsequence = containsIndex(consequence, at);
      if (inConsequence && !folded) return true;
      if (!inConsequence && !containsIndex(condition, at) && folded) return true;
    }
    return false;
  }

  private readonly liveArms = new Map<number, Set<number> | undefined>();

  /** True when offset `at` lies in an arm of `switchNode` that its constant subject rules out. */
  private inDeadArm(switchNode: SyntaxNode, at: number): boolean {
    if (!this.liveArms.has(switchNode.id())) this.liveArms.set(switchNode.id(), liveSwitchArms(switchNode, (node) => this.fold(node)));
    const live = this.liveArms.get(switchNode.id());
    if (!live) return false;
    const body = switchNode.field('body') ?? switchNode;
    for (const arm of body.namedChildren()) {
      if (containsIndex(arm, at)) return !live.has(arm.id()) && arm.kind() !== 'switch_label' && arm.id() !== switchNode.field('value')?.id();
    }
    return false;
  }

  /** True when `node` runs only on some paths to `use`: inside a branch, loop or handler that `use` is not in. */
  isConditional(node: SyntaxNode, use: SyntaxNode): boolean {
    const at = use.range().start.index;
    return this.ancestorFacts(node).branches.some(([start, end]) => at < start || at >= end);
  }

  /**
   * True when `node` runs whenever `use` does, though it sits in branches `use` is not in: every such branch is
   * an `if` arm or `while` body whose condition folds to take it, or a switch arm its constant subject picks.
   */
  surelyRuns(node: SyntaxNode, use: SyntaxNode): boolean {
    const shape = this.language.complexity;
    const at = node.range().start.index;
    const useAt = use.range().start.index;
    for (const ancestor of node.ancestors()) {
      if (ancestor.id() === this.scope.id() || containsIndex(ancestor, useAt)) return true;
      const kind = ancestor.kind();
      if (shape.ifKinds.includes(kind)) {
        const condition = ancestor.field('condition');
        const consequence = ifConsequence(ancestor);
        const folded = condition ? this.foldCondition(condition) : undefined;
        if (folded === undefined || !consequence || folded !== containsIndex(consequence, at)) return false;
      } else if (shape.switchKinds.includes(kind)) {
        if (!this.liveArms.has(ancestor.id())) this.liveArms.set(ancestor.id(), liveSwitchArms(ancestor, (n) => this.fold(n)));
        const live = this.liveArms.get(ancestor.id());
        const arm = (ancestor.field('body') ?? ancestor).namedChildren().find((child) => containsIndex(child, at));
        if (!live || !arm || !live.has(arm.id())) return false;
      } else if (kind === 'while_statement') {
        const condition = ancestor.field('condition');
        if (!condition || this.foldCondition(condition) !== true) return false;
      } else if ((shape.loopKinds.includes(kind) && kind !== 'do_statement') || shape.catchKinds.includes(kind)) return false;
    }
    return true;
  }

  /** True when `node` sits in an `if` body that always returns or throws and does not contain `use`. */
  leavesBefore(node: SyntaxNode, use: SyntaxNode): boolean {
    const at = use.range().start.index;
    return this.ancestorFacts(node).exitingIfs.some(([start, end]) => at < start || at >= end);
  }

  private readonly facts = new Map<number, { branches: [number, number][]; exitingIfs: [number, number][] }>();

  /**
   * Per node, found once: the ranges of the branches, loops and handlers around it (up to the function),
   * and of the `if` statements whose body holds it and always returns or throws.
   */
  private ancestorFacts(node: SyntaxNode): { branches: [number, number][]; exitingIfs: [number, number][] } {
    let found = this.facts.get(node.id());
    if (found) return found;
    const shape = this.language.complexity;
    const kinds = [...shape.ifKinds, ...shape.elseKinds, ...shape.elseIfKinds, ...shape.loopKinds, ...shape.catchKinds, ...shape.switchKinds, ...shape.caseKinds];
    const at = node.range().start.index;
    found = { branches: [], exitingIfs: [] };
    for (const ancestor of node.ancestors()) {
      if (ancestor.id() === this.scope.id()) break;
      if (!kinds.includes(ancestor.kind())) continue;
      const { start, end } = ancestor.range();
      found.branches.push([start.index, end.index]);
      if (!shape.ifKinds.includes(ancestor.kind())) continue;
      const consequence = ifConsequence(ancestor);
      if (consequence && containsIndex(consequence, at) && exits(consequence, this.language, false)) found.exitingIfs.push([start.index, end.index]);
    }
    this.facts.set(node.id(), found);
    return found;
  }

  /** For a ternary whose condition folds: the branch that runs; otherwise undefined. */
  chosenBranch(ternary: SyntaxNode, parts: SyntaxNode[]): SyntaxNode | undefined {
    const python = this.language.id === 'python';
    const condition = ternary.field('condition') ?? (python ? parts[1] : undefined);
    const consequence = ternary.field('consequence') ?? (python ? parts[0] : undefined);
    const alternative = ternary.field('alternative') ?? (python ? parts[2] : undefined);
    const folded = condition ? this.fold(condition) : undefined;
    return typeof folded === 'boolean' && consequence && alternative ? (folded ? consequence : alternative) : undefined;
  }

  /**
   * The assignments whose value may reach `use`: from the last one back to the last that runs on every
   * path, skipping those in dead branches. Latest first.
   */
  reaching(assignments: Assignment[], use: SyntaxNode): Assignment[] {
    const at = use.range().start.index;
    const live = assignments.filter((a) => a.node.range().end.index <= at && !containsIndex(a.node, at) && !this.isInDeadBranch(a.node) && !this.leavesBefore(a.node, use));
    const reaching: Assignment[] = [];
    for (let index = live.length - 1; index >= 0; index--) {
      const assignment = live[index]!;
      reaching.push(assignment);
      if (!assignment.augmented && (!this.isConditional(assignment.node, use) || this.surelyRuns(assignment.node, use))) break;
    }
    return reaching;
  }
}

/** The body an `if` runs when its condition holds: `consequence` in most grammars, `body` in PHP's. */
export function ifConsequence(statement: SyntaxNode): SyntaxNode | null {
  return statement.field('consequence') ?? statement.field('body');
}

/** True when a branch body always leaves: its last statement returns, raises, throws or (if `loopJumps`) breaks or continues. */
export function exits(body: SyntaxNode | null, language: LanguageSpec, loopJumps = true): boolean {
  if (!body) return false;
  let last = language.blockKinds.includes(body.kind()) ? namedChildrenWithoutComments(body).at(-1) : body;
  // Go wraps a block's statements in a statement_list.
  if (last?.kind() === 'statement_list') last = namedChildrenWithoutComments(last).at(-1);
  if (!last) return false;
  // PHP's `exit;` and `die('…');` end the request.
  if (language.returnKinds.includes(last.kind()) || /^(raise_statement|throw_statement|throw_expression|exit_statement)$/.test(last.kind())) return true;
  // PHP's parser reads `die('…');` and `exit(1);` as calls.
  if (language.id === 'php' && last.kind() === 'expression_statement' && /^(die|exit)\s*\(/i.test(last.text())) return true;
  // Ruby raises with a plain method call.
  if (language.id === 'ruby' && last.kind() === 'call' && !last.field('receiver') && /^(raise|fail)$/.test(last.field('method')?.text() ?? '')) return true;
  // `break`/`continue` leave the rest of a loop body, not the function.
  return loopJumps && /^(continue_statement|break_statement)$/.test(last.kind());
}

