/** What an answer held: its program, or why it has none. */
export type ExtractedCode = { code: string } | { problem: 'no-code' };

// The names a fenced block may carry for each language the corpus holds.
const FENCE_NAMES: Record<string, string[]> = {
  python: ['python', 'py', 'python3'],
  javascript: ['javascript', 'js', 'node', 'mjs', 'cjs', 'jsx'],
  typescript: ['typescript', 'ts'],
  java: ['java'],
  c: ['c', 'h'],
  cpp: ['cpp', 'c++', 'cc', 'cxx', 'hpp'],
  go: ['go', 'golang'],
  csharp: ['csharp', 'cs', 'c#'],
  php: ['php'],
  ruby: ['ruby', 'rb'],
  rust: ['rust', 'rs'],
};

const FENCE = /^( {0,3})(`{3,}|~{3,})[ \t]*([^\s`]*)[^\n]*\n([\s\S]*?)^ {0,3}\2[`~]*[ \t]*$/gm;

/**
 * The program in a model's answer: the longest fenced block tagged with the program's language, else the
 * longest untagged one; blocks tagged with another language (a shell command, a JSON sample) are not it.
 */
export function extractCode(answer: string, language: string): ExtractedCode {
  const names = FENCE_NAMES[language] ?? [language];
  const tagged: string[] = [];
  const untagged: string[] = [];
  for (const match of answer.replace(/\r\n/g, '\n').matchAll(FENCE)) {
    const tag = match[3]!.toLowerCase();
    const body = match[4]!.replace(/\n$/, '');
    if (body.trim() === '') continue;
    if (names.includes(tag)) tagged.push(body);
    else if (tag === '') untagged.push(body);
  }
  const longest = (blocks: string[]) => blocks.reduce((best, block) => (block.length > best.length ? block : best));
  if (tagged.length) return { code: `${longest(tagged)}\n` };
  if (untagged.length) return { code: `${longest(untagged)}\n` };
  return { problem: 'no-code' };
}
