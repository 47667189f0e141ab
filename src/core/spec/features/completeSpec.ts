import { parseSpec, type ParsedSpec } from '../parseSpec';
import type { Position } from '../range';
import type { JsonSchema } from '../schema/jsonSchema';
import { schemasAtPath } from '../schema/schemasAtPath';
import { placeholderFor } from '../schema/validateSchema';
import { keyOf } from '../rangeOfPath';
import type { YamlPath } from '../yamlPath';
import type { YamlNode } from '../yamlTree';

/** One completion proposal, as plain data. */
export interface SpecCompletion {
  readonly label: string;
  readonly kind: 'property' | 'value';
  /** The text to insert (for keys: `key: ` plus a placeholder value where the schema gives one). */
  readonly insertText: string;
  readonly documentation?: string;
  readonly detail?: string;
  /** Required keys sort first. */
  readonly required?: boolean;
}

const MARKER = '__persona_studio_cursor__';

/**
 * Completion at `position`: the keys the schema allows in the mapping the cursor is in (minus those
 * present), or the enum values of the key whose value is being typed. The text is re-parsed with a
 * marker at the cursor so half-typed lines still resolve to the right place in the schema.
 */
export function completeSpec(spec: ParsedSpec, schema: JsonSchema, position: Position): SpecCompletion[] {
  const lines = spec.text.split('\n');
  const line = lines[position.line] ?? '';
  const before = line.slice(0, position.character);
  const keyContext = /^(\s*(?:-\s+)*)([\w.-]*)$/.exec(before);
  const valueContext = /^(\s*(?:-\s+)*)([\w.-]+):\s+([\w.-]*)$/.exec(before);
  if (keyContext) {
    const patched = [...lines];
    patched[position.line] = `${keyContext[1]}${MARKER}: `;
    const found = findMarker(parseSpec(patched.join('\n'), spec.kind), 'key');
    if (!found) return [];
    return keyProposals(schema, found.path, spec.value, found.siblings);
  }
  if (valueContext) {
    const patched = [...lines];
    patched[position.line] = `${valueContext[1]}${valueContext[2]}: ${MARKER}`;
    const found = findMarker(parseSpec(patched.join('\n'), spec.kind), 'value');
    if (!found) return [];
    return valueProposals(schema, found.path, spec.value);
  }
  return [];
}

function keyProposals(root: JsonSchema, path: YamlPath, value: unknown, present: ReadonlySet<string>): SpecCompletion[] {
  const out = new Map<string, SpecCompletion>();
  for (const schema of schemasAtPath(root, path, value)) {
    const required = new Set(schema.required ?? []);
    for (const [key, sub] of Object.entries(schema.properties ?? {})) {
      if (present.has(key) || out.has(key)) continue;
      const documentation = sub.description ?? schemasAtPath(root, [...path, key], value).find((s) => s.description)?.description;
      const placeholder = placeholderFor(root, [...path, key], value);
      const structured = placeholder === '{}' || placeholder === '[]';
      out.set(key, {
        label: key,
        kind: 'property',
        insertText: structured ? `${key}:` : `${key}: `,
        ...(documentation ? { documentation } : {}),
        ...(required.has(key) ? { required: true, detail: 'required' } : {}),
      });
    }
  }
  return [...out.values()].sort((a, b) => Number(b.required ?? false) - Number(a.required ?? false));
}

function valueProposals(root: JsonSchema, path: YamlPath, value: unknown): SpecCompletion[] {
  const out = new Map<string, SpecCompletion>();
  for (const schema of schemasAtPath(root, path, value)) {
    const values = [...(schema.enum ?? []), ...(schema.const !== undefined ? [schema.const] : [])];
    const types = [schema.type ?? []].flat();
    if (types.includes('boolean')) values.push(true, false);
    for (const v of values) {
      const label = typeof v === 'string' ? v : JSON.stringify(v);
      if (out.has(label)) continue;
      out.set(label, { label, kind: 'value', insertText: label, ...(schema.description ? { documentation: schema.description } : {}) });
    }
  }
  return [...out.values()];
}

interface MarkerHit {
  readonly path: YamlPath;
  readonly siblings: ReadonlySet<string>;
}

/** Finds the marker: as a key (the path is its mapping's) or as a value (the path is its key's). */
function findMarker(spec: ParsedSpec, as: 'key' | 'value'): MarkerHit | undefined {
  const walk = (node: YamlNode | undefined, path: (string | number)[]): MarkerHit | undefined => {
    if (!node) return undefined;
    if (node.kind === 'map') {
      const keys = new Set<string>();
      for (const pair of node.pairs) {
        const k = keyOf(pair);
        if (k !== undefined) keys.add(k);
      }
      for (const pair of node.pairs) {
        const name = keyOf(pair);
        if (name === undefined) continue;
        if (as === 'key' && name === MARKER) {
          keys.delete(MARKER);
          return { path, siblings: keys };
        }
        if (as === 'value' && pair.value.kind === 'scalar' && pair.value.text === MARKER) return { path: [...path, name], siblings: new Set() };
        const inner = walk(pair.value, [...path, name]);
        if (inner) return inner;
      }
    } else if (node.kind === 'seq') {
      for (let i = 0; i < node.items.length; i++) {
        const inner = walk(node.items[i], [...path, i]);
        if (inner) return inner;
      }
    }
    return undefined;
  };
  return walk(spec.root, []);
}
