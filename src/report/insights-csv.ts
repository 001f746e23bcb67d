import { stringify } from 'csv-stringify/sync';

type Cell = string | number | boolean | null;

/**
 * Text a spreadsheet would run as a formula (CWE-1236) gets a leading apostrophe: authors, models and tools
 * come from provenance an agent wrote.
 */
const inert = (text: string): string => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

/** A row's fields as CSV cells: nested objects become dotted columns (`lastReview.reviewer`), times ISO text, nothing an empty cell. */
function flatten(value: unknown, prefix: string, into: Record<string, Cell>): Record<string, Cell> {
  if (value instanceof Date) into[prefix] = value.toISOString();
  else if (value === null || value === undefined) into[prefix] = null;
  else if (Array.isArray(value)) into[prefix] = inert(value.join(' '));
  else if (typeof value === 'object') for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, into);
  else into[prefix] = typeof value === 'string' ? inert(value) : (value as Cell);
  return into;
}

/** A row's fields as the dotted column names and cells the CSV gives them. */
export function csvCells(row: object): Record<string, Cell> {
  return flatten(row, '', {});
}

/** Renders a view's rows as CSV under the view's declared columns, with a header row (alone when there are no rows). */
export function renderInsightsCsv(rows: readonly object[], columns: readonly string[]): string {
  const flat = rows.map(csvCells);
  // Every text cell is quoted: in a locale whose separator is `;`, an unquoted `ana;=1+1` would split into a formula
  // cell. The header is the view's own column names, which need no quoting.
  const body = stringify(flat.map((row) => columns.map((column) => row[column] ?? null)), { quoted_string: true, cast: { boolean: (value) => String(value) } });
  return `${columns.join(',')}\n${body}`;
}
