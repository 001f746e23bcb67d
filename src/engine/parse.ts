import { parse } from '@ast-grep/napi';
import type { LanguageSpec, SyntaxNode } from '../languages/language.js';
import { registerParsers } from '../languages/registry.js';

/** A parsed source file and what the parser had to recover from. */
export interface ParsedFile {
  language: LanguageSpec;
  text: string;
  root: SyntaxNode;
  /** 1-based line of the first syntax error tree-sitter recovered from, if any. */
  firstErrorLine: number | undefined;
  /**
   * Set when the text was a fragment completed by one of the language's wrappers: what was put before it
   * on the first line (columns there are shifted by its length; `text` is the completed text).
   */
  fragmentPrefix?: string;
}

/**
 * Parses `text`; tree-sitter recovers from syntax errors, so this never throws on bad code. A fragment that
 * does not parse alone (a method without its class, statements without a function) is parsed as its
 * language's wrappers complete it, when one of them parses cleanly; otherwise the text as it is.
 */
export function parseSource(language: LanguageSpec, source: string): ParsedFile {
  registerParsers();
  // Code embedded in a template is parsed as the text that holds only the code, at the same positions.
  const text = language.toParseable ? language.toParseable(source) : source;
  const plain = parseText(language, text);
  const wrappers = language.fragmentWrappers ?? [];
  if (wrappers.length === 0 || (plain.firstErrorLine === undefined && !language.isFragment?.(text, plain.root))) return plain;
  for (const { prefix, suffix } of wrappers) {
    const completed = parseText(language, prefix + text + suffix);
    if (completed.firstErrorLine === undefined) return { ...completed, fragmentPrefix: prefix };
  }
  return plain;
}

function parseText(language: LanguageSpec, text: string): ParsedFile {
  const root = parse(language.parserName as never, text).root() as unknown as SyntaxNode;
  const error = root.find({ rule: { kind: 'ERROR' } });
  return { language, text, root, firstErrorLine: error ? error.range().start.line + 1 : undefined };
}

/**
 * 1-based line of the first token tree-sitter had to invent to finish the tree (a missing `)` or `;`), if
 * any: such code does not compile, though the tree has no ERROR node. It costs a walk of every node's
 * text, so analysis does not ask it; the experiment harness does, to tell an answer whose code is broken.
 */
export function firstMissingTokenLine(parsed: ParsedFile): number | undefined {
  if (parsed.text.trim() === '') return undefined;
  const missing = parsed.root.find({ rule: { regex: '^$', not: { kind: parsed.root.kind() } } });
  return missing ? missing.range().start.line + 1 : undefined;
}
