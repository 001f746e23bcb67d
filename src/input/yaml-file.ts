import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isMap, isNode, isScalar } from 'yaml';
import type { z } from 'zod';
import { UserError } from '../errors.js';
import { nearestName } from './nearest-name.js';
import { knownKeysAt } from './schema-keys.js';

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
  // A misspelt key usually also leaves a required one missing; the unknown key is the one to name.
  const issues = result.error.issues;
  const unknown = issues.find((issue) => issue.code === 'unrecognized_keys');
  if (unknown?.code === 'unrecognized_keys') throw unknownKeyError(path, document, lineCounter, schema, unknown.path, unknown.keys[0]!);
  const issue = issues[0]!;
  const fieldPath = issue.path.map(String);
  const node = fieldPath.length ? document.getIn(issue.path as (string | number)[], true) : document.contents;
  const offset = isNode(node) && node.range ? node.range[0] : locateParentKey(document, issue.path as (string | number)[]);
  const line = offset !== undefined ? lineCounter.linePos(offset).line : undefined;
  const field = fieldPath.length ? `field '${fieldPath.join('.')}'` : 'document';
  throw new UserError(`${path}${line ? `:${line}` : ''}: ${field}: ${issue.message}`);
}

type YamlDocument = ReturnType<typeof parseDocument>;

function unknownKeyError(path: string, document: YamlDocument, lineCounter: LineCounter, schema: z.ZodType, at: PropertyKey[], key: string): UserError {
  const parent = at.length ? document.getIn(at as (string | number)[], true) : document.contents;
  const pair = isMap(parent) ? parent.items.find((item) => String(isScalar(item.key) ? item.key.value : item.key) === key) : undefined;
  const offset = isNode(pair?.key) && pair.key.range ? pair.key.range[0] : locateParentKey(document, at as (string | number)[]);
  const line = offset !== undefined ? lineCounter.linePos(offset).line : undefined;
  const known = knownKeysAt(schema, at);
  const suggestion = nearestName(key, known);
  const where = at.length ? ` in '${at.map(String).join('.')}'` : '';
  const hint = suggestion ? ` — did you mean '${suggestion}'?` : known.length ? ` (known keys: ${known.join(', ')})` : '';
  return new UserError(`${path}${line ? `:${line}` : ''}: unknown key '${key}'${where}${hint}`);
}

function locateParentKey(document: YamlDocument, path: (string | number)[]): number | undefined {
  // A missing field has no node of its own: point at the mapping that should hold it.
  for (let depth = path.length - 1; depth >= 0; depth--) {
    const node = depth === 0 ? document.contents : document.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return node.range[0];
  }
  return undefined;
}
