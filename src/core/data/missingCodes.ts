import { parseDecimalText } from './parseDecimal';

/** Removes surrounding spaces and tabs, as the table reader does (not other Unicode spaces). */
const trim = (s: string): string => s.replace(/^[ \t]+|[ \t]+$/g, '');

/** Missing-value codes, compiled for fast look-up (see `ReadTableOptions.missing`). */
export interface MissingCodes {
  /** Trimmed field texts that mean missing. */
  readonly text: ReadonlySet<string>;
  /** Values that mean missing when a field parses to them. */
  readonly numbers: ReadonlySet<number>;
}

/** Compiles the spec's `human.missing` list (strings and numbers); the empty field is always missing. */
export function missingCodes(codes: readonly (string | number)[] = []): MissingCodes {
  const text = new Set<string>(['']);
  const numbers = new Set<number>();
  for (const code of codes) {
    const t = trim(String(code));
    text.add(t);
    const v = typeof code === 'number' ? code : parseDecimalText(t);
    if (Number.isFinite(v)) numbers.add(v === 0 ? 0 : v);
  }
  return { text, numbers };
}

/**
 * How a numeric column reads one raw field: a number, `'missing'`, or `'invalid'` (not a decimal number, or beyond the
 * double range). The same rule as {@link readTable}; the spec checks use it to judge codes exactly as `compare` will.
 */
export function classifyField(raw: string, missing: MissingCodes): number | 'missing' | 'invalid' {
  const t = trim(raw);
  if (missing.text.has(t)) return 'missing';
  const v = parseDecimalText(t);
  if (Number.isNaN(v) || !Number.isFinite(v)) return 'invalid';
  return missing.numbers.has(v) ? 'missing' : v;
}
