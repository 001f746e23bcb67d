import type { LanguageSpec, SyntaxNode } from '../languages/language.js';
import { namedChildrenWithoutComments } from '../languages/language.js';
import type { ParsedFile } from './parse.js';
import { enclosingFunctionPath } from './scope.js';
import { bodySignature } from './body-signature.js';
import { activeBudget } from './budget.js';
import { ComplexityWalk } from './complexity-walk.js';

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

/** Measures every function in a parsed file, outermost first, in one walk of the file. */
export function measureFunctions(parsed: ParsedFile): FunctionMetrics[] {
  const { language } = parsed;
  const functions = parsed.root.findAll({ rule: { any: language.functionKinds.map((kind) => ({ kind })) } });
  const walk = new ComplexityWalk(language, activeBudget());
  walk.walkFile(parsed.root);
  // A function the walk did not reach (under a node it passes over) is measured on its own.
  return functions.map((node) => (walk.measured.has(node.id()) ? metricsOf(node, language, walk) : measureFunction(node, language)));
}

/** Measures one function node. */
export function measureFunction(node: SyntaxNode, language: LanguageSpec): FunctionMetrics {
  const walk = new ComplexityWalk(language, activeBudget());
  walk.walkFunction(node, enclosingFunctionPath(node, language));
  return metricsOf(node, language, walk);
}

function metricsOf(node: SyntaxNode, language: LanguageSpec, walk: ComplexityWalk): FunctionMetrics {
  const { start, end } = node.range();
  const { name: ownName, outerPath, cyclomatic, cognitive, maxNesting } = walk.measured.get(node.id())!;
  return {
    name: outerPath ? `${outerPath}.${ownName}` : ownName,
    startLine: start.line + 1,
    endLine: end.line + 1,
    lines: end.line - start.line + 1,
    parameters: countParameters(node, language),
    cyclomatic,
    cognitive,
    maxNesting,
    bodySignature: bodySignature(node.text(), ownName),
  };
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
