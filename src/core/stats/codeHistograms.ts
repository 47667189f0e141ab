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

/**
 * Per column-major bin index table: the same bins row-major (row r's columns at `r·k … r·k + k − 1`), a missing
 * answer sent to one spare bin past the histogram's end, in the narrowest integer type that holds every bin (less
 * memory to read). Built once per encoded sample (a bootstrap counts it a thousand times).
 */
const rowMajorBins = new WeakMap<Int32Array, Uint8Array | Uint16Array | Int32Array>();

/**
 * The rows with a multiplicity, once each, their counts added (exact integers: the same as counting a row list).
 * Row by row, so consecutive additions go to different columns' bins: no chain of additions to one bin.
 */
function countedHistograms(index: Int32Array, hist: Float64Array, k: number, nRows: number, counts: Int32Array): void {
  const spare = hist.length;
  let table = rowMajorBins.get(index);
  if (!table) {
    table = spare < 2 ** 8 ? new Uint8Array(nRows * k) : spare < 2 ** 16 ? new Uint16Array(nRows * k) : new Int32Array(nRows * k);
    for (let c = 0; c < k; c++) {
      const base = c * nRows;
      for (let r = 0; r < nRows; r++) {
        const bin = index[base + r]!;
        table[r * k + c] = bin >= 0 ? bin : spare;
      }
    }
    rowMajorBins.set(index, table);
  }
  const out = new Float64Array(spare + 1);
  for (let r = 0; r < nRows; r++) {
    const m = counts[r]!;
    if (m === 0) continue;
    const base = r * k;
    for (let c = 0; c < k; c++) out[table[base + c]!]! += m;
  }
  hist.set(out.subarray(0, spare));
}
