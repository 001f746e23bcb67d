import { LineCounter, parseDocument, isAlias, isMap, isNode, isScalar, visit, type Alias } from 'yaml';
import type { z } from 'zod';
import { UserError } from '../errors.js';
import { nearestName } from './nearest-name.js';
import { readRegularFile } from './regular-file.js';
import { knownKeysAt } from './schema-keys.js';

/**
 * How many nodes aliases may add when a document is expanded (the `yaml` package's own default, stated
 * here so it is ours): a few nested anchors ("billion laughs") would otherwise expand to gigabytes.
 */
export const MAX_YAML_ALIAS_COUNT = 100;

/**
 * How deep `[` and `{` may nest, and how far block nesting may indent a line. The parser recurses per level:
 * near a thousand levels it runs out of stack, and when that happens inside a regular expression V8 aborts
 * the process instead of throwing. No real config or rule file comes near either limit.
 */
export const MAX_YAML_FLOW_DEPTH = 256;
export const MAX_YAML_INDENT = 256;

/** Reads a YAML file (a regular file of at most 1 MiB) and validates it with `schema`; any problem is a UserError naming file, line and field. */
export function readYamlFile<T extends z.ZodType>(path: string, schema: T, what = 'YAML file'): z.output<T> {
  return parseYamlText(path, readRegularFile(path, what).text, schema);
}

/** Parses YAML text and validates it; errors name `path`, the line and the field. */
export function parseYamlText<T extends z.ZodType>(path: string, text: string, schema: T): z.output<T> {
  const lineCounter = new LineCounter();
  const lineAt = (offset: number) => lineCounter.linePos(offset).line;
  const tooDeep = flowDepthPastLimit(text);
  // The line counter fills as the parser runs; this check runs before it, so it counts the lines itself.
  if (tooDeep !== undefined) throw new UserError(`${path}:${text.slice(0, tooDeep).split('\n').length}: invalid YAML: brackets nested more than ${MAX_YAML_FLOW_DEPTH} deep`);
  const deepLine = lineIndentedPastLimit(text);
  if (deepLine !== undefined) throw new UserError(`${path}:${deepLine}: invalid YAML: nesting indented more than ${MAX_YAML_INDENT} columns`);
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  const yamlError = document.errors[0];
  if (yamlError) {
    const line = yamlError.linePos?.[0]?.line ?? lineAt(yamlError.pos[0]);
    throw new UserError(`${path}${line ? `:${line}` : ''}: invalid YAML: ${yamlError.message.split('\n')[0]}`);
  }
  let value: unknown;
  let aliases: Alias[] = [];
  try {
    aliases = checkedAliases(path, document, lineAt);
    value = document.toJS({ maxAliasCount: MAX_YAML_ALIAS_COUNT });
  } catch (error) {
    // The yaml package throws for aliases that expand too far, and the stack can run out on deep nesting.
    if (error instanceof UserError) throw error;
    const at = aliases[0]?.range?.[0];
    const where = at !== undefined ? `:${lineAt(at)}` : '';
    if (error instanceof ReferenceError && /alias/i.test(error.message)) throw new UserError(`${path}${where}: invalid YAML: aliases expand to more than ${MAX_YAML_ALIAS_COUNT} nodes (an alias bomb?)`);
    if (error instanceof RangeError) throw new UserError(`${path}: invalid YAML: nested too deeply to read`);
    throw error;
  }
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  // A misspelt key usually also leaves a required one missing; the unknown key is the one to name.
  const issues = result.error.issues;
  const unknown = issues.find((issue) => issue.code === 'unrecognized_keys');
  if (unknown?.code === 'unrecognized_keys') throw unknownKeyError(path, document, lineCounter, schema, unknown.path, unknown.keys[0]!);
  const issue = issues[0]!;
  const fieldPath = issue.path.map(String);
  const node = fieldPath.length ? document.getIn(issue.path as (string | number)[], true) : document.contents;
  const offset = isNode(node) && node.range ? node.range[0] : locateParentKey(document, issue.path as (string | number)[]);
  const line = offset !== undefined ? lineAt(offset) : undefined;
  const field = fieldPath.length ? `field '${fieldPath.join('.')}'` : 'document';
  throw new UserError(`${path}${line ? `:${line}` : ''}: ${field}: ${issue.message.split('\n')[0]}`);
}

/** Returns the offset where `[`/`{` first nest past MAX_YAML_FLOW_DEPTH, or undefined; brackets in strings count too (a cheap, safe over-estimate). */
function flowDepthPastLimit(text: string): number | undefined {
  let depth = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x5b || code === 0x7b) {
      if (++depth > MAX_YAML_FLOW_DEPTH) return index;
    } else if ((code === 0x5d || code === 0x7d) && depth > 0) depth--;
  }
  return undefined;
}

/**
 * Returns the document's aliases in order; an alias with no anchor before it, or one inside the node it
 * refers to (a cycle, which the code reading the value would follow for ever), is a UserError.
 */
/** Returns the first line whose indentation, block indicators (`- `, `? `, `: `) included, passes MAX_YAML_INDENT, or undefined. */
function lineIndentedPastLimit(text: string): number | undefined {
  const lines = text.split('\n');
  const index = lines.findIndex((line) => line.length > MAX_YAML_INDENT && /^(?: |[-?:](?= |$))*/.exec(line)![0].length > MAX_YAML_INDENT);
  return index < 0 ? undefined : index + 1;
}

function checkedAliases(path: string, document: YamlDocument, lineAt: (offset: number) => number): Alias[] {
  const anchors = new Set<string>();
  const aliases: Alias[] = [];
  visit(document, {
    Node: (_key, node, ancestors) => {
      if (isAlias(node)) {
        const line = lineAt(node.range?.[0] ?? 0);
        if (!anchors.has(node.source)) throw new UserError(`${path}:${line}: invalid YAML: alias *${node.source} refers to no anchor defined before it`);
        if (ancestors.some((ancestor) => isNode(ancestor) && ancestor.anchor === node.source)) throw new UserError(`${path}:${line}: invalid YAML: alias *${node.source} refers to a node that contains it`);
        aliases.push(node);
      } else if (node.anchor) anchors.add(node.anchor);
    },
  });
  return aliases;
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
