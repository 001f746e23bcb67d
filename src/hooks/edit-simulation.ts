import { lstatSync, readFileSync } from 'node:fs';

/** One text replacement as the agents describe it (Claude Code's Edit/MultiEdit, Gemini's replace). */
export interface TextReplacement {
  oldText: string;
  newText: string;
  all?: boolean;
}

/**
 * The content a file would have after replacements, or undefined when that cannot be known (the old text
 * is missing, or the file cannot be read): the caller then treats the edit as unknown, never as harmless.
 */
export function contentAfterReplacements(absolutePath: string, replacements: readonly TextReplacement[]): Buffer | undefined {
  let text: string;
  try {
    if (!lstatSync(absolutePath).isFile()) return undefined;
    text = readFileSync(absolutePath, 'utf8');
  } catch {
    // A new file: only an edit with empty old text (which Claude Code uses to create one) has a known result.
    text = '';
  }
  for (const { oldText, newText, all } of replacements) {
    if (oldText === '') {
      if (text !== '') return undefined;
      text = newText;
      continue;
    }
    const at = text.indexOf(oldText);
    if (at < 0) return undefined;
    text = all ? text.split(oldText).join(newText) : text.slice(0, at) + newText + text.slice(at + oldText.length);
  }
  return Buffer.from(text, 'utf8');
}
