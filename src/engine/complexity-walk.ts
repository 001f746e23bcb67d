import type { LanguageSpec, SyntaxNode } from '../languages/language.js';
import { namedChildrenWithoutComments } from '../languages/language.js';
import type { AnalysisBudget } from './budget.js';
import { CLASS_LIKE } from './scope.js';

/** Complexity counts of one function, before its name, lines and signature are added. */
export interface FunctionCounts {
  cyclomatic: number;
  cognitive: number;
  maxNesting: number;
}

/** A name in the dotted path around a node (a function or a named class), and the scope around it. */
interface Scope {
  parent: Scope | null;
  segment: string | undefined;
  insideFunction: boolean;
}

/** A function whose counts are being gathered: the running totals when it was entered. */
interface OpenFunction {
  node: SyntaxNode;
  name: string;
  /** The nesting its direct children are walked at: its own counts are relative to it. */
  offset: number;
  structures: number;
  nestingSum: number;
  flat: number;
  decisions: number;
  recursiveCalls: number;
  /** Deepest structure nesting inside it, in absolute terms; -1 for none. */
  deepest: number;
  parent: OpenFunction | null;
}

/** A node to visit: its parent is carried along because tree-sitter finds a node's parent by walking down from the root. */
type Task = { node: SyntaxNode; parent: SyntaxNode | null; nesting: number; scope: Scope; open: OpenFunction | null } | { close: OpenFunction };

/**
 * One iterative walk that measures every function under a node, each in linear time.
 *
 * Measuring each function by walking its own subtree costs quadratic time when functions nest (every
 * lambda walks all the lambdas inside it), and a recursive walk overflows the stack on deep nesting.
 * Instead one walk keeps running totals with the nesting counted from the walk's start. SonarSource's
 * increments depend on nesting only through `1 + nesting`, so a function's cognitive complexity is its
 * totals' difference between entry and exit, less its own starting nesting once per structure.
 */
export class ComplexityWalk {
  private structures = 0;
  private nestingSum = 0;
  private flat = 0;
  private decisions = 0;
  private readonly callsByName = new Map<string, number>();
  private readonly elseIfIds = new Set<number>();
  private readonly stack: Task[] = [];
  private openFunctions = 0;
  /** Counts and dotted path of every function met, by node id. */
  readonly measured = new Map<number, FunctionCounts & { outerPath: string | null; name: string }>();

  constructor(
    private readonly language: LanguageSpec,
    private readonly budget: AnalysisBudget,
  ) {}

  /** Measures every function under `root` (a whole file). */
  walkFile(root: SyntaxNode): void {
    this.stack.push({ node: root, parent: null, nesting: 0, scope: { parent: null, segment: undefined, insideFunction: false }, open: null });
    this.drain();
  }

  /** Measures `fn` alone, walking all its children from nesting 0; `outerPath` is its enclosing path. */
  walkFunction(fn: SyntaxNode, outerPath: string | null): void {
    const scope: Scope = { parent: null, segment: outerPath ?? undefined, insideFunction: outerPath !== null };
    const open = this.openFunction(fn, 0, scope, null);
    for (const child of [...fn.children()].reverse()) this.stack.push({ node: child, parent: fn, nesting: 0, scope: open.scope, open: open.frame });
    this.drain();
  }

  private drain(): void {
    for (let task = this.stack.pop(); task; task = this.stack.pop()) {
      if ('close' in task) this.closeFunction(task.close);
      else this.visit(task.node, task.parent, task.nesting, task.scope, task.open);
    }
  }

  private push(node: SyntaxNode, parent: SyntaxNode, nesting: number, scope: Scope, open: OpenFunction | null): void {
    this.stack.push({ node, parent, nesting, scope, open });
  }

  private pushNamedChildren(node: SyntaxNode, nesting: number, scope: Scope, open: OpenFunction | null): void {
    const children = node.children();
    for (let i = children.length - 1; i >= 0; i--) if (children[i]!.isNamed()) this.push(children[i]!, node, nesting, scope, open);
  }

  private visit(node: SyntaxNode, parent: SyntaxNode | null, nesting: number, scope: Scope, open: OpenFunction | null): void {
    this.budget.visit();
    const shape = this.language.complexity;
    const kind = node.kind();
    if (this.language.functionKinds.includes(kind)) {
      const childNesting = shape.nestingOnlyKinds.includes(kind) ? nesting + 1 : nesting;
      const opened = this.openFunction(node, childNesting, scope, open);
      return this.pushNamedChildren(node, childNesting, opened.scope, opened.frame);
    }
    if (CLASS_LIKE.test(kind) && !kind.includes('body')) {
      const name = node.field('name')?.text();
      if (name) scope = { parent: scope, segment: name, insideFunction: scope.insideFunction };
    }
    if (shape.ifKinds.includes(kind)) return this.visitIf(node, nesting, scope, open);
    if (shape.loopKinds.includes(kind) || shape.catchKinds.includes(kind) || shape.ternaryKinds.includes(kind)) {
      this.structure(nesting, true, open);
      return this.pushNamedChildren(node, nesting + 1, scope, open);
    }
    if (shape.switchKinds.includes(kind)) {
      this.structure(nesting, false, open);
      return this.pushNamedChildren(node, nesting + 1, scope, open);
    }
    if (shape.caseKinds.includes(kind) && !/^\s*default\b/.test(node.text()) && !/^\s*case\s+_\s*:/.test(node.text())) {
      this.decisions++;
    } else if (shape.logicalKinds.includes(kind)) {
      this.countLogical(node, parent);
    } else if (shape.jumpKinds.includes(kind)) {
      // goto always breaks linear flow; break/continue only when they name a label.
      if (kind === 'goto_statement' || namedChildrenWithoutComments(node).length > 0) this.flat++;
    } else if (shape.nestingOnlyKinds.includes(kind)) {
      return this.pushNamedChildren(node, nesting + 1, scope, open);
    } else if (shape.callKinds.includes(kind)) {
      this.countCall(node);
    }
    this.pushNamedChildren(node, nesting, scope, open);
  }

  private visitIf(node: SyntaxNode, nesting: number, scope: Scope, open: OpenFunction | null): void {
    const shape = this.language.complexity;
    // An `else if` continues its chain: +1 without a nesting penalty and at the chain's own depth.
    if (this.elseIfIds.has(node.id())) this.flat++;
    else this.structure(nesting, false, open);
    this.decisions++;
    const condition = node.field('condition');
    const alternative = node.field('alternative');
    for (const child of node.children()) {
      if (!child.isNamed() || child.kind().includes('comment')) continue;
      const kind = child.kind();
      if (condition && child.id() === condition.id()) this.push(child, node, nesting, scope, open);
      else if (shape.elseIfKinds.includes(kind)) {
        this.flat++;
        this.decisions++;
        const elifCondition = child.field('condition');
        for (const part of child.children()) {
          if (part.isNamed()) this.push(part, child, elifCondition && part.id() === elifCondition.id() ? nesting : nesting + 1, scope, open);
        }
      } else if (shape.elseKinds.includes(kind)) this.visitElse(child, nesting, scope, open);
      else if (alternative && child.id() === alternative.id()) {
        if (shape.ifKinds.includes(kind)) {
          this.elseIfIds.add(child.id());
          this.push(child, node, nesting, scope, open);
        } else {
          this.flat++;
          this.push(child, node, nesting + 1, scope, open);
        }
      } else this.push(child, node, nesting + 1, scope, open);
    }
  }

  private visitElse(elseNode: SyntaxNode, nesting: number, scope: Scope, open: OpenFunction | null): void {
    const inner = namedChildrenWithoutComments(elseNode);
    if (inner.length === 1 && this.language.complexity.ifKinds.includes(inner[0]!.kind())) {
      this.elseIfIds.add(inner[0]!.id());
      return this.push(inner[0]!, elseNode, nesting, scope, open);
    }
    this.flat++;
    for (const child of inner) this.push(child, elseNode, nesting + 1, scope, open);
  }

  private structure(nesting: number, isDecision: boolean, open: OpenFunction | null): void {
    this.structures++;
    this.nestingSum += nesting;
    if (isDecision) this.decisions++;
    if (open && nesting > open.deepest) open.deepest = nesting;
  }

  private countLogical(node: SyntaxNode, parent: SyntaxNode | null): void {
    const shape = this.language.complexity;
    const operator = node.field('operator')?.text() ?? node.children().find((c) => !c.isNamed())?.text();
    if (!operator || !shape.logicalOperators.includes(operator)) return;
    this.decisions++;
    const parentOperator =
      parent && shape.logicalKinds.includes(parent.kind()) ? (parent.field('operator')?.text() ?? parent.children().find((c) => !c.isNamed())?.text()) : undefined;
    // Sonar counts each run of like operators once: `a && b && c` is +1, `a && b || c` is +2.
    if (parentOperator !== operator) this.flat++;
  }

  /** A call of a function by its own name (plainly, or on this/self) is recursion for every function of that name around it. */
  private countCall(node: SyntaxNode): void {
    const callee = (node.field('function') ?? node.field('name'))?.text() ?? '';
    const name = callee.split(/\.|->|::/).pop();
    if (name && (callee === name || /^(this|self)\b/.test(callee) || node.kind() === 'method_invocation')) {
      this.callsByName.set(name, (this.callsByName.get(name) ?? 0) + 1);
    }
  }

  private openFunction(node: SyntaxNode, offset: number, scope: Scope, parent: OpenFunction | null): { frame: OpenFunction; scope: Scope } {
    this.openFunctions++;
    // Each nested function carries its whole dotted path and body text: that cost grows with the square of the nesting.
    this.budget.checkNesting(this.openFunctions);
    const { start } = node.range();
    const ownName = this.language.functionName(node);
    const name = ownName ?? `<anonymous@${start.line + 1}>`;
    const frame: OpenFunction = {
      node,
      name,
      offset,
      structures: this.structures,
      nestingSum: this.nestingSum,
      flat: this.flat,
      decisions: this.decisions,
      recursiveCalls: this.callsByName.get(name) ?? 0,
      deepest: -1,
      parent,
    };
    this.measured.set(node.id(), { cyclomatic: 0, cognitive: 0, maxNesting: 0, outerPath: scope.insideFunction ? pathOf(scope) : null, name });
    this.stack.push({ close: frame });
    const inner: Scope = { parent: scope, segment: ownName ?? '<anonymous>', insideFunction: true };
    return { frame, scope: inner };
  }

  private closeFunction(frame: OpenFunction): void {
    this.openFunctions--;
    const structures = this.structures - frame.structures;
    const recursion = (this.callsByName.get(frame.name) ?? 0) - frame.recursiveCalls;
    const entry = this.measured.get(frame.node.id())!;
    entry.cognitive = structures * (1 - frame.offset) + (this.nestingSum - frame.nestingSum) + (this.flat - frame.flat) + recursion;
    entry.cyclomatic = 1 + this.decisions - frame.decisions;
    entry.maxNesting = frame.deepest < 0 ? 0 : frame.deepest + 1 - frame.offset;
    if (frame.parent && frame.deepest > frame.parent.deepest) frame.parent.deepest = frame.deepest;
  }
}

function pathOf(scope: Scope): string {
  const segments: string[] = [];
  for (let at: Scope | null = scope; at; at = at.parent) if (at.segment !== undefined) segments.push(at.segment);
  return segments.reverse().join('.');
}
