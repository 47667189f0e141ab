import type { CsvRecordSink } from './csvScanner';
import { DataError } from './DataError';
import { missingCodes, type MissingCodes } from './missingCodes';
import { parseDecimalBytes } from './parseDecimal';
import type { ReadTableOptions, Table, ValueCounts } from './tableTypes';

const decoder = new TextDecoder('utf-8');

/** The text of a field: UTF-8 decoded, doubled quotes unescaped, surrounding spaces and tabs removed. */
function fieldText(buf: Uint8Array, s: number, e: number, flag: number): string {
  let t = decoder.decode(buf.subarray(s, e));
  if (flag === 3) t = t.replace(/""/g, '"');
  return t.replace(/^[ \t]+|[ \t]+$/g, '');
}

interface CountsState {
  readonly counts: Map<string, number>;
  truncated: boolean;
}

/**
 * Turns the records of a {@link CsvScanner} into a {@link Table}: the first record is the header, every other one a
 * data row with exactly as many fields (else `raggedRow`, naming the line). Only the selected columns are kept.
 */
export class TableBuilder implements CsvRecordSink {
  header: string[] | undefined;
  rows = 0;
  private lines = new Int32Array(1024);
  private readonly missing: MissingCodes;
  private readonly stringMissing: boolean;
  private readonly maxDistinct: number;
  private numericIdx = new Int32Array(0);
  /** Numeric column k of data row r is `block[k * cap + r]`: one allocation, compacted to `k * rows` at the end. */
  private block = new Float64Array(0);
  private cap: number;
  private textAt: (string[] | undefined)[] = [];
  private countsAt: (CountsState | undefined)[] = [];
  private otherIdx = new Int32Array(0);
  private readonly numeric: string[] = [];
  private readonly text = new Map<string, string[]>();
  private readonly counts = new Map<string, CountsState>();

  constructor(
    private readonly source: string,
    private readonly options: ReadTableOptions,
    capacity = 1024,
  ) {
    this.cap = Math.max(16, capacity);
    this.missing = missingCodes(options.missing);
    this.stringMissing = [...this.missing.text].some((t) => t !== '');
    this.maxDistinct = options.maxDistinct ?? 2000;
  }

  record(buf: Uint8Array, starts: Int32Array, ends: Int32Array, flags: Uint8Array, n: number, line: number): void {
    if (n === 1 && starts[0] === ends[0] && flags[0] === 0) return; // blank line
    if (!this.header) {
      this.setHeader(Array.from({ length: n }, (_, i) => fieldText(buf, starts[i]!, ends[i]!, flags[i]!)));
      return;
    }
    const width = this.header.length;
    if (n !== width) {
      throw new DataError('raggedRow', `${this.source}: line ${line} has ${n} field${n === 1 ? '' : 's'}, the header has ${width}; every row needs one field per column (quote fields that contain the delimiter)`, this.source, line);
    }
    const r = this.rows;
    if (r >= this.lines.length) {
      const next = new Int32Array(this.lines.length * 2);
      next.set(this.lines);
      this.lines = next;
    }
    this.lines[r] = line;
    const idx = this.numericIdx;
    if (r >= this.cap && idx.length > 0) this.growBlock();
    const block = this.block;
    const cap = this.cap;
    for (let k = 0; k < idx.length; k++) {
      const c = idx[k]!;
      let v = parseDecimalBytes(buf, starts[c]!, ends[c]!);
      if (!(v - v === 0)) v = this.slowField(buf, starts[c]!, ends[c]!, flags[c]!, v, c, line);
      else if (this.missing.numbers.size > 0 && this.missing.numbers.has(v)) v = NaN;
      block[k * cap + r] = v;
    }
    const other = this.otherIdx;
    for (let k = 0; k < other.length; k++) {
      const c = other[k]!;
      const t = fieldText(buf, starts[c]!, ends[c]!, flags[c]!);
      this.textAt[c]?.push(t);
      const state = this.countsAt[c];
      if (state) {
        const seen = state.counts.get(t);
        if (seen !== undefined) state.counts.set(t, seen + 1);
        else if (state.counts.size < this.maxDistinct) state.counts.set(t, 1);
        else state.truncated = true;
      }
    }
    this.rows = r + 1;
  }

  private growBlock(): void {
    const k = this.numeric.length;
    const cap = this.cap * 2;
    const next = new Float64Array(k * cap);
    for (let j = 0; j < k; j++) next.set(this.block.subarray(j * this.cap, (j + 1) * this.cap), j * cap);
    this.block = next;
    this.cap = cap;
  }

  /** A field the fast path did not read as a finite number: missing, a missing code, or an error. */
  private slowField(buf: Uint8Array, s: number, e: number, flag: number, v: number, c: number, line: number): number {
    const t = fieldText(buf, s, e, flag);
    if (t === '' || (this.stringMissing && this.missing.text.has(t))) return NaN;
    const name = this.header![c]!;
    const shown = t.length > 40 ? `${t.slice(0, 40)}…` : t;
    const why = Number.isNaN(v)
      ? 'is not a number (plain decimal numbers only, e.g. 3, -2.5, 1e3; list missing-value codes such as NA as missing)'
      : 'is beyond the range of a double';
    throw new DataError('notNumeric', `${this.source}: line ${line}, column "${name}": "${shown}" ${why}`, this.source, line, name);
  }

  private setHeader(header: string[]): void {
    const seen = new Set<string>();
    for (const h of header) {
      if (seen.has(h)) throw new DataError('duplicateColumn', `${this.source}: column "${h}" appears twice in the header`, this.source, 1, h);
      seen.add(h);
    }
    this.header = header;
    const pos = (name: string, required: boolean): number => {
      const c = header.indexOf(name);
      if (c < 0 && required) {
        const shown = header.slice(0, 12).join(', ') + (header.length > 12 ? ', …' : '');
        throw new DataError('unknownColumn', `${this.source}: no column "${name}" (columns: ${shown})`, this.source, 1, name);
      }
      return c;
    };
    const o = this.options;
    const numeric = [...(o.columns ?? []).map((name) => [name, pos(name, true)] as const), ...(o.optionalColumns ?? []).map((name) => [name, pos(name, false)] as const)];
    const idx: number[] = [];
    for (const [name, c] of numeric) {
      if (c < 0 || this.numeric.includes(name)) continue;
      this.numeric.push(name);
      idx.push(c);
    }
    this.numericIdx = Int32Array.from(idx);
    this.block = new Float64Array(idx.length * this.cap);
    const other = new Set<number>();
    const textNames = o.text === 'all' ? header : (o.text ?? []);
    for (const name of textNames) {
      const c = pos(name, true);
      if (this.text.has(name)) continue;
      const col: string[] = [];
      this.text.set(name, col);
      this.textAt[c] = col;
      other.add(c);
    }
    const countNames = o.counts === 'all' ? header : (o.counts ?? []);
    for (const name of countNames) {
      const c = pos(name, true);
      if (this.counts.has(name)) continue;
      const state: CountsState = { counts: new Map(), truncated: false };
      this.counts.set(name, state);
      this.countsAt[c] = state;
      other.add(c);
    }
    this.otherIdx = Int32Array.from([...other].sort((a, b) => a - b));
  }

  /** The finished table. @throws DataError `emptyFile` when there was no header row */
  finish(delimiter: string): Table {
    if (!this.header) throw new DataError('emptyFile', `${this.source}: the file is empty (a header row is needed)`, this.source);
    const n = this.rows;
    // compact the columns to one n-row block in place (each moves to a lower offset), then hand out views of it
    const k = this.numeric.length;
    for (let j = 1; j < k && n < this.cap; j++) this.block.copyWithin(j * n, j * this.cap, j * this.cap + n);
    const block = this.block.subarray(0, k * n);
    const columns = new Map<string, Float64Array>();
    this.numeric.forEach((name, j) => columns.set(name, block.subarray(j * n, (j + 1) * n)));
    const counts = new Map<string, ValueCounts>();
    for (const [name, s] of this.counts) counts.set(name, { counts: s.counts, truncated: s.truncated });
    return {
      source: this.source,
      format: 'csv',
      delimiter,
      header: this.header,
      rows: n,
      columns,
      text: this.text,
      counts,
      lines: this.lines.subarray(0, n),
    };
  }
}
