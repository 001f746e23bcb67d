import type { LanguageSpec, SyntaxNode } from '../languages/language.js';
import { namedChildrenWithoutComments } from '../languages/language.js';
import type { ParsedFile } from './parse.js';
import { enclosingFunctionPath } from './scope.js';
import { bodySignature } from './body-signature.js';

/** Size and complexity of one function. */
export interface FunctionMetrics {
  /** Dotted path of enclosing classes and functions plus the function's own name. */
  name: string;
  startLine: number;
  endLine: number;
  /** Lines from the function's first to its last line. */
  lines: number;
  parameters: number;
  /** McCabe: 1 + decision points (branches, loops, cases, catches, ternaries, `&&`/`||`). */
  cyclomatic: number;
  /** SonarSource cognitive complexity: structural increments weighted by nesting. */
  cognitive: number;
  /** Deepest nesting of control structures inside the function. */
  maxNesting: number;
  /** MinHash of the body, to match a function across renames and reformatting (see body-signature.ts). */
  bodySignature: number[];
}

/** Measures every function in a parsed file, outermost first. */
export function measureFunctions(parsed: ParsedFile): FunctionMetrics[] {
  const { language } = parsed;
  const functions = parsed.root.findAll({ rule: { any: language.functionKinds.map((kind) => ({ kind })) } });
  return functions.map((node) => measureFunction(node, language));
}

/** Measures one function node. */
export function measureFunction(node: SyntaxNode, language: LanguageSpec): FunctionMetrics {
  const { start, end } = node.range();
  const ownName = language.functionName(node) ?? `<anonymous@${start.line + 1}>`;
  const outer = enclosingFunctionPath(node, language);
  const counter = new ComplexityCounter(language, ownName);
  for (const child of node.children()) counter.walk(child, 0);
  return {
    name: outer ? `${outer}.${ownName}` : ownName,
    startLine: start.line + 1,
    endLine: end.line + 1,
    lines: end.line - start.line + 1,
    parameters: countParameters(node, language),
    cyclomatic: 1 + counter.decisions,
    cognitive: counter.cognitive,
    maxNesting: counter.maxNesting,
    bodySignature: bodySignature(node.text(), ownName),
  };
}

class ComplexityCounter {
  decisions = 0;
  cognitive = 0;
  maxNesting = 0;
  private readonly elseIfIds = new Set<number>();

  constructor(
    private readonly language: LanguageSpec,
    private readonly functionName: string,
  ) {}

  walk(node: SyntaxNode, nesting: number): void {
    const shape = this.language.complexity;
    const kind = node.kind();
    if (shape.ifKinds.includes(kind)) return this.walkIf(node, nesting);
    if (shape.loopKinds.includes(kind) || shape.catchKinds.includes(kind) || shape.ternaryKinds.includes(kind)) {
      this.structure(nesting, true);
      return this.walkChildren(node, nesting + 1);
    }
    if (shape.switchKinds.includes(kind)) {
      this.structure(nesting, false);
      return this.walkChildren(node, nesting + 1);
    }
    if (shape.caseKinds.includes(kind) && !/^\s*default\b/.test(node.text()) && !/^\s*case\s+_\s*:/.test(node.text())) {
      this.decisions++;
    } else if (shape.logicalKinds.includes(kind)) {
      this.countLogical(node);
    } else if (shape.jumpKinds.includes(kind)) {
      // goto always breaks linear flow; break/continue only when they name a label.
      if (kind === 'goto_statement' || namedChildrenWithoutComments(node).length > 0) this.cognitive++;
    } else if (shape.nestingOnlyKinds.includes(kind)) {
      return this.walkChildren(node, nesting + 1);
    } else if (shape.callKinds.includes(kind)) {
      const callee = (node.field('function') ?? node.field('name'))?.text() ?? '';
      const name = callee.split(/\.|->|::/).pop();
      if (name === this.functionName && (callee === name || /^(this|self)\b/.test(callee) || node.kind() === 'method_invocation')) this.cognitive++;
    }
    this.walkChildren(node, nesting);
  }

  private walkChildren(node: SyntaxNode, nesting: number): void {
    for (const child of node.children()) if (child.isNamed()) this.walk(child, nesting);
  }

  private structure(nesting: number, isDecision: boolean): void {
    this.cognitive += 1 + nesting;
    if (isDecision) this.decisions++;
    this.maxNesting = Math.max(this.maxNesting, nesting + 1);
  }

  private walkIf(node: SyntaxNode, nesting: number): void {
    const shape = this.language.complexity;
    const isElseIf = this.elseIfIds.has(node.id());
    // An `else if` continues its chain: +1 without a nesting penalty and at the chain's own depth.
    if (isElseIf) this.cognitive++;
    else this.structure(nesting, false);
    this.decisions++;
    if (!isElseIf) this.maxNesting = Math.max(this.maxNesting, nesting + 1);
    const condition = node.field('condition');
    const alternative = node.field('alternative');
    for (const child of node.children()) {
      if (!child.isNamed() || child.kind().includes('comment')) continue;
      const kind = child.kind();
      if (condition && child.id() === condition.id()) this.walk(child, nesting);
      else if (shape.elseIfKinds.includes(kind)) {
        this.cognitive++;
        this.decisions++;
        const elifCondition = child.field('condition');
        for (const part of child.children()) {
          if (!part.isNamed()) continue;
          this.walk(part, elifCondition && part.id() === elifCondition.id() ? nesting : nesting + 1);
        }
      } else if (shape.elseKinds.includes(kind)) this.walkElse(child, nesting);
      else if (alternative && child.id() === alternative.id()) {
        if (shape.ifKinds.includes(kind)) {
          this.elseIfIds.add(child.id());
          this.walk(child, nesting);
        } else {
          this.cognitive++;
          this.walk(child, nesting + 1);
        }
      } else this.walk(child, nesting + 1);
    }
  }

  private walkElse(elseNode: SyntaxNode, nesting: number): void {
    const inner = namedChildrenWithoutComments(elseNode);
    if (inner.length === 1 && this.language.complexity.ifKinds.includes(inner[0]!.kind())) {
      this.elseIfIds.add(inner[0]!.id());
      this.walk(inner[0]!, nesting);
      return;
    }
    this.cognitive++;
    for (const child of inner) this.walk(child, nesting + 1);
  }

  private countLogical(node: SyntaxNode): void {
    const operator = node.field('operator')?.text() ?? node.children().find((c) => !c.isNamed())?.text();
    if (!operator || !this.language.complexity.logicalOperators.includes(operator)) return;
    this.decisions++;
    const parent = node.parent();
    const parentOperator =
      parent && this.language.complexity.logicalKinds.includes(parent.kind())
        ? (parent.field('operator')?.text() ?? parent.children().find((c) => !c.isNamed())?.text())
        : undefined;
    // Sonar counts each run of like operators once: `a && b && c` is +1, `a && b || c` is +2.
    if (parentOperator !== operator) this.cognitive++;
  }
}

function countParameters(node: SyntaxNode, language: LanguageSpec): number {
  const parameters = language.functionParameters(node);
  if (!parameters) return 0;
  if (language.identifierKinds.includes(parameters.kind())) return 1;
  const declared = namedChildrenWithoutComments(parameters).filter((p) => !['self', 'cls'].includes(p.text()) && p.text() !== 'void');
  if (language.id === 'go') {
    // `func f(a, b int)` declares two parameters in one declaration.
    return declared.reduce((sum, p) => sum + Math.max(1, p.namedChildren().filter((c) => c.kind() === 'identifier').length), 0);
  }
  return declared.length;
}
