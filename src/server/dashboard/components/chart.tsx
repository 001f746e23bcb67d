import { createHash } from 'node:crypto';
import type { FC } from 'hono/jsx';
import { raw } from 'hono/html';
import type { TopLevelSpec } from 'vega-lite';
import { renderSvg } from '../../../report/experiment-charts.js';

/** Rendered charts by the hash of their spec (the data is inline): a chart is drawn once for the same figures. */
const rendered = new Map<string, string>();
const KEPT = 200;

/** Whether SVG markup holds an element or attribute that could run script (attribute values, escaped text, are not read). */
export function markupCouldRun(svg: string): boolean {
  const markup = svg.replace(/"[^"]*"/g, '""').replace(/>[^<]*</g, '><');
  return /<(script|foreignObject|iframe|object|embed|a)\b|\son[a-z]+\s*=|javascript:/i.test(markup);
}

/** The SVG of a spec, from the cache when the same figures were drawn before. */
export async function chartSvg(spec: TopLevelSpec): Promise<string> {
  const key = createHash('sha256').update(JSON.stringify(spec)).digest('hex');
  const known = rendered.get(key);
  if (known !== undefined) {
    rendered.delete(key);
    rendered.set(key, known);
    return known;
  }
  const svg = await renderSvg(spec);
  // Vega escapes the text it draws (a model named `x onload=1` stays text inside an attribute's quotes); a page
  // still never inlines markup that could run: the check reads the markup with every attribute value emptied.
  if (markupCouldRun(svg)) throw new Error('a chart rendered markup that could run script: refused');
  rendered.set(key, svg);
  if (rendered.size > KEPT) rendered.delete(rendered.keys().next().value!);
  return svg;
}

/** A chart as a figure: the SVG (an image with a text alternative) and a caption that points to the table of the same figures. */
export const Chart: FC<{ svg: string; caption: string; description: string; table: string }> = ({ svg, caption, description, table }) => (
  <figure class="chart">
    <div role="img" aria-label={description}>
      {raw(svg)}
    </div>
    <figcaption>
      {caption} <a href={`#${table}`}>The figures as a table</a>.
    </figcaption>
  </figure>
);

/** Links to a view's rows as JSON and CSV through the API, with the page's filters. */
export const DataLinks: FC<{ json: string; csv: string }> = ({ json, csv }) => (
  <p class="data-links">
    This view's data: <a href={csv}>CSV</a> · <a href={json}>JSON</a>
  </p>
);

/** A number for a table cell: `digits` decimals, or a dash for nothing. */
export function figure(value: number | null | undefined, digits = 2): string {
  return value === null || value === undefined || Number.isNaN(value) ? '–' : value.toFixed(digits);
}

/** A share as a percentage, or a dash. */
export function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : `${Math.round(value * 100)} %`;
}

/** An instant as `2026-11-26 20:13 UTC`. */
export function utcMinute(time: Date | string | null | undefined): string {
  if (!time) return '–';
  const iso = typeof time === 'string' ? time : time.toISOString();
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(iso) ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : iso;
}

/** An instant as a `<time>` (the page's script adds the reader's local time as its title). */
export const Time = ({ at }: { at: Date | string | null | undefined }) => (at ? <time datetime={typeof at === 'string' ? at : at.toISOString()}>{utcMinute(at)}</time> : <span class="muted">–</span>);
