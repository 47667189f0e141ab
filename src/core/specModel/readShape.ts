import { SpecModelError } from './specModelError';

/**
 * Strict readers used by `toSurveySpec` / `toPersonaSpec`. The input has passed schema validation, so a
 * wrong shape is a programming error or an unvalidated spec: it throws `SpecModelError('invalid-spec')`
 * naming the key, never guesses.
 */

export type Json = Readonly<Record<string, unknown>>;

export function isRecord(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function invalid(where: string, expected: string): never {
  throw new SpecModelError('invalid-spec', `\`${where}\` must be ${expected}; validate the spec first (persona-studio validate).`);
}

export function record(v: unknown, where: string): Json {
  return isRecord(v) ? v : invalid(where, 'a mapping');
}

export function optRecord(v: unknown, where: string): Json | undefined {
  return v === undefined || v === null ? undefined : record(v, where);
}

export function string(v: unknown, where: string): string {
  return typeof v === 'string' ? v : invalid(where, 'a string');
}

export function optString(v: unknown, where: string): string | undefined {
  return v === undefined || v === null ? undefined : string(v, where);
}

export function number(v: unknown, where: string): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : invalid(where, 'a number');
}

export function optNumber(v: unknown, where: string): number | undefined {
  return v === undefined || v === null ? undefined : number(v, where);
}

export function integer(v: unknown, where: string): number {
  return typeof v === 'number' && Number.isInteger(v) ? v : invalid(where, 'an integer');
}

export function optInteger(v: unknown, where: string): number | undefined {
  return v === undefined || v === null ? undefined : integer(v, where);
}

export function optBoolean(v: unknown, where: string): boolean | undefined {
  if (v === undefined || v === null) return undefined;
  return typeof v === 'boolean' ? v : invalid(where, 'true or false');
}

export function stringList(v: unknown, where: string): string[] {
  if (!Array.isArray(v)) invalid(where, 'a list of strings');
  return v.map((x, i) => string(x, `${where}[${i}]`));
}

export function optStringList(v: unknown, where: string): string[] | undefined {
  return v === undefined || v === null ? undefined : stringList(v, where);
}

export function numberList(v: unknown, where: string): number[] {
  if (!Array.isArray(v)) invalid(where, 'a list of numbers');
  return v.map((x, i) => number(x, `${where}[${i}]`));
}

export function oneOf<T extends string>(v: unknown, allowed: readonly T[], where: string): T {
  if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
  return invalid(where, `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
}

export function optOneOf<T extends string>(v: unknown, allowed: readonly T[], where: string): T | undefined {
  return v === undefined || v === null ? undefined : oneOf(v, allowed, where);
}

/** `stop` as the schema allows it (one string or up to four) → a list; undefined when absent. */
export function optStop(v: unknown, where: string): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  return typeof v === 'string' ? [v] : stringList(v, where);
}

/** `missing` lists mix strings and numbers; as raw fields they are compared as text. */
export function optMissingList(v: unknown, where: string): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) invalid(where, 'a list of strings or numbers');
  return v.map((x, i) => (typeof x === 'number' ? String(x) : string(x, `${where}[${i}]`)));
}
