import { createRequire } from 'node:module';
import { extname } from 'node:path';
import { registerDynamicLanguage } from '@ast-grep/napi';
import type { LanguageId, LanguageSpec } from './language.js';
import { python } from './python.js';
import { javascript, typescript, tsx } from './javascript.js';
import { java } from './java.js';
import { go } from './go.js';
import { c, cpp } from './c.js';
import { csharp } from './csharp.js';
import { php } from './php.js';
import { ruby } from './ruby.js';
import { rust } from './rust.js';

/** Every language loopwarden analyses. Adding one: write its spec module and list it here. */
export const LANGUAGES: readonly LanguageSpec[] = [python, javascript, typescript, tsx, java, go, c, cpp, csharp, php, ruby, rust];

const byId = new Map<LanguageId, LanguageSpec>(LANGUAGES.map((language) => [language.id, language]));
const byExtension = new Map<string, LanguageSpec>(
  LANGUAGES.flatMap((language) => language.extensions.map((ext) => [ext, language] as const)),
);

/** Returns the language that owns `path` by its extension, or undefined. */
export function languageForPath(path: string): LanguageSpec | undefined {
  return byExtension.get(extname(path).toLowerCase());
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
