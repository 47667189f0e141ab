import type { ItemMatrix } from './types';

/** Sums stay this far below the largest double (about 1.8e308), leaving room for the moment arithmetic. */
const LIMIT = 1e300;

/**
 * Where values are so large that the sums behind the metrics (Σw, Σw·x, Σw·x², Σw·x·y over n rows) could overflow
 * double precision and turn into ±Infinity or NaN: the index of the first such column, `'weights'` when the weights
 * alone are, or undefined when all is safe. The test is conservative: n · max(1, max w) · max(|x|, range)² must stay
 * below 1e300 — values up to about 1e147 for a million rows. Callers reject such data with the column named instead
 * of reporting metrics computed from overflowed sums.
 */
export function overflowColumn(matrix: ItemMatrix, weights?: ArrayLike<number>): number | 'weights' | undefined {
  const { nRows, nCols, data } = matrix;
  let maxW = 1;
  if (weights) {
    for (let r = 0; r < weights.length; r++) if (weights[r]! > maxW) maxW = weights[r]!;
    if (!(maxW * nRows < LIMIT)) return 'weights';
  }
  for (let c = 0; c < nCols; c++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let r = c * nRows, end = r + nRows; r < end; r++) {
      const v = data[r]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (lo > hi) continue;
    const size = Math.max(Math.abs(lo), Math.abs(hi), hi - lo);
    if (!(size * size * nRows * maxW < LIMIT)) return c;
  }
  return undefined;
}
