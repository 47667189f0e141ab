import { rowHistograms, type RowHistograms } from './rowHistograms';
import type { EncodedCodes } from './encodeCodes';

/** Options of {@link codeHistograms}. */
export interface CodeHistogramsOptions {
  /** Row indices (0-based) to count. @default all rows */
  readonly rows?: Int32Array;
  /** Weight per row of the whole sample. @default 1 per row */
  readonly weights?: ArrayLike<number>;
  /** Integer multiplicity per row of the whole sample (a resample counted), instead of `rows`/`weights`. */
  readonly counts?: Int32Array;
}

/**
 * Weighted answer counts per code of every column of one encoded sample (bins as in {@link EncodedCodes}).
 * Missing answers (and their weights) are dropped per item, as data/README.md §3.1 requires.
 * @param codes the shared encoding
 * @param sample which of `codes.indices` to count
 * @param nRows rows of that sample
 */
export function codeHistograms(codes: EncodedCodes, sample: number, nRows: number, options: CodeHistogramsOptions = {}): Float64Array {
  const index = codes.indices[sample]!;
  const hist = new Float64Array(codes.offsets[codes.k]!);
  const { rows, weights, counts } = options;
  if (counts) {
    countedHistograms(index, hist, codes.k, nRows, counts);
    return hist;
  }
  for (let c = 0; c < codes.k; c++) {
    const base = c * nRows;
    if (rows && weights) {
      for (let t = 0; t < rows.length; t++) {
        const r = rows[t]!;
        const bin = index[base + r]!;
        if (bin >= 0) hist[bin]! += weights[r]!;
      }
    } else if (rows) {
      for (let t = 0; t < rows.length; t++) {
        const bin = index[base + rows[t]!]!;
        if (bin >= 0) hist[bin]!++;
      }
    } else if (weights) {
      for (let r = 0; r < nRows; r++) {
        const bin = index[base + r]!;
        if (bin >= 0) hist[bin]! += weights[r]!;
      }
    } else {
      for (let r = 0; r < nRows; r++) {
        const bin = index[base + r]!;
        if (bin >= 0) hist[bin]!++;
      }
    }
  }
  return hist;
}

/** Per column-major bin index table: the same bins row-major, counted by {@link rowHistograms} (built once per encoded sample; a bootstrap counts it a thousand times). */
const rowMajorBins = new WeakMap<Int32Array, RowHistograms>();

/**
 * The rows with a multiplicity, once each, their counts added (exact integers: the same as counting a row list).
 * Row by row, so consecutive additions go to different columns' bins: no chain of additions to one bin.
 */
function countedHistograms(index: Int32Array, hist: Float64Array, k: number, nRows: number, counts: Int32Array): void {
  const spare = hist.length;
  let counter = rowMajorBins.get(index);
  if (!counter) {
    const table = new Int32Array(nRows * k);
    for (let c = 0; c < k; c++) {
      const base = c * nRows;
      for (let r = 0; r < nRows; r++) {
        const bin = index[base + r]!;
        table[r * k + c] = bin >= 0 ? bin : spare;
      }
    }
    counter = rowHistograms(table, nRows, k, spare);
    rowMajorBins.set(index, counter);
  }
  counter.count(counts, hist);
}
