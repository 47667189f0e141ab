import type { YamlPath } from '../yamlPath';
import { resolveRef, type JsonSchema } from './jsonSchema';

/** A path through a spec where `'*'` stands for any list item or mapping key. */
export type PathPattern = readonly (string | '*')[];

/**
 * Every path at which `schema` declares a property named `name` (following `$ref`, combinators, `items`,
 * `additionalProperties` and `patternProperties`), e.g. `['demographics', 'locator', 'endpoint']`.
 * Read from the schema, so a property added there is found without touching the checks.
 */
export function propertyPaths(root: JsonSchema, name: string): PathPattern[] {
  const out = new Map<string, PathPattern>();
  const onPath = new Set<JsonSchema>();
  const visit = (raw: JsonSchema, at: PathPattern, depth: number): void => {
    const schema = resolveRef(root, raw);
    if (depth > 24 || onPath.has(schema)) return;
    onPath.add(schema);
    if (schema.properties?.[name]) out.set(JSON.stringify([...at, name]), [...at, name]);
    for (const [key, sub] of Object.entries(schema.properties ?? {})) visit(sub, [...at, key], depth + 1);
    for (const sub of Object.values(schema.patternProperties ?? {})) visit(sub, [...at, '*'], depth + 1);
    if (typeof schema.additionalProperties === 'object') visit(schema.additionalProperties, [...at, '*'], depth + 1);
    const items = schema.items;
    if (Array.isArray(items)) for (const sub of items as readonly JsonSchema[]) visit(sub, [...at, '*'], depth + 1);
    else if (items && typeof items === 'object') visit(items as JsonSchema, [...at, '*'], depth + 1);
    for (const sub of [...(schema.allOf ?? []), ...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.then ? [schema.then] : []), ...(schema.else ? [schema.else] : [])]) {
      visit(sub, at, depth + 1);
    }
    onPath.delete(schema);
  };
  visit(root, [], 0);
  return [...out.values()];
}

/** The concrete paths in `value` that `pattern` matches, with the value found at each. */
export function matchPaths(value: unknown, pattern: PathPattern): { path: YamlPath; value: unknown }[] {
  let current: { path: (string | number)[]; value: unknown }[] = [{ path: [], value }];
  for (const segment of pattern) {
    const next: { path: (string | number)[]; value: unknown }[] = [];
    for (const { path, value: v } of current) {
      if (segment === '*') {
        if (Array.isArray(v)) v.forEach((item, i) => next.push({ path: [...path, i], value: item }));
        else if (typeof v === 'object' && v !== null) for (const [k, item] of Object.entries(v)) next.push({ path: [...path, k], value: item });
      } else if (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.hasOwn(v, segment)) {
        next.push({ path: [...path, segment], value: (v as Record<string, unknown>)[segment] });
      }
    }
    current = next;
    if (current.length === 0) break;
  }
  return current;
}
