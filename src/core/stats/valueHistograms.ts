import type { EncodedCodes } from './encodeCodes';
import type { ItemMatrix } from './types';
import { lowerBound } from './lowerBound';

/** Options of {@link valueHistograms}. */
export interface ValueHistogramsOptions {
  /** Weight per row. @default 1 per row */
  readonly weights?: ArrayLike<number>;
}

/**
 * Weighted answer counts per code straight from the values (no index array), for the columns and supports of `codes`
 * (built with `encodeCodes(…, { indices: false })`). Missing answers are dropped per item (data/README.md §3.1).
 * @param columns the matrix columns that `codes` encodes, in its order
 */
export function valueHistograms(matrix: ItemMatrix, codes: EncodedCodes, columns: readonly number[], options: ValueHistogramsOptions = {}): Float64Array {
  const hist = new Float64Array(codes.offsets[codes.k]!);
  const { data, nRows } = matrix;
  const { weights } = options;
  for (let c = 0; c < codes.k; c++) {
    const support = codes.supports[c]!;
    const offset = codes.offsets[c]!;
    const base = columns[c]! * nRows;
    const K = support.length;
    const first = K > 0 ? support[0]! : 0;
    const contiguous = K > 0 && support[K - 1]! - first === K - 1 && Number.isInteger(first);
    if (contiguous && !weights) {
      const shift = offset - first;
      for (let r = 0; r < nRows; r++) {
        const v = data[base + r]!;
        if (v === v) hist[(v + shift) | 0]!++;
      }
      continue;
    }
    for (let r = 0; r < nRows; r++) {
      const v = data[base + r]!;
      if (v !== v) continue;
      const bin = offset + (contiguous ? (v - first) | 0 : lowerBound(support, v));
      hist[bin]! += weights ? weights[r]! : 1;
    }
  }
  return hist;
}
