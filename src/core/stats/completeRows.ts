import type { ItemMatrix } from './types';

/** Options of {@link completeRows}. */
export interface CompleteRowsOptions {
  /** Columns that must all be present. @default all columns */
  readonly columns?: readonly number[];
  /** Candidate rows. @default all rows */
  readonly rows?: Int32Array;
}

/**
 * The rows with no missing answer in the given columns (listwise deletion), in order; its length is the `n_complete`
 * of data/README.md §3.3's listwise alpha.
 */
export function completeRows(matrix: ItemMatrix, options: CompleteRowsOptions = {}): Int32Array {
  const columns = options.columns ?? Array.from({ length: matrix.nCols }, (_, j) => j);
  const candidates = options.rows ?? Int32Array.from({ length: matrix.nRows }, (_, r) => r);
  const keep = new Uint8Array(candidates.length).fill(1);
  for (const c of columns) {
    const base = c * matrix.nRows;
    for (let t = 0; t < candidates.length; t++) if (Number.isNaN(matrix.data[base + candidates[t]!]!)) keep[t] = 0;
  }
  return candidates.filter((_, t) => keep[t] === 1);
}
