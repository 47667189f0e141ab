import path from 'node:path';
import { DataError } from '../../data/DataError';
import { parseDecimalText } from '../../data/parseDecimal';
import { readTable } from '../../data/readTable';
import type { ImportDictionary, ImportVariable } from './importDictionary';

/** Accepted header names of each codebook column (compared lower-case, spaces and `_` ignored). */
const COLUMNS = {
  variable: ['variable', 'var', 'name', 'column', 'variablename'],
  label: ['label', 'variablelabel', 'varlabel', 'question', 'questiontext', 'text'],
  code: ['code', 'value', 'valuecode'],
  codeLabel: ['codelabel', 'valuelabel', 'codetext', 'valuetext'],
  missing: ['missing', 'ismissing', 'missingcode'],
} as const;

const YES = /^(y|yes|true|1|missing|x|m)$/i;
const norm = (h: string): string => h.toLowerCase().replace(/[\s_-]+/g, '');

/**
 * Reads a CSV codebook — one row per (variable, code): `variable`, `label` (the question text, on any row of the
 * variable), `code`, `code label`, `missing` (yes/true/1 marks a missing code) — with the product's table reader.
 * A variable's type is numeric when all its codes are plain decimal numbers.
 * @throws DataError when the file cannot be read, lacks the `variable` or `code` column, or has a row without a variable
 */
export async function readCodebook(file: string, options: { readonly source?: string; readonly signal?: AbortSignal } = {}): Promise<ImportDictionary> {
  const source = options.source ?? path.basename(file);
  const table = await readTable(file, { source, text: 'all', ...(options.signal ? { signal: options.signal } : {}) });
  const find = (names: readonly string[]): string | undefined => table.header.find((h) => names.includes(norm(h)));
  const col = {
    variable: find(COLUMNS.variable),
    label: find(COLUMNS.label),
    code: find(COLUMNS.code),
    codeLabel: find(COLUMNS.codeLabel),
    missing: find(COLUMNS.missing),
  };
  for (const need of ['variable', 'code'] as const) {
    if (!col[need]) throw new DataError('unknownColumn', `${source}: a codebook needs a "${need}" column (columns: ${table.header.join(', ')}); expected variable, label, code, code label, missing`, source, 1, need);
  }
  const get = (name: string | undefined, r: number): string => (name ? table.text.get(name)![r]! : '');
  const byName = new Map<string, { label?: string; codes: { code: string; label: string; missing: boolean }[] }>();
  for (let r = 0; r < table.rows; r++) {
    const name = get(col.variable, r);
    if (name === '') throw new DataError('parse', `${source}: line ${table.lines[r]}: the "${col.variable}" field is empty`, source, table.lines[r]);
    let v = byName.get(name);
    if (!v) byName.set(name, (v = { codes: [] }));
    const label = get(col.label, r);
    if (label !== '' && v.label === undefined) v.label = label;
    const code = get(col.code, r);
    if (code !== '') v.codes.push({ code, label: get(col.codeLabel, r), missing: YES.test(get(col.missing, r)) });
  }
  const variables: ImportVariable[] = [...byName].map(([name, v]) => {
    const numeric = v.codes.length > 0 && v.codes.every((c) => Number.isFinite(parseDecimalText(c.code)));
    const value = (c: string): number | string => (numeric ? parseDecimalText(c) : c);
    const seen = new Set<string>();
    const labels = v.codes.filter((c) => !seen.has(c.code) && seen.add(c.code));
    return {
      name,
      ...(v.label !== undefined ? { label: v.label } : {}),
      type: numeric || v.codes.length === 0 ? 'numeric' : 'string',
      valueLabels: labels.map((c) => ({ value: value(c.code), label: c.label })),
      missing: { values: labels.filter((c) => c.missing).map((c) => value(c.code)) },
    };
  });
  return { description: `${source} (CSV codebook, ${variables.length} variables)`, variables, missingAppliedByFile: false };
}
