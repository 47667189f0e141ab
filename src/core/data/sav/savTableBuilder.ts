import { DataError } from '../DataError';
import { missingCodes, type MissingCodes } from '../missingCodes';
import { parseDecimalText } from '../parseDecimal';
import type { ReadTableOptions, Table, ValueCounts } from '../tableTypes';
import { isSavMissing } from './isSavMissing';
import type { SavDictionary, SavValue } from './savTypes';

/**
 * Turns the cases of a `.sav` file into a {@link Table} with the options and rules of `readTable` (src/core/data
 * README): only the selected columns are kept; system-missing values, the file's declared user-missing values and the
 * `missing` codes are NaN in numeric columns and the empty text in text columns and counts, so they never reach a
 * metric. Numbers become text as their shortest round-trip form (`String(v)`), so `Number(text)` is the same double.
 * A string variable read as a numeric column follows the CSV number rule. `lines[r]` is the 1-based case number.
 */
export class SavTableBuilder {
  rows = 0;
  private lines = new Int32Array(1024);
  private readonly missing: MissingCodes;
  private readonly maxDistinct: number;
  private readonly numeric: { index: number; name: string; values: Float64Array }[] = [];
  private readonly text = new Map<string, string[]>();
  private readonly textAt: { index: number; out: string[] }[] = [];
  private readonly counts = new Map<string, { counts: Map<string, number>; truncated: boolean }>();
  private readonly countsAt: { index: number; state: { counts: Map<string, number>; truncated: boolean } }[] = [];

  constructor(
    private readonly dict: SavDictionary,
    options: ReadTableOptions,
  ) {
    this.missing = missingCodes(options.missing);
    this.maxDistinct = options.maxDistinct ?? 2000;
    const header = dict.variables.map((v) => v.name);
    const pos = (name: string, required: boolean): number => {
      const c = header.indexOf(name);
      if (c < 0 && required) {
        const shown = header.slice(0, 12).join(', ') + (header.length > 12 ? ', …' : '');
        throw new DataError('unknownColumn', `${dict.source}: no variable "${name}" (variables: ${shown})`, dict.source, undefined, name);
      }
      return c;
    };
    const capacity = Math.min(Math.max(dict.caseCount ?? 1024, 16), 1 << 27);
    const seen = new Set<string>();
    for (const [name, required] of [...(options.columns ?? []).map((n) => [n, true] as const), ...(options.optionalColumns ?? []).map((n) => [n, false] as const)]) {
      const c = pos(name, required);
      if (c < 0 || seen.has(name)) continue;
      seen.add(name);
      this.numeric.push({ index: c, name, values: new Float64Array(capacity) });
    }
    for (const name of options.text === 'all' ? header : (options.text ?? [])) {
      const c = pos(name, true);
      if (this.text.has(name)) continue;
      const out: string[] = [];
      this.text.set(name, out);
      this.textAt.push({ index: c, out });
    }
    for (const name of options.counts === 'all' ? header : (options.counts ?? [])) {
      const c = pos(name, true);
      if (this.counts.has(name)) continue;
      const state = { counts: new Map<string, number>(), truncated: false };
      this.counts.set(name, state);
      this.countsAt.push({ index: c, state });
    }
  }

  /** The text of value `v` of variable `i`: '' when missing (system, user-declared or a `missing` code). */
  private textOf(i: number, v: SavValue): string {
    if (isSavMissing(this.dict.variables[i]!, v)) return '';
    const t = typeof v === 'number' ? String(v) : v.trim();
    if (this.missing.text.has(t) || (typeof v === 'number' && this.missing.numbers.has(v))) return '';
    return t;
  }

  /** Adds one case (values in dictionary order). @throws DataError `notNumeric` for text in a numeric column */
  add(row: readonly SavValue[]): void {
    const r = this.rows;
    if (r >= this.lines.length) {
      const next = new Int32Array(this.lines.length * 2);
      next.set(this.lines);
      this.lines = next;
    }
    this.lines[r] = r + 1;
    for (const col of this.numeric) {
      if (r >= col.values.length) {
        const next = new Float64Array(col.values.length * 2);
        next.set(col.values);
        col.values = next;
      }
      const v = row[col.index]!;
      let x: number;
      if (typeof v === 'number') x = isSavMissing(this.dict.variables[col.index]!, v) || this.missing.numbers.has(v) ? NaN : v;
      else {
        const t = this.textOf(col.index, v);
        x = t === '' ? NaN : parseDecimalText(t);
        if (this.missing.numbers.has(x)) x = NaN;
        else if (t !== '' && !Number.isFinite(x)) {
          const shown = t.length > 40 ? `${t.slice(0, 40)}…` : t;
          throw new DataError('notNumeric', `${this.dict.source}: case ${r + 1}, variable "${col.name}": "${shown}" is not a number (a string variable; list codes such as NA as missing)`, this.dict.source, r + 1, col.name);
        }
      }
      col.values[r] = x;
    }
    for (const { index, out } of this.textAt) out.push(this.textOf(index, row[index]!));
    for (const { index, state } of this.countsAt) {
      const t = this.textOf(index, row[index]!);
      const seen = state.counts.get(t);
      if (seen !== undefined) state.counts.set(t, seen + 1);
      else if (state.counts.size < this.maxDistinct) state.counts.set(t, 1);
      else state.truncated = true;
    }
    this.rows = r + 1;
  }

  finish(): Table {
    const n = this.rows;
    const columns = new Map<string, Float64Array>();
    for (const col of this.numeric) columns.set(col.name, col.values.length === n ? col.values : col.values.slice(0, n));
    const counts = new Map<string, ValueCounts>();
    for (const [name, s] of this.counts) counts.set(name, { counts: s.counts, truncated: s.truncated });
    return {
      source: this.dict.source,
      format: 'sav',
      delimiter: '',
      header: this.dict.variables.map((v) => v.name),
      rows: n,
      columns,
      text: this.text,
      counts,
      lines: this.lines.slice(0, n),
    };
  }
}
