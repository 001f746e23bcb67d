/**
 * CWE families: tools name one weakness by different CWEs (flawfinder says 367 for what another calls 362,
 * a SQL tool 943 for 89). Each group is a parent with the children tools use for it; two findings are the
 * same weakness only if some CWE of one falls in a family of the other. Deliberately small and conservative:
 * a family too wide would merge two real weaknesses into one.
 */
const FAMILIES: readonly (readonly number[])[] = [
  [362, 367, 363, 364, 366],
  [77, 78, 88],
  [89, 943, 564],
  [79, 80, 83, 87],
  [22, 23, 36, 73],
  [327, 328, 916, 326, 759, 760],
  [119, 120, 121, 122, 125, 126, 127, 131, 170, 193, 787, 805, 806],
  [798, 259, 321],
  [400, 770],
  [190, 191, 680],
  [611, 776, 827],
  [94, 95],
  [330, 338],
  [295, 297],
  [377, 379],
];

const FAMILY_OF = new Map<number, number>();
FAMILIES.forEach((family, index) => {
  for (const cwe of family) FAMILY_OF.set(cwe, index);
});

/** The family key of a `CWE-<n>` id: shared by every CWE of its family, the id itself otherwise. */
export function cweFamily(cwe: string): string {
  const number = Number(cwe.slice(4));
  const family = FAMILY_OF.get(number);
  return family === undefined ? cwe : `family-${family}`;
}

/** Whether two CWE lists name the same weakness (an empty list names none, so it matches nothing). */
export function sameWeakness(a: readonly string[], b: readonly string[]): boolean {
  const families = new Set(a.map(cweFamily));
  return b.some((cwe) => families.has(cweFamily(cwe)));
}
