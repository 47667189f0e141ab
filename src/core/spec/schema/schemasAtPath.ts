import type { YamlPath } from '../yamlPath';
import { resolveRef, type JsonSchema } from './jsonSchema';

/**
 * Every schema node that may describe the value at `path`, following `$ref`, `allOf`, `anyOf`,
 * `oneOf`, `if/then/else`, `properties`, `patternProperties`, `additionalProperties` and `items`.
 * Branches of a union are all kept (the editor offers the union of what they allow); `value` is the
 * document's plain data and narrows a union by `const`/`enum` discriminators where it can.
 */
export function schemasAtPath(root: JsonSchema, path: YamlPath, value?: unknown): JsonSchema[] {
  let current = expand(root, [root], value);
  let here: unknown = value;
  for (const segment of path) {
    here = childOf(here, segment);
    const next: JsonSchema[] = [];
    for (const schema of current) next.push(...childSchemas(schema, segment));
    current = expand(root, next, here);
    if (current.length === 0) break;
  }
  return current;
}

/** The schemas an object or array schema gives its member `segment`. */
function childSchemas(schema: JsonSchema, segment: string | number): JsonSchema[] {
  if (typeof segment === 'number' || /^\d+$/.test(String(segment))) {
    const items = schema.items;
    if (Array.isArray(items)) {
      const item = (items as readonly JsonSchema[])[Number(segment)];
      return item ? [item] : [];
    }
    if (items && typeof items === 'object') return [items as JsonSchema];
  }
  const key = String(segment);
  const own = schema.properties?.[key];
  if (own) return [own];
  const matched: JsonSchema[] = [];
  for (const [pattern, sub] of Object.entries(schema.patternProperties ?? {})) {
    if (safeRegExp(pattern)?.test(key)) matched.push(sub);
  }
  if (matched.length > 0) return matched;
  if (typeof schema.additionalProperties === 'object') return [schema.additionalProperties];
  return [];
}

/** Flattens combinators into the list of concrete alternatives, dropping branches `value` rules out. */
function expand(root: JsonSchema, schemas: readonly JsonSchema[], value: unknown, depth = 0): JsonSchema[] {
  const out: JsonSchema[] = [];
  for (const raw of schemas) {
    const schema = resolveRef(root, raw);
    if (depth > 16) continue;
    const alternatives = [...(schema.oneOf ?? []), ...(schema.anyOf ?? [])];
    const parts = [...(schema.allOf ?? []), ...(schema.then ? [schema.then] : []), ...(schema.else ? [schema.else] : [])];
    out.push(schema);
    if (parts.length > 0) out.push(...expand(root, parts, value, depth + 1));
    if (alternatives.length > 0) {
      const expanded = alternatives.map((a) => expand(root, [a], value, depth + 1));
      const fitting = expanded.filter((branch) => branch.every((s) => discriminatorFits(s, value)));
      for (const branch of fitting.length > 0 ? fitting : expanded) out.push(...branch);
    }
  }
  return out;
}

/** False when a branch's `properties.x.const` / `enum` contradicts the value's `x`. */
function discriminatorFits(schema: JsonSchema, value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return true;
  for (const [key, sub] of Object.entries(schema.properties ?? {})) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined) continue;
    if (sub.const !== undefined && sub.const !== v) return false;
    if (sub.enum && !sub.enum.includes(v)) return false;
  }
  return true;
}

function childOf(value: unknown, segment: string | number): unknown {
  if (Array.isArray(value)) return value[Number(segment)];
  if (typeof value === 'object' && value !== null) return (value as Record<string, unknown>)[String(segment)];
  return undefined;
}

function safeRegExp(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return undefined;
  }
}
