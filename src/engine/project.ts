import type { LanguageSpec, SyntaxNode } from '../languages/language.js';
import { parseSource } from './parse.js';
import { TaintFileContext } from './taint.js';

/** Where the file being analysed lives, and how to read other files of its project (I/O, given by the caller). */
export interface ProjectLocation {
  absolutePath: string;
  /** Returns another file's text, or undefined when it does not exist or cannot be read. */
  read(absolutePath: string): string | undefined;
}

// Other files parsed to summarise their functions, per process; bounded so a huge project stays in memory.
const MAX_CACHED = 256;
const contexts = new Map<string, TaintFileContext | null>();
const MAX_HOPS = 4;

/** The project of one analysed file: finds and parses the files its calls lead to, once per process. */
export class ProjectContext {
  private readonly candidates = new Map<string, string[]>();

  constructor(
    private readonly location: ProjectLocation,
    private readonly language: LanguageSpec,
    /** How many calls away from the analysed file this file is: its own calls are followed up to MAX_HOPS. */
    private readonly hops = 0,
  ) {}

  /** Parsed files that may define `typeName` (a class), from the language's own rules for locating them. */
  classFiles(typeName: string, root: SyntaxNode): TaintFileContext[] {
    let candidates = this.candidates.get(typeName);
    if (!candidates) {
      candidates = this.language.classFileCandidates?.(typeName, root, this.location.absolutePath) ?? [];
      this.candidates.set(typeName, candidates);
    }
    const found: TaintFileContext[] = [];
    for (const candidate of candidates) {
      const context = this.contextOf(candidate);
      if (context) found.push(context);
    }
    return found;
  }

  /** The parsed file of a module imported by this file (the first of the language's candidates that exists). */
  moduleFile(modulePath: string): TaintFileContext | undefined {
    for (const candidate of this.language.moduleFileCandidates?.(modulePath, this.location.absolutePath) ?? []) {
      const context = this.contextOf(candidate);
      if (context) return context;
    }
    return undefined;
  }

  private contextOf(absolutePath: string): TaintFileContext | undefined {
    if (absolutePath === this.location.absolutePath) return undefined;
    if (!contexts.has(absolutePath)) {
      if (contexts.size >= MAX_CACHED) contexts.clear();
      const text = this.location.read(absolutePath);
      // The other file's own calls are followed a few files further (a call chain through helper classes).
      const project = this.hops + 1 < MAX_HOPS ? new ProjectContext({ absolutePath, read: this.location.read }, this.language, this.hops + 1) : undefined;
      contexts.set(absolutePath, text === undefined ? null : new TaintFileContext(parseSource(this.language, text).root, this.language, project));
    }
    return contexts.get(absolutePath) ?? undefined;
  }
}
