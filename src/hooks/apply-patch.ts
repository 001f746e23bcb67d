// Codex's apply_patch format, parsed and applied without touching a file: the hook needs the paths a patch
// touches and, before it runs, the content it would leave.

/** One line of a hunk: kept (' '), removed ('-') or added ('+'). */
export interface HunkLine {
  kind: ' ' | '-' | '+';
  text: string;
}

/** One `@@` hunk: an optional line to find first (the text after `@@`), its lines, and whether it ends the file. */
export interface Hunk {
  anchor?: string;
  lines: HunkLine[];
  endOfFile: boolean;
}

/** What a patch does to one file. */
export type PatchOperation =
  | { kind: 'add'; path: string; content: string }
  | { kind: 'delete'; path: string }
  | { kind: 'update'; path: string; moveTo?: string; hunks: Hunk[] };

const BEGIN = '*** Begin Patch';
const END = '*** End Patch';

/** The operations of a `*** Begin Patch` … `*** End Patch` text, or undefined when it is not one. */
export function parsePatch(text: string): PatchOperation[] | undefined {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const begin = lines.findIndex((line) => line.trim() === BEGIN);
  if (begin < 0) return undefined;
  const operations: PatchOperation[] = [];
  let i = begin + 1;
  while (i < lines.length && lines[i]!.trim() !== END) {
    const line = lines[i]!;
    const header = /^\*\*\* (Add|Delete|Update) File: (.+)$/.exec(line.trim());
    if (!header) {
      if (line.trim() === '') {
        i += 1;
        continue;
      }
      return undefined;
    }
    const path = header[2]!.trim();
    i += 1;
    if (header[1] === 'Delete') {
      operations.push({ kind: 'delete', path });
    } else if (header[1] === 'Add') {
      const added: string[] = [];
      while (i < lines.length && lines[i]!.startsWith('+')) added.push(lines[i++]!.slice(1));
      operations.push({ kind: 'add', path, content: added.length ? `${added.join('\n')}\n` : '' });
    } else {
      const move = /^\*\*\* Move to: (.+)$/.exec(lines[i]?.trim() ?? '');
      if (move) i += 1;
      const { hunks, next } = parseHunks(lines, i);
      i = next;
      operations.push({ kind: 'update', path, ...(move ? { moveTo: move[1]!.trim() } : {}), hunks });
    }
  }
  if (i >= lines.length) return undefined;
  return operations;
}

function parseHunks(lines: readonly string[], start: number): { hunks: Hunk[]; next: number } {
  const hunks: Hunk[] = [];
  let current: Hunk | undefined;
  let i = start;
  for (; i < lines.length; i += 1) {
    const line = lines[i]!;
    if (line.startsWith('*** End of File')) {
      if (current) current.endOfFile = true;
      continue;
    }
    if (line.startsWith('*** ')) break;
    if (line.startsWith('@@')) {
      const anchor = line.slice(2).trim();
      current = { ...(anchor ? { anchor } : {}), lines: [], endOfFile: false };
      hunks.push(current);
      continue;
    }
    // The first hunk may start without `@@`; an empty line is an empty kept line.
    if (!current) {
      current = { lines: [], endOfFile: false };
      hunks.push(current);
    }
    const kind = line[0];
    if (kind === '+' || kind === '-' || kind === ' ') current.lines.push({ kind, text: line.slice(1) });
    else if (line === '') current.lines.push({ kind: ' ', text: '' });
    else current.lines.push({ kind: ' ', text: line });
  }
  return { hunks: hunks.filter((hunk) => hunk.lines.length > 0 || hunk.anchor !== undefined), next: i };
}

/**
 * The text `original` holds after `hunks`, or undefined when a hunk does not apply (its kept and removed
 * lines are not found in order): the caller then treats the edit as unknown, never as harmless.
 */
export function applyHunks(original: string, hunks: readonly Hunk[]): string | undefined {
  const lines = original.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const out: string[] = [];
  let position = 0;
  for (const hunk of hunks) {
    if (hunk.anchor !== undefined) {
      const at = findSequence(lines, [hunk.anchor], position, false);
      if (at < 0) return undefined;
      out.push(...lines.slice(position, at + 1));
      position = at + 1;
    }
    const old = hunk.lines.filter((l) => l.kind !== '+').map((l) => l.text);
    const replacement = hunk.lines.filter((l) => l.kind !== '-').map((l) => l.text);
    // A hunk that only adds lines adds them at the end of the file.
    const at = old.length === 0 ? lines.length : findSequence(lines, old, position, hunk.endOfFile);
    if (at < 0) return undefined;
    out.push(...lines.slice(position, at), ...replacement);
    position = at + old.length;
  }
  out.push(...lines.slice(position));
  return out.length ? `${out.join('\n')}\n` : '';
}

/** Where `wanted` occurs in `lines` from `from` on (at the end when `atEnd`): exactly, else ignoring trailing, then all surrounding space. */
function findSequence(lines: readonly string[], wanted: readonly string[], from: number, atEnd: boolean): number {
  for (const normal of [(s: string) => s, (s: string) => s.trimEnd(), (s: string) => s.trim()]) {
    const target = wanted.map(normal);
    const starts = atEnd ? [lines.length - wanted.length] : range(from, lines.length - wanted.length + 1);
    for (const start of starts) {
      if (start < from) continue;
      if (target.every((text, k) => normal(lines[start + k]!) === text)) return start;
    }
  }
  return -1;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, k) => from + k);
}
