import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { clipText } from '../clipText';
import { didYouMean } from '../didYouMean';
import type { ParsedSpec } from '../parseSpec';
import { locate, rangeOfPath } from '../rangeOfPath';
import type { SpecDiagnostic, SpecFix } from '../specDiagnostic';
import type { YamlPath } from '../yamlPath';
import type { JsonSchema } from './jsonSchema';
import { schemasAtPath } from './schemasAtPath';

/** A compiled validator for one schema, reusable across documents. */
export interface SchemaValidator {
  readonly schema: JsonSchema;
  validate(spec: ParsedSpec): SpecDiagnostic[];
}

/** Compiles `schema` once with ajv (all errors, draft-07) and returns a validator mapping errors to exact ranges. */
export function createSchemaValidator(schema: JsonSchema): SchemaValidator {
  const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
  let compiled: ValidateFunction | undefined;
  return {
    schema,
    validate(spec) {
      if (spec.value === undefined || spec.value === null) {
        return [{ range: rangeOfPath(spec, []), severity: 'error', rule: 'schema/empty', message: `This ${spec.kind} spec is empty. Start with the required keys; completion (Ctrl+Space) lists them.` }];
      }
      compiled ??= ajv.compile(schema as object);
      if (compiled(spec.value)) return [];
      return toDiagnostics(spec, schema, compiled.errors ?? []);
    },
  };
}

function toDiagnostics(spec: ParsedSpec, root: JsonSchema, errors: readonly ErrorObject[]): SpecDiagnostic[] {
  // Branches of an if/then/else each report a type error for the same value: keep the first (it names
  // every accepted type), one per path.
  const typed = new Set<string>();
  let kept = dropUnionNoise(errors).filter((e) => e.keyword !== 'type' || (!typed.has(e.instancePath) && typed.add(e.instancePath) !== undefined));
  // A misspelt required key shows as "unknown key" plus "missing key": keep only the first, whose quick
  // fix renames the key and so fixes both.
  // The keys allowed at a path, computed once per path (thousands of unknown keys share one mapping).
  const allowedAt = new Map<string, string[]>();
  const allowed = (instancePath: string): string[] => {
    let keys = allowedAt.get(instancePath);
    if (!keys) allowedAt.set(instancePath, (keys = allowedKeys(root, pointerToPath(instancePath), spec.value)));
    return keys;
  };
  const suggestions = new Map<ErrorObject, string | undefined>();
  const misspelt = new Set<string>();
  for (const e of kept) {
    if (e.keyword !== 'additionalProperties') continue;
    const suggestion = didYouMean(String((e.params as Record<string, unknown>).additionalProperty), allowed(e.instancePath));
    suggestions.set(e, suggestion);
    if (suggestion) misspelt.add(`${e.instancePath}|${suggestion}`);
  }
  kept = kept.filter((e) => e.keyword !== 'required' || !misspelt.has(`${e.instancePath}|${String((e.params as Record<string, unknown>).missingProperty)}`));
  const out: SpecDiagnostic[] = [];
  const seen = new Set<string>();
  for (const error of kept) {
    const diagnostic = toDiagnostic(spec, root, error, allowed, suggestions);
    const key = `${diagnostic.rule}|${diagnostic.range.start.line}:${diagnostic.range.start.character}|${diagnostic.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(diagnostic);
  }
  return out;
}

/**
 * Union keywords (`oneOf`, `anyOf`) report every failed branch plus a summary. Per union path: when
 * errors deeper inside the value exist, the value had the right shape for some branch, so show those and
 * drop the summary and the branch type errors; else when a branch says something specific about the value
 * itself (a bad enum value, a pattern), show that; else show only the summary ("matches none of the forms").
 */
function dropUnionNoise(errors: readonly ErrorObject[]): ErrorObject[] {
  const isUnion = (e: ErrorObject): boolean => e.keyword === 'oneOf' || e.keyword === 'anyOf';
  const unionPaths = new Set(errors.filter(isUnion).map((e) => e.instancePath));
  const drop = new Set<ErrorObject>(errors.filter((e) => e.keyword === 'if'));
  if (unionPaths.size === 0) return errors.filter((e) => !drop.has(e));
  // Errors by path, and every path that has an error deeper inside it: one pass, not one per union
  // path (thousands of malformed questions each have a union error).
  const byPath = new Map<string, ErrorObject[]>();
  const hasDeeper = new Set<string>();
  for (const e of errors) {
    const list = byPath.get(e.instancePath);
    if (list) list.push(e);
    else byPath.set(e.instancePath, [e]);
    for (let i = e.instancePath.lastIndexOf('/'); i >= 0; i = e.instancePath.lastIndexOf('/', i - 1)) {
      const prefix = e.instancePath.slice(0, i);
      if (hasDeeper.has(prefix)) break;
      hasDeeper.add(prefix);
      if (i === 0) break;
    }
  }
  for (const p of unionPaths) {
    const atPath = byPath.get(p) ?? [];
    const deeper = hasDeeper.has(p);
    const here = atPath.filter((e) => !isUnion(e));
    const specific = here.filter((e) => e.keyword !== 'type' && e.keyword !== 'required' && e.keyword !== 'additionalProperties');
    for (const e of atPath) {
      if (deeper) {
        if (isUnion(e) || e.keyword === 'type') drop.add(e);
      } else if (specific.length > 0) {
        if (!specific.includes(e)) drop.add(e);
      } else if (!isUnion(e)) {
        drop.add(e);
      }
    }
  }
  return errors.filter((e) => !drop.has(e));
}

function toDiagnostic(
  spec: ParsedSpec,
  root: JsonSchema,
  error: ErrorObject,
  allowedAt: (instancePath: string) => string[],
  suggestions: ReadonlyMap<ErrorObject, string | undefined>,
): SpecDiagnostic {
  const path = pointerToPath(error.instancePath);
  const where = describePath(path);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const allowed = allowedAt(error.instancePath);
      const suggestion = suggestions.has(error) ? suggestions.get(error) : didYouMean(key, allowed);
      const range = rangeOfPath(spec, [...path, key], 'key');
      const fix: SpecFix | undefined = suggestion ? { title: `Change to '${suggestion}'`, edits: [{ range, newText: suggestion }] } : undefined;
      const list = allowed.length > 0 && allowed.length <= 12 ? ` Allowed here: ${allowed.join(', ')}.` : '';
      return {
        range,
        severity: 'error',
        rule: 'schema/unknown-key',
        message: suggestion ? `Unknown key '${clipText(key)}'${where}. Did you mean '${suggestion}'?` : `Unknown key '${clipText(key)}'${where}; remove it or check the spelling.${list}`,
        ...(fix ? { fix } : {}),
      };
    }
    case 'required': {
      const key = String(params.missingProperty);
      const range = rangeOfPath(spec, path, path.length === 0 ? 'value' : 'key');
      const fix = insertKeyFix(spec, root, path, key);
      return {
        range: path.length === 0 ? firstLine(range) : range,
        severity: 'error',
        rule: 'schema/required',
        message: `Missing required key '${key}'${where}. Add '${key}:'${describeSchema(root, [...path, key], spec.value)}`,
        ...(fix ? { fix } : {}),
      };
    }
    case 'type': {
      const expected = Array.isArray(params.type) ? (params.type as string[]).join(' or ') : String(params.type);
      return {
        range: rangeOfPath(spec, path),
        severity: 'error',
        rule: 'schema/type',
        message: `Expected ${article(expected)}${where}, found ${describeValue(error.data)}.${hint(root, path, spec.value)}`,
      };
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]) ?? [];
      const suggestion = typeof error.data === 'string' ? didYouMean(error.data, allowed.map(String)) : undefined;
      const range = rangeOfPath(spec, path);
      return {
        range,
        severity: 'error',
        rule: 'schema/enum',
        message: `${capitalise(describeValue(error.data))} is not allowed${where}. Use one of: ${allowed.map((v) => JSON.stringify(v)).join(', ')}.${suggestion ? ` Did you mean '${suggestion}'?` : ''}`,
        ...(suggestion ? { fix: { title: `Change to '${suggestion}'`, edits: [{ range, newText: suggestion }] } } : {}),
      };
    }
    case 'const':
      return { range: rangeOfPath(spec, path), severity: 'error', rule: 'schema/const', message: `This value must be ${JSON.stringify(params.allowedValue)}${where}.` };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { range: rangeOfPath(spec, path), severity: 'error', rule: 'schema/range', message: `${capitalise(describeValue(error.data))} is out of range${where}: it ${error.message ?? 'is out of range'}.` };
    case 'minItems':
    case 'maxItems':
    case 'minLength':
    case 'maxLength':
    case 'minProperties':
    case 'uniqueItems':
      return { range: rangeOfPath(spec, path), severity: 'error', rule: 'schema/size', message: `${sizeMessage(error, where)}.` };
    case 'pattern':
    case 'format':
      return { range: rangeOfPath(spec, path), severity: 'error', rule: 'schema/format', message: `${capitalise(describeValue(error.data))} has the wrong form${where}: it ${error.message ?? 'does not match'}.${hint(root, path, spec.value)}` };
    case 'oneOf':
    case 'anyOf':
      return { range: rangeOfPath(spec, path), severity: 'error', rule: 'schema/shape', message: `This value${where} matches none of the accepted forms.${hint(root, path, spec.value)}` };
    default:
      return { range: rangeOfPath(spec, path), severity: 'error', rule: `schema/${error.keyword}`, message: `${capitalise(where.trim() || 'this value')} ${error.message ?? 'is invalid'}.` };
  }
}

/** A quick fix inserting `key: <placeholder>` into the mapping at `path`. */
function insertKeyFix(spec: ParsedSpec, root: JsonSchema, path: YamlPath, key: string): SpecFix | undefined {
  const { node, depth } = locate(spec, path);
  if (depth !== path.length || !node || node.kind !== 'map') return undefined;
  const placeholder = placeholderFor(root, [...path, key], spec.value);
  const title = `Add required key '${key}'`;
  const first = node.pairs[0];
  if (node.flow || !first) {
    const pos = spec.lines.positionAt(node.start + 1);
    return { title, edits: [{ range: { start: pos, end: pos }, newText: node.pairs.length > 0 ? ` ${key}: ${placeholder},` : ` ${key}: ${placeholder} ` }] };
  }
  const start = spec.lines.positionAt(first.key.start);
  const indent = ' '.repeat(start.character);
  const lineStart = spec.lines.lineStarts[start.line] ?? 0;
  const onItemLine = spec.text.slice(lineStart, first.key.start).trim().length > 0; // `- key:` sequence item
  if (onItemLine) {
    const end = spec.lines.positionAt(first.value.end);
    return { title, edits: [{ range: { start: end, end }, newText: `\n${indent}${key}: ${placeholder}` }] };
  }
  const at = { line: start.line, character: 0 };
  return { title, edits: [{ range: { start: at, end: at }, newText: `${indent}${key}: ${placeholder}\n` }] };
}

/** A YAML placeholder for a value the schema describes: its default, first enum value, or an empty value of its type. */
export function placeholderFor(root: JsonSchema, path: YamlPath, value: unknown): string {
  for (const schema of schemasAtPath(root, path, value)) {
    if (schema.default !== undefined) return yamlInline(schema.default);
    if (schema.enum && schema.enum.length > 0) return yamlInline(schema.enum[0]);
    const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
    if (type === 'array') return '[]';
    if (type === 'object') return '{}';
    if (type === 'string') return '""';
    if (type === 'number' || type === 'integer') return '0';
    if (type === 'boolean') return 'false';
  }
  return '""';
}

function yamlInline(v: unknown): string {
  return typeof v === 'string' ? (/^[\w.-]+$/.test(v) ? v : JSON.stringify(v)) : JSON.stringify(v);
}

/** The keys the schema allows in the mapping at `path` (declared properties of every candidate schema). */
export function allowedKeys(root: JsonSchema, path: YamlPath, value: unknown): string[] {
  const keys = new Set<string>();
  for (const schema of schemasAtPath(root, path, value)) for (const key of Object.keys(schema.properties ?? {})) keys.add(key);
  return [...keys];
}

function hint(root: JsonSchema, path: YamlPath, value: unknown): string {
  const s = schemasAtPath(root, path, value).find((x) => x.examples && x.examples.length > 0);
  return s?.examples ? ` Example: ${JSON.stringify(s.examples[0])}.` : '';
}

function describeSchema(root: JsonSchema, path: YamlPath, value: unknown): string {
  const d = schemasAtPath(root, path, value).find((x) => x.description)?.description;
  const first = d?.split(/(?<=\.)\s/)[0]?.replace(/\.$/, '');
  return first ? ` — ${first.charAt(0).toLowerCase()}${first.slice(1)}.` : '.';
}

function sizeMessage(error: ErrorObject, where: string): string {
  const limit = Number((error.params as { limit?: number }).limit);
  const subject = where.trim() === 'at the top level' || where === '' ? 'This value' : `'${where.trim().replace(/^in /, '')}'`;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  switch (error.keyword) {
    case 'minItems':
      return `${subject} needs at least ${plural(limit, 'item')}`;
    case 'maxItems':
      return `${subject} allows at most ${plural(limit, 'item')}`;
    case 'minLength':
      return `${subject} needs at least ${plural(limit, 'character')}`;
    case 'maxLength':
      return `${subject} allows at most ${plural(limit, 'character')}`;
    case 'minProperties':
      return `${subject} needs at least ${plural(limit, 'entry')}`.replace('entrys', 'entries');
    default: {
      const { i, j } = error.params as { i?: number; j?: number };
      return `${subject} lists the same item twice${i !== undefined && j !== undefined ? ` (positions ${j + 1} and ${i + 1})` : ''}; remove the duplicate`;
    }
  }
}

/** `['questions', 3, 'id']` → ` in questions[3].id`. */
export function describePath(path: YamlPath): string {
  if (path.length === 0) return ' at the top level';
  let s = '';
  for (const seg of path) s += typeof seg === 'number' ? `[${seg}]` : s === '' ? clipText(seg) : `.${clipText(seg)}`;
  return ` in ${s}`;
}

function describeValue(v: unknown): string {
  if (v === null || v === undefined) return 'an empty value';
  if (typeof v === 'string') return `the text ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  if (typeof v === 'number') return `the number ${v}`;
  if (typeof v === 'boolean') return `the boolean ${v}`;
  if (Array.isArray(v)) return 'a list';
  return 'a mapping';
}

function article(type: string): string {
  const noun: Record<string, string> = { object: 'mapping (key: value pairs)', array: 'list', string: 'text value', integer: 'whole number', number: 'number', boolean: 'true or false', null: 'empty value' };
  const words = type.split(' or ').map((t) => noun[t] ?? t);
  const first = words[0] ?? type;
  return `${/^[aeiou]/.test(first) ? 'an' : 'a'} ${words.join(' or ')}`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function firstLine(range: SpecDiagnostic['range']): SpecDiagnostic['range'] {
  return { start: range.start, end: range.start.line === range.end.line ? range.end : { line: range.start.line, character: range.start.character + 1 } };
}

/** `/questions/3/id` → `['questions', 3, 'id']` (JSON Pointer, RFC 6901). */
export function pointerToPath(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((seg) => (/^\d+$/.test(seg) ? Number(seg) : seg));
}
