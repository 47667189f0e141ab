import { assertWeights } from './assertWeights';
import { crossProducts } from './crossProducts';
import { StatsError } from './StatsError';
import type { ItemMatrix, PairwiseMoments } from './types';

/** Options of {@link pairwiseMoments}. */
export interface PairwiseMomentsOptions {
  /** Column indices to use, in this order. @default all columns */
  readonly columns?: readonly number[];
  /** Row indices (0-based) to use. @default all rows */
  readonly rows?: Int32Array;
  /** Survey weight per row of the whole matrix. @default unweighted (every weight 1) */
  readonly weights?: ArrayLike<number>;
  /** Value subtracted from each column before summing (for accuracy). @default the rounded mean of the used rows */
  readonly shift?: Float64Array;
}

/**
 * Pairwise-complete moment sums of every column pair (see {@link PairwiseMoments}) in O(n·k²): masked matrix
 * products `MᵀM`, `X0ᵀM`, `(X0²)ᵀM`, `X0ᵀX0` as in shared/reference/reference-bench.md, and a single Gram matrix
 * when nothing is missing. With integer codes, integer shifts and no weights every sum is exact.
 * These feed the pairwise Pearson correlation (R `cor(use = "pairwise.complete.obs")`), its weighted variant
 * (R `cov.wt(cor = TRUE)` per pair) and the pairwise covariance of psych::alpha (data/README.md §3.2–3.3).
 */
export function pairwiseMoments(matrix: ItemMatrix, options: PairwiseMomentsOptions = {}): PairwiseMoments {
  const { nRows, data } = matrix;
  const columns = options.columns ?? Array.from({ length: matrix.nCols }, (_, j) => j);
  for (const c of columns) {
    if (!Number.isInteger(c) || c < 0 || c >= matrix.nCols) throw new StatsError('unknownColumn', `column index ${c} is outside 0..${matrix.nCols - 1}`);
  }
  const rows = options.rows;
  const nr = rows ? rows.length : nRows;
  const k = columns.length;
  const weights = options.weights;
  if (weights) assertWeights(weights, nRows);
  const X0 = new Float64Array(k * nr);
  let missing = false;
  const shift = options.shift ? Float64Array.from(options.shift) : new Float64Array(k);
  for (let c = 0; c < k; c++) {
    const base = columns[c]! * nRows;
    const out = c * nr;
    let sum = 0;
    let cnt = 0;
    if (rows) {
      for (let r = 0; r < nr; r++) {
        const v = data[base + rows[r]!]!;
        X0[out + r] = v;
        if (v === v) {
          sum += v;
          cnt++;
        }
      }
    } else {
      for (let r = 0; r < nr; r++) {
        const v = data[base + r]!;
        X0[out + r] = v;
        if (v === v) {
          sum += v;
          cnt++;
        }
      }
    }
    if (cnt < nr) missing = true;
    if (!options.shift) shift[c] = cnt > 0 ? Math.round(sum / cnt) : 0;
  }
  let M: Float64Array | undefined;
  if (missing) {
    M = new Float64Array(k * nr);
    for (let c = 0; c < k; c++) {
      const s = shift[c]!;
      for (let r = c * nr, end = r + nr; r < end; r++) {
        const v = X0[r]!;
        if (v === v) {
          X0[r] = v - s;
          M[r] = 1;
        } else X0[r] = 0;
      }
    }
  } else {
    for (let c = 0; c < k; c++) {
      const s = shift[c]!;
      if (s !== 0) for (let r = c * nr, end = r + nr; r < end; r++) X0[r] = X0[r]! - s;
    }
  }
  let w: Float64Array | undefined;
  if (weights) {
    w = new Float64Array(nr);
    for (let r = 0; r < nr; r++) w[r] = weights[rows ? rows[r]! : r]!;
  }
  const kk = k * k;
  const count = new Float64Array(kk);
  const n = new Float64Array(kk);
  const sx = new Float64Array(kk);
  const sxx = new Float64Array(kk);
  const sxy = new Float64Array(kk);
  const WX = w ? weightColumns(X0, w, k, nr) : X0;
  if (!M) {
    crossProducts(WX, X0, k, nr, sxy, true);
    let wsum = nr;
    if (w) {
      wsum = 0;
      for (let r = 0; r < nr; r++) wsum += w[r]!;
    }
    for (let i = 0; i < k; i++) {
      let s = 0;
      for (let r = i * nr, end = r + nr; r < end; r++) s += WX[r]!;
      const ss = sxy[i * k + i]!;
      for (let j = 0; j < k; j++) {
        count[i * k + j] = nr;
        n[i * k + j] = wsum;
        sx[i * k + j] = s;
        sxx[i * k + j] = ss;
      }
    }
  } else {
    const XX = new Float64Array(k * nr);
    for (let r = 0; r < XX.length; r++) XX[r] = WX[r]! * X0[r]!;
    crossProducts(M, M, k, nr, count, true);
    if (w) crossProducts(weightColumns(M, w, k, nr), M, k, nr, n, true);
    else n.set(count);
    crossProducts(WX, M, k, nr, sx, false);
    crossProducts(XX, M, k, nr, sxx, false);
    crossProducts(WX, X0, k, nr, sxy, true);
  }
  return { k, shift, count, n, sx, sxx, sxy };
}

function weightColumns(X: Float64Array, w: Float64Array, k: number, nr: number): Float64Array {
  const out = new Float64Array(k * nr);
  for (let c = 0; c < k; c++) {
    const base = c * nr;
    for (let r = 0; r < nr; r++) out[base + r] = X[base + r]! * w[r]!;
  }
  return out;
}
