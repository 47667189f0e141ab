import path from 'node:path';
import { clipText } from '../clipText';
import type { SpecDiagnostic, DiagnosticSeverity } from '../specDiagnostic';
import type { YamlPath } from '../yamlPath';
import type { SemanticContext } from './semanticContext';

/**
 * Defensive readers over `ctx.spec.value`, which may not match the schema at all while the user types.
 * Every reader returns `undefined` (or an empty list) for a shape it does not expect.
 */

export type Json = Record<string, unknown>;

export function isRecord(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** The value at `path` in plain data, or undefined when any step is missing or of the wrong kind. */
export function at(root: unknown, p: YamlPath): unknown {
  let cur: unknown = root;
  for (const seg of p) {
    if (typeof seg === 'number') {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[seg];
    } else {
      if (!isRecord(cur)) return undefined;
      cur = cur[seg];
    }
  }
  return cur;
}

/** A question as far as the checks need it, with its index in `questions`. */
export interface QuestionView {
  readonly index: number;
  readonly id: string | undefined;
  readonly options: readonly unknown[] | undefined;
  readonly codes: readonly unknown[] | undefined;
  /** The declared `column`, if it is a string. */
  readonly column: string | undefined;
  readonly raw: Json;
}

export function questionsOf(ctx: SemanticContext): QuestionView[] {
  const qs = at(ctx.spec.value, ['questions']);
  if (!Array.isArray(qs)) return [];
  const out: QuestionView[] = [];
  qs.forEach((q: unknown, index) => {
    if (!isRecord(q)) return;
    out.push({
      index,
      id: str(q['id']),
      options: Array.isArray(q['options']) ? q['options'] : undefined,
      codes: Array.isArray(q['codes']) ? q['codes'] : undefined,
      column: str(q['column']),
      raw: q,
    });
  });
  return out;
}

/** The numeric codes a question declares: `codes` when given, else 1..number of options. */
export function declaredCodes(q: QuestionView): number[] | undefined {
  if (q.codes) return q.codes.every((c) => typeof c === 'number') ? (q.codes as number[]) : undefined;
  if (q.options) return q.options.map((_, i) => i + 1);
  return undefined;
}

/** Entries of a mapping-valued node, skipping non-record values. */
export function entriesOf(v: unknown): [string, unknown][] {
  return isRecord(v) ? Object.entries(v) : [];
}

/** Resolves a path written in the spec against the spec file's folder. */
export function resolveSpecPath(ctx: SemanticContext, written: string): string {
  return path.resolve(path.dirname(ctx.specPath), written);
}

export function diag(
  ctx: SemanticContext,
  p: YamlPath,
  part: 'key' | 'value',
  severity: DiagnosticSeverity,
  rule: string,
  message: string,
): SpecDiagnostic {
  return { range: ctx.rangeOf(p, part), severity, rule, message };
}

/** `a`, `a and b`, `a, b and c` (with at most `max` items, then `and N more`). */
export function listText(items: readonly string[], max = 8): string {
  const shown = items.slice(0, max);
  const rest = items.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]!}`;
}

export function quote(s: string): string {
  return JSON.stringify(clipText(s));
}
