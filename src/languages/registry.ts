import { createRequire } from 'node:module';
import { basename, extname } from 'node:path';
import { registerDynamicLanguage } from '@ast-grep/napi';
import type { LanguageId, LanguageSpec } from './language.js';
import { python } from './python.js';
import { javascript, typescript, tsx } from './javascript.js';
import { ejs } from './ejs.js';
import { java } from './java.js';
import { go } from './go.js';
import { c, cpp } from './c.js';
import { csharp } from './csharp.js';
import { php } from './php.js';
import { ruby } from './ruby.js';
import { rust } from './rust.js';

/** Every language loopwarden analyses. Adding one: write its spec module and list it here. */
export const LANGUAGES: readonly LanguageSpec[] = [python, javascript, typescript, tsx, ejs, java, go, c, cpp, csharp, php, ruby, rust];

const byId = new Map<LanguageId, LanguageSpec>(LANGUAGES.map((language) => [language.id, language]));
const byExtension = new Map<string, LanguageSpec>(
  LANGUAGES.flatMap((language) => language.extensions.map((ext) => [ext, language] as const)),
);

/** Returns the language that owns `path` by its extension, or undefined. */
export function languageForPath(path: string): LanguageSpec | undefined {
  return byExtension.get(extname(path).toLowerCase());
}

/**
 * True when `path` may be a script whose language only its first line tells: a name without an extension
 * (`bin/deploy`, `manage`). Such files are judged by `languageForFile`.
 */
export function mayBeScript(path: string): boolean {
  return !basename(path).includes('.');
}

/** Returns the language whose interpreter a `#!` line names (`#!/usr/bin/env -S python3 -u` → Python), or undefined. */
export function languageForShebang(firstLine: string | undefined): LanguageSpec | undefined {
  const words = /^#!\s*(\S.*)$/.exec(firstLine?.trim() ?? '')?.[1]?.split(/\s+/);
  if (!words) return undefined;
  let program = basename(words[0]!);
  if (program === 'env') {
    // env's own options and NAME=value settings come before the program it runs.
    program = words.slice(1).find((word) => !word.startsWith('-') && !/^\w+=/.test(word)) ?? '';
  }
  return LANGUAGES.find((language) => language.interpreters?.test(program));
}

/**
 * Returns the language of the file at `path`: by its extension, or for a name without one by the `#!` line
 * `firstLine` returns (read only then). Undefined when it is no language loopwarden analyses.
 */
export function languageForFile(path: string, firstLine: () => string | undefined): LanguageSpec | undefined {
  return languageForPath(path) ?? (mayBeScript(path) ? languageForShebang(firstLine()) : undefined);
}


/** Returns the language with this id, or undefined. */
export function languageById(id: string): LanguageSpec | undefined {
  return byId.get(id as LanguageId);
}

/** Language ids, for validating rule files. */
export const LANGUAGE_IDS = LANGUAGES.map((language) => language.id) as [LanguageId, ...LanguageId[]];

let registered = false;

/** Registers the prebuilt tree-sitter parsers with ast-grep once per process. */
export function registerParsers(): void {
  if (registered) return;
  const require = createRequire(import.meta.url);
  // JavaScript, TypeScript and TSX are built into @ast-grep/napi; the rest ship as prebuilt parsers.
  registerDynamicLanguage({
    python: require('@ast-grep/lang-python'),
    java: require('@ast-grep/lang-java'),
    go: require('@ast-grep/lang-go'),
    c: require('@ast-grep/lang-c'),
    cpp: require('@ast-grep/lang-cpp'),
    csharp: require('@ast-grep/lang-csharp'),
    php: require('@ast-grep/lang-php'),
    ruby: require('@ast-grep/lang-ruby'),
    rust: require('@ast-grep/lang-rust'),
  });
  registered = true;
}
