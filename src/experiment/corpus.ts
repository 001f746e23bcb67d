import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../errors.js';
import { languageForPath } from '../languages/registry.js';
import type { LanguageSpec } from '../languages/language.js';
import { decodeText } from '../engine/scan.js';

/** The baseline programs that ship with loopwarden: 10 each in C, Java, Python and JavaScript, each scanning clean. */
export const BUILTIN_CORPUS_DIR = fileURLToPath(new URL('../../../experiment/corpus', import.meta.url));

/** One baseline program: the first iteration of every chain that starts from it. */
export interface BaselineProgram {
  /** Its path inside the corpus directory, with `/`: how runs and reports name it. */
  id: string;
  language: LanguageSpec;
  code: string;
}

/** Baseline programs over this size are refused: a chain resends the whole program at every iteration. */
const MAX_PROGRAM_BYTES = 256 * 1024;

/** Reads a corpus: `builtin`, or a directory whose files of a supported language are each one program. */
export function loadCorpus(corpus: string, relativeTo = process.cwd()): BaselineProgram[] {
  const directory = corpus === 'builtin' ? BUILTIN_CORPUS_DIR : resolve(relativeTo, corpus);
  let stats;
  try {
    stats = statSync(directory);
  } catch {
    throw new UserError(`${corpus}: corpus directory not found`);
  }
  if (!stats.isDirectory()) throw new UserError(`${corpus}: a corpus is a directory of programs, one file each`);
  const programs: BaselineProgram[] = [];
  for (const path of listFiles(directory)) {
    const id = relative(directory, path).split('\\').join('/');
    const language = languageForPath(id);
    if (!language) continue;
    const bytes = readFileSync(path);
    if (bytes.length > MAX_PROGRAM_BYTES) throw new UserError(`${join(corpus, id)}: ${bytes.length} bytes; a baseline program may be at most ${MAX_PROGRAM_BYTES}`);
    const code = decodeText(bytes);
    if (code === 'binary' || code === 'undecodable') throw new UserError(`${join(corpus, id)}: not UTF-8 text`);
    programs.push({ id, language, code });
  }
  if (programs.length === 0) throw new UserError(`${corpus}: no program of a supported language in the corpus directory`);
  return programs.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function listFiles(directory: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const path = join(directory, entry.name);
    if (entry.isDirectory()) files.push(...listFiles(path));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}
