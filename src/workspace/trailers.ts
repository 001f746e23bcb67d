import type { Provenance } from '../ledger/record.js';
import { commitTrailers } from './git.js';

/** One `Key: value` trailer of a commit message. */
export interface Trailer {
  key: string;
  value: string;
}

/** Assistants recognised in `Co-authored-by:` trailers, with the tool name they stand for. */
const KNOWN_ASSISTANTS: [RegExp, string][] = [
  [/claude|anthropic/i, 'claude-code'],
  [/copilot/i, 'copilot'],
  [/cursor/i, 'cursor'],
  [/codex|chatgpt|openai/i, 'codex'],
  [/gemini/i, 'gemini'],
  [/aider/i, 'aider'],
  [/devin/i, 'devin'],
  [/windsurf|codeium/i, 'windsurf'],
  [/amazon q|codewhisperer/i, 'amazon-q'],
];

/** Returns the tool name of an assistant named in `text` (a trailer value, a tool id), or undefined. */
export function knownAssistant(text: string): string | undefined {
  return KNOWN_ASSISTANTS.find(([pattern]) => pattern.test(text))?.[1];
}

/** Parses the output of `git interpret-trailers --parse` (one unfolded `Key: value` a line) into trailers. */
export function parseTrailers(output: string): Trailer[] {
  return output.split('\n').flatMap((line) => {
    const colon = line.indexOf(':');
    if (colon <= 0) return [];
    return [{ key: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() }];
  });
}

/**
 * Reads AI involvement from a commit's trailers: `Co-authored-by:` naming a known assistant,
 * `Assisted-by:` or `Generated-by:`; the last one that tells wins. Returns the provenance fields it can tell, or undefined.
 */
export function provenanceFromTrailers(trailers: Trailer[]): Partial<Provenance> | undefined {
  for (const { key, value } of [...trailers].reverse()) {
    const name = key.toLowerCase();
    if (name !== 'co-authored-by' && name !== 'assisted-by' && name !== 'generated-by') continue;
    const known = knownAssistant(value);
    if (name === 'co-authored-by') {
      if (known) return { actor: 'ai', tool: known };
      continue;
    }
    return { actor: 'ai', tool: known ?? value.replace(/\s*<[^>]*>\s*/g, '').trim() };
  }
  return undefined;
}

/** Returns the AI provenance a commit's trailer block tells (only the block at the message's end counts), or undefined. */
export function provenanceOfCommit(top: string, commit: string): Partial<Provenance> | undefined {
  return provenanceFromTrailers(parseTrailers(commitTrailers(top, commit)));
}
