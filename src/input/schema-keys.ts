import type { z } from 'zod';

interface SchemaDefinition {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  in?: z.ZodType;
  getter?: () => z.ZodType;
}

const definitionOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: SchemaDefinition } })._zod.def;

// Wrappers that hold one schema and add defaults, optionality or a transform: the keys are the inner one's.
const WRAPPERS = new Set(['default', 'prefault', 'optional', 'nullable', 'readonly', 'catch', 'nonoptional', 'success']);

function unwrap(schema: z.ZodType): z.ZodType[] {
  const definition = definitionOf(schema);
  if (WRAPPERS.has(definition.type) && definition.innerType) return unwrap(definition.innerType);
  if (definition.type === 'pipe' && definition.in) return unwrap(definition.in);
  if (definition.type === 'lazy' && definition.getter) return unwrap(definition.getter());
  if (definition.type === 'union' && definition.options) return definition.options.flatMap(unwrap);
  return [schema];
}

/** Returns the keys the object schema at `path` inside `schema` accepts, or [] when no object is there. */
export function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let current = unwrap(schema);
  for (const segment of path) {
    current = current.flatMap((candidate) => {
      const definition = definitionOf(candidate);
      if (definition.type === 'object' && typeof segment === 'string') {
        const field = definition.shape?.[segment];
        return field ? unwrap(field) : [];
      }
      if (definition.type === 'array' && typeof segment === 'number' && definition.element) return unwrap(definition.element);
      if (definition.type === 'record' && definition.valueType) return unwrap(definition.valueType);
      return [];
    });
  }
  const keys = current.flatMap((candidate) => {
    const definition = definitionOf(candidate);
    return definition.type === 'object' ? Object.keys(definition.shape ?? {}) : [];
  });
  return [...new Set(keys)];
}
