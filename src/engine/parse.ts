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
}

/** Parses `text`; tree-sitter recovers from syntax errors, so this never throws on bad code. */
export function parseSource(language: LanguageSpec, text: string): ParsedFile {
  registerParsers();
  const root = parse(language.parserName as never, text).root() as unknown as SyntaxNode;
  const error = root.find({ rule: { kind: 'ERROR' } });
  return { language, text, root, firstErrorLine: error ? error.range().start.line + 1 : undefined };
}
