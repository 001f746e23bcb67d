/** Number of MinHash values in a body signature: 32 gives similarity estimates within about ±0.09. */
const SIGNATURE_SIZE = 32;
const FNV_PRIME = 0x01000193;

function fnv1a(text: string, seed: number): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, FNV_PRIME) >>> 0;
  }
  return hash;
}

/**
 * Returns a MinHash signature of a function body's token trigrams, ignoring layout and the function's own
 * name, so a renamed or re-indented function can be recognised by `signatureSimilarity`.
 */
export function bodySignature(bodyText: string, ownName: string): number[] {
  const tokens = (bodyText.match(/[A-Za-z_$][\w$]*|\d+|[^\s\w]/g) ?? []).map((t) => (t === ownName ? '§' : t));
  const shingles = new Set<string>();
  for (let i = 0; i + 2 < tokens.length; i++) shingles.add(`${tokens[i]} ${tokens[i + 1]} ${tokens[i + 2]}`);
  if (shingles.size === 0) shingles.add(tokens.join(' '));
  const signature = new Array<number>(SIGNATURE_SIZE).fill(0xffffffff);
  for (const shingle of shingles) {
    for (let seed = 0; seed < SIGNATURE_SIZE; seed++) {
      const value = fnv1a(shingle, seed * 0x9e3779b1);
      if (value < signature[seed]!) signature[seed] = value;
    }
  }
  return signature;
}

/** Estimates the Jaccard similarity (0–1) of the bodies two signatures were made from. */
export function signatureSimilarity(a: number[], b: number[]): number {
  if (a.length === 0 || a.length !== b.length) return 0;
  let equal = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) equal++;
  return equal / a.length;
}
