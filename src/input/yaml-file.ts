import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isNode } from 'yaml';
import type { z } from 'zod';
import { UserError } from '../errors.js';

/** Reads a YAML file and validates it with `schema`; any problem is a UserError naming file, line and field. */
export function readYamlFile<T extends z.ZodType>(path: string, schema: T): z.output<T> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'unreadable';
    throw new UserError(`${path}: cannot read file (${code})`);
  }
  return parseYamlText(path, text, schema);
}

/** Parses YAML text and validates it; errors name `path`, the line and the field. */
export function parseYamlText<T extends z.ZodType>(path: string, text: string, schema: T): z.output<T> {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  const yamlError = document.errors[0];
  if (yamlError) {
    const line = yamlError.linePos?.[0]?.line ?? lineCounter.linePos(yamlError.pos[0]).line;
    throw new UserError(`${path}${line ? `:${line}` : ''}: invalid YAML: ${yamlError.message.split('\n')[0]}`);
  }
  const result = schema.safeParse(document.toJS() ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const fieldPath = issue.path.map(String);
  const node = fieldPath.length ? document.getIn(issue.path as (string | number)[], true) : document.contents;
  const offset = isNode(node) && node.range ? node.range[0] : locateParentKey(document, issue.path as (string | number)[]);
  const line = offset !== undefined ? lineCounter.linePos(offset).line : undefined;
  const field = fieldPath.length ? `field '${fieldPath.join('.')}'` : 'document';
  throw new UserError(`${path}${line ? `:${line}` : ''}: ${field}: ${issue.message}`);
}

function locateParentKey(document: ReturnType<typeof parseDocument>, path: (string | number)[]): number | undefined {
  // A missing field has no node of its own: point at the mapping that should hold it.
  for (let depth = path.length - 1; depth >= 0; depth--) {
    const node = depth === 0 ? document.contents : document.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return node.range[0];
  }
  return undefined;
}
