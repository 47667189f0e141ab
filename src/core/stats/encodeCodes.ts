import { StatsError } from './StatsError';
import type { ItemMatrix } from './types';
import { lowerBound } from './lowerBound';

/** Option codes of several samples mapped to one shared sorted support per column. */
export interface EncodedCodes {
  /** Number of encoded columns. */
  readonly k: number;
  /** Sorted support c_1 < … < c_K of each column (the union over all samples; may include unobserved integers). */
  readonly supports: readonly Float64Array[];
  /** Column c's bins are `offsets[c] … offsets[c+1] − 1` in a histogram of length `offsets[k]`. */
  readonly offsets: Int32Array;
  /** Per sample: column-major bin index of every answer (global bin number), −1 for a missing answer. */
  readonly indices: readonly Int32Array[];
}

/** Options of {@link encodeCodes}. */
export interface EncodeCodesOptions {
  /** Column indices to encode, in this order. @default all columns */
  readonly columns?: readonly number[];
  /** Also map every answer to its bin (`indices`); without them, histograms come from {@link valueHistograms}. @default true */
  readonly indices?: boolean;
}

/**
 * Maps every answer to its position in the sorted union of the column's values across `matrices`, so per-code
 * histograms (and hence W1 on the raw codes, data/README.md §3.1) need no sorting. Small integer codes use the
 * integer range as support; any other numeric codes use the sorted distinct values.
 * @throws StatsError `shapeMismatch` when the matrices differ in column count
 */
export function encodeCodes(matrices: readonly ItemMatrix[], options: EncodeCodesOptions = {}): EncodedCodes {
  const first = matrices[0];
  if (!first) throw new StatsError('emptySample', 'encodeCodes needs at least one matrix');
  for (const m of matrices) {
    if (m.nCols !== first.nCols) throw new StatsError('shapeMismatch', `matrices have ${first.nCols} and ${m.nCols} columns`);
  }
  const columns = options.columns ?? Array.from({ length: first.nCols }, (_, j) => j);
  const k = columns.length;
  const supports: Float64Array[] = [];
  const offsets = new Int32Array(k + 1);
  const withIndices = options.indices ?? true;
  const indices = withIndices ? matrices.map((m) => new Int32Array(k * m.nRows)) : [];
  for (let c = 0; c < k; c++) {
    const col = columns[c]!;
    if (!Number.isInteger(col) || col < 0 || col >= first.nCols) throw new StatsError('unknownColumn', `column index ${col} is outside 0..${first.nCols - 1}`);
    let min = Infinity;
    let max = -Infinity;
    let integers = true;
    for (let s = 0; s < matrices.length; s++) {
      const { data, nRows } = matrices[s]!;
      const base = col * nRows;
      for (let r = 0; r < nRows; r++) {
        const v = data[base + r]!;
        if (v < min) min = v;
        if (v > max) max = v;
        if ((v | 0) !== v && v === v) integers = false;
      }
    }
    if (min === -Infinity || max === Infinity) throw new StatsError('invalidValue', `column ${col} has an infinite value`);
    let support: Float64Array;
    const lookup = integers && min <= max && max - min <= 4096;
    if (min > max) support = new Float64Array(0);
    else if (lookup) support = Float64Array.from({ length: max - min + 1 }, (_, i) => min + i);
    else {
      const seen = new Set<number>();
      for (const m of matrices) {
        const base = col * m.nRows;
        for (let r = 0; r < m.nRows; r++) {
          const v = m.data[base + r]!;
          if (v === v) seen.add(v === 0 ? 0 : v);
        }
      }
      support = Float64Array.from(seen).sort();
    }
    supports.push(support);
    const offset = offsets[c]!;
    offsets[c + 1] = offset + support.length;
    for (let s = 0; s < indices.length; s++) {
      const { data, nRows } = matrices[s]!;
      const base = col * nRows;
      const out = indices[s]!;
      const o = c * nRows;
      if (lookup) {
        const shift = offset - min;
        for (let r = 0; r < nRows; r++) {
          const v = data[base + r]!;
          out[o + r] = v === v ? v + shift : -1;
        }
      } else {
        for (let r = 0; r < nRows; r++) {
          const v = data[base + r]!;
          out[o + r] = v === v ? offset + lowerBound(support, v) : -1;
        }
      }
    }
  }
  return { k, supports, offsets, indices };
}
