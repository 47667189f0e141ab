import type { ParsedSpec } from '../parseSpec';
import type { Position, Range } from '../range';
import type { JsonSchema } from '../schema/jsonSchema';
import { schemasAtPath } from '../schema/schemasAtPath';
import { pathAtOffset } from '../pathAtOffset';

/** Hover content as Markdown, with the range it applies to. */
export interface SpecHover {
  readonly markdown: string;
  readonly range: Range;
}

/** The schema's documentation for the key (or value) under `position`. */
export function hoverSpec(spec: ParsedSpec, schema: JsonSchema, position: Position): SpecHover | undefined {
  const offset = offsetOf(spec, position);
  const at = pathAtOffset(spec, offset);
  if (!at || at.path.length === 0) return undefined;
  const candidates = schemasAtPath(schema, at.path, spec.value);
  const markdown = describe(at.path[at.path.length - 1]!, candidates);
  if (!markdown) return undefined;
  return { markdown, range: spec.lines.rangeOf(at.span[0], at.span[1]) };
}

/** Markdown for a key: title, description, type, allowed values, default and an example. */
export function describe(key: string | number, candidates: readonly JsonSchema[]): string | undefined {
  const withText = candidates.find((s) => s.markdownDescription ?? s.description);
  if (!withText && candidates.length === 0) return undefined;
  const lines: string[] = [];
  lines.push(`**${typeof key === 'number' ? `item ${key}` : key}**${withText?.title ? ` — ${withText.title}` : ''}`);
  const text = withText?.markdownDescription ?? withText?.description;
  if (text) lines.push('', text);
  const types = new Set<string>();
  const values = new Set<string>();
  let defaultValue: unknown;
  let example: unknown;
  for (const s of candidates) {
    for (const t of [s.type ?? []].flat()) types.add(String(t));
    for (const v of s.enum ?? []) values.add(JSON.stringify(v));
    if (s.const !== undefined) values.add(JSON.stringify(s.const));
    if (defaultValue === undefined && s.default !== undefined) defaultValue = s.default;
    if (example === undefined && s.examples?.length) example = s.examples[0];
  }
  const facts: string[] = [];
  if (types.size > 0) facts.push(`Type: \`${[...types].join(' | ')}\``);
  if (values.size > 0) facts.push(`Allowed: ${[...values].map((v) => `\`${v}\``).join(', ')}`);
  if (defaultValue !== undefined) facts.push(`Default: \`${JSON.stringify(defaultValue)}\``);
  if (example !== undefined) facts.push(`Example: \`${JSON.stringify(example)}\``);
  if (facts.length > 0) lines.push('', facts.join('  \n'));
  return lines.length > 1 ? lines.join('\n') : undefined;
}

export function offsetOf(spec: ParsedSpec, position: Position): number {
  return spec.lines.offsetAt(position);
}
