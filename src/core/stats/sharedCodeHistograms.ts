import type { EncodedCodes } from './encodeCodes';
import { StatsError } from './StatsError';
import type { ItemMatrix } from './types';
import { lowerBound } from './lowerBound';

/** Options of {@link sharedCodeHistograms}. */
export interface SharedCodeHistogramsOptions {
  /** Weights of sample A's rows; adds weighted histograms. @default none */
  readonly weightsA?: ArrayLike<number>;
  /** Weights of sample B's rows; adds weighted histograms. @default none */
  readonly weightsB?: ArrayLike<number>;
}

/** Per-code histograms of two samples over a shared sorted support per column. */
export interface SharedHistograms {
  /** Supports and bin offsets (no per-answer indices). */
  readonly codes: EncodedCodes;
  readonly histA: Float64Array;
  readonly histB: Float64Array;
  readonly histWeightedA?: Float64Array;
  readonly histWeightedB?: Float64Array;
}

const WINDOW = 4096;

/**
 * Answer counts per code for two samples in one pass over each: integer codes are counted in a dense window around
 * the column's first answer, and the shared support is the integer range actually used (a code nobody chose adds
 * nothing to W1, data/README.md §3.1). Columns with other values use their sorted distinct values instead.
 * Missing answers (and their weights) are dropped per item.
 * @param columns the matrix columns to count, in this order
 * @throws StatsError `invalidValue` for an infinite code
 */
export function sharedCodeHistograms(a: ItemMatrix, b: ItemMatrix, columns: readonly number[], options: SharedCodeHistogramsOptions = {}): SharedHistograms {
  const weighted = options.weightsA !== undefined || options.weightsB !== undefined;
  const supports: Float64Array[] = [];
  const parts: { a: Float64Array; b: Float64Array; wa?: Float64Array; wb?: Float64Array }[] = [];
  const dense = new Float64Array(2 * WINDOW * (weighted ? 2 : 1));
  for (const col of columns) {
    const anchor = firstAnswer(a, col) ?? firstAnswer(b, col) ?? 0;
    const lo = Math.round(anchor) - WINDOW / 2;
    dense.fill(0);
    const okA = countDense(a, col, lo, dense, 0, options.weightsA, weighted ? 2 * WINDOW : -1);
    const okB = okA && countDense(b, col, lo, dense, WINDOW, options.weightsB, weighted ? 3 * WINDOW : -1);
    if (okA && okB) {
      let first = WINDOW;
      let last = -1;
      for (let i = 0; i < WINDOW; i++) {
        if (dense[i]! > 0 || dense[WINDOW + i]! > 0) {
          if (first === WINDOW) first = i;
          last = i;
        }
      }
      if (last < 0) first = 0;
      supports.push(Float64Array.from({ length: last - first + 1 }, (_, i) => lo + first + i));
      const slice = (start: number): Float64Array => dense.slice(start + first, start + last + 1);
      parts.push({ a: slice(0), b: slice(WINDOW), ...(weighted ? { wa: slice(2 * WINDOW), wb: slice(3 * WINDOW) } : {}) });
      continue;
    }
    const support = distinctValues(a, b, col);
    supports.push(support);
    const count = (m: ItemMatrix, w: ArrayLike<number> | undefined, useWeights: boolean): Float64Array => {
      const h = new Float64Array(support.length);
      for (let r = 0; r < m.nRows; r++) {
        const v = m.data[col * m.nRows + r]!;
        if (v === v) h[lowerBound(support, v)]! += useWeights ? (w ? w[r]! : 1) : 1;
      }
      return h;
    };
    parts.push({
      a: count(a, undefined, false),
      b: count(b, undefined, false),
      ...(weighted ? { wa: count(a, options.weightsA, true), wb: count(b, options.weightsB, true) } : {}),
    });
  }
  const offsets = new Int32Array(columns.length + 1);
  supports.forEach((s, c) => (offsets[c + 1] = offsets[c]! + s.length));
  const join = (pick: (p: (typeof parts)[number]) => Float64Array | undefined): Float64Array => {
    const out = new Float64Array(offsets[columns.length]!);
    parts.forEach((p, c) => out.set(pick(p)!, offsets[c]!));
    return out;
  };
  const codes: EncodedCodes = { k: columns.length, supports, offsets, indices: [] };
  const base = { codes, histA: join((p) => p.a), histB: join((p) => p.b) };
  return weighted ? { ...base, histWeightedA: join((p) => p.wa), histWeightedB: join((p) => p.wb) } : base;
}

function firstAnswer(m: ItemMatrix, col: number): number | undefined {
  for (let r = 0; r < m.nRows; r++) {
    const v = m.data[col * m.nRows + r]!;
    if (v === v) {
      if (!Number.isFinite(v)) throw new StatsError('invalidValue', `column ${col} has an infinite value`);
      return v;
    }
  }
  return undefined;
}

/** Counts integer codes in [lo, lo + WINDOW); false as soon as a value is not an integer in the window. */
function countDense(m: ItemMatrix, col: number, lo: number, dense: Float64Array, at: number, w: ArrayLike<number> | undefined, wAt: number): boolean {
  const { data, nRows } = m;
  const base = col * nRows;
  for (let r = 0; r < nRows; r++) {
    const v = data[base + r]!;
    if (v !== v) continue;
    const x = v - lo;
    const i = x | 0;
    if (i !== x || i < 0 || i >= WINDOW) {
      if (v === Infinity || v === -Infinity) throw new StatsError('invalidValue', `column ${col} has an infinite value`);
      return false;
    }
    dense[at + i]!++;
    if (wAt >= 0) dense[wAt + i]! += w ? w[r]! : 1;
  }
  return true;
}

function distinctValues(a: ItemMatrix, b: ItemMatrix, col: number): Float64Array {
  const seen = new Set<number>();
  for (const m of [a, b]) {
    for (let r = 0; r < m.nRows; r++) {
      const v = m.data[col * m.nRows + r]!;
      if (v === Infinity || v === -Infinity) throw new StatsError('invalidValue', `column ${col} has an infinite value`);
      if (v === v) seen.add(v === 0 ? 0 : v);
    }
  }
  return Float64Array.from(seen).sort();
}
