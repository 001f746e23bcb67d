import type { Provenance } from '../ledger/record.js';

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

/**
 * Reads AI involvement from a commit message's trailers: `Co-authored-by:` naming a known assistant,
 * `Assisted-by:` or `Generated-by:`. Returns the provenance fields it can tell, or undefined.
 */
export function provenanceFromTrailers(message: string): Partial<Provenance> | undefined {
  for (const line of message.split('\n').reverse()) {
    const match = /^(co-authored-by|assisted-by|generated-by)\s*:\s*(.+)$/i.exec(line.trim());
    if (!match) continue;
    const [, key, value] = match;
    if (key!.toLowerCase() === 'co-authored-by') {
      const known = KNOWN_ASSISTANTS.find(([pattern]) => pattern.test(value!));
      if (known) return { actor: 'ai', tool: known[1] };
      continue;
    }
    const tool = KNOWN_ASSISTANTS.find(([pattern]) => pattern.test(value!))?.[1] ?? value!.replace(/\s*<[^>]*>\s*/g, '').trim();
    return { actor: 'ai', tool };
  }
  return undefined;
}
