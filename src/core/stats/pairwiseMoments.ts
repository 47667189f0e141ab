import { assertWeights } from './assertWeights';
import { crossProducts } from './crossProducts';
import { packedGram } from './packedGram';
import { StatsError } from './StatsError';
import type { ItemMatrix, PairwiseMoments } from './types';

/** Options of {@link pairwiseMoments}. */
export interface PairwiseMomentsOptions {
  /** Column indices to use, in this order. @default all columns */
  readonly columns?: readonly number[];
  /** Row indices (0-based) to use; repeats allowed. @default all rows */
  readonly rows?: Int32Array;
  /** Survey weight per row of the whole matrix. @default unweighted (every weight 1) */
  readonly weights?: ArrayLike<number>;
  /** Value subtracted from each column before summing (for accuracy). @default the rounded mean of the used rows */
  readonly shift?: Float64Array;
  /**
   * Per column (aligned with `columns`), statistics of the used rows' answers that the caller already has; they must be
   * exact (e.g. from code histograms). Saves one pass over the data. @default computed here
   */
  readonly columnStats?: readonly (ColumnStats | undefined)[];
}

/** Count, sum, range and integrality of one column's answers (missing ones excluded). */
export interface ColumnStats {
  readonly count: number;
  readonly sum: number;
  readonly min: number;
  readonly max: number;
  /** Every answer is an integer in the int32 range. */
  readonly integer: boolean;
}

/**
 * Pairwise-complete moment sums of every column pair (see {@link PairwiseMoments}) in O(n·k²).
 * The cross-products are one Gram matrix of the zero-filled data (three columns per float when the values are
 * integers: {@link packedGram}); the per-pair counts and sums over "both present" rows are the column totals minus
 * the rows where the other column is missing, O(k²·missing). This replaces the masked products `MᵀM`, `X0ᵀM`,
 * `(X0²)ᵀM` of shared/reference/reference-bench.md at the cost of complete data. With integer codes, integer shifts
 * and no weights every sum is exact. Feeds R `cor(use = "pairwise.complete.obs")`, `cov.wt(cor = TRUE)` per pair and
 * psych::alpha's `cov(use = "pairwise")` (data/README.md §3.2–3.3).
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
  let w: Float64Array | undefined;
  if (weights) {
    w = new Float64Array(nr);
    for (let r = 0; r < nr; r++) w[r] = weights[rows ? rows[r]! : r]!;
  }
  // gather the columns, shifted and zero-filled; note the missing rows of each column
  const X0 = scratch(k * nr);
  const shift = options.shift ? Float64Array.from(options.shift) : new Float64Array(k);
  const missingRows: Int32Array[] = [];
  const colSum = new Float64Array(k);
  let integer = !w;
  let lo = 0;
  let hi = 0;
  for (let c = 0; c < k; c++) {
    const base = columns[c]! * nRows;
    const out = c * nr;
    // pass 1 reads the raw values: count, sum, range and integrality (an integer shift keeps integers integers);
    // a caller that already knows them (from code histograms) passes them in `columnStats`
    let sum = 0;
    let cnt = 0;
    let min = Infinity;
    let max = -Infinity;
    let allInteger = true;
    const known = options.columnStats?.[c];
    if (known) {
      ({ sum, count: cnt, min, max, integer: allInteger } = known);
    } else {
      for (let r = 0; r < nr; r++) {
        const v = rows ? data[base + rows[r]!]! : data[base + r]!;
        if (v !== v) continue;
        sum += v;
        cnt++;
        if (v < min) min = v;
        if (v > max) max = v;
        if ((v | 0) !== v) allInteger = false;
      }
    }
    if (!options.shift) shift[c] = cnt > 0 ? Math.round(sum / cnt) : 0;
    const s = shift[c]!;
    if (!allInteger || !Number.isInteger(s)) integer = false;
    if (cnt > 0) {
      if (min - s < lo) lo = min - s;
      if (max - s > hi) hi = max - s;
    }
    // pass 2 writes the shifted, zero-filled column and lists the missing rows
    const miss = new Int32Array(nr - cnt);
    let m = 0;
    if (rows) {
      for (let r = 0; r < nr; r++) {
        const v = data[base + rows[r]!]!;
        if (v === v) X0[out + r] = v - s;
        else {
          X0[out + r] = 0;
          miss[m++] = r;
        }
      }
    } else {
      for (let r = 0; r < nr; r++) {
        const v = data[base + r]!;
        if (v === v) X0[out + r] = v - s;
        else {
          X0[out + r] = 0;
          miss[m++] = r;
        }
      }
    }
    missingRows.push(miss);
    // Σ(x − shift) over the present rows; exact for integer codes, so no extra pass
    colSum[c] = sum - cnt * s;
  }
  const maxAbs = Math.max(-lo, hi);
  if (!Number.isFinite(maxAbs)) throw new StatsError('invalidValue', 'an answer code is infinite');
  const kk = k * k;
  const count = new Float64Array(kk);
  const n = new Float64Array(kk);
  const sx = new Float64Array(kk);
  const sxx = new Float64Array(kk);
  const sxy = new Float64Array(kk);
  const WX = w ? weightColumns(X0, w, k, nr) : X0;
  if (!(integer && packedGram(X0, k, nr, maxAbs, sxy))) crossProducts(WX, X0, k, nr, sxy, true);
  // column totals over each column's present rows, then subtract the rows where the partner column is missing
  let anyMissing = false;
  for (const miss of missingRows) if (miss.length > 0) anyMissing = true;
  const present = anyMissing ? new Uint8Array(k * nr).fill(1) : undefined;
  if (present) {
    for (let i = 0; i < k; i++) {
      const miss = missingRows[i]!;
      for (let t = 0; t < miss.length; t++) present[i * nr + miss[t]!] = 0;
    }
  }
  for (let i = 0; i < k; i++) {
    const base = i * nr;
    let wsum = 0;
    let s = integer ? colSum[i]! : 0;
    if (!integer) for (let r = 0; r < nr; r++) s += WX[base + r]!;
    const cnt = nr - missingRows[i]!.length;
    if (w) {
      for (let r = 0; r < nr; r++) wsum += w[r]!;
      const miss = missingRows[i]!;
      for (let t = 0; t < miss.length; t++) wsum -= w[miss[t]!]!;
    } else wsum = cnt;
    const ss = sxy[i * k + i]!;
    for (let j = 0; j < k; j++) {
      let dCount = 0;
      let dN = 0;
      let dS = 0;
      let dSS = 0;
      const miss = missingRows[j]!;
      if (present && i !== j && w) {
        for (let t = 0; t < miss.length; t++) {
          const r = miss[t]!;
          const p = present[base + r]!;
          const wx = WX[base + r]!;
          dCount += p;
          dN += p * w[r]!;
          dS += wx;
          dSS += wx * X0[base + r]!;
        }
      } else if (present && i !== j) {
        for (let t = 0; t < miss.length; t++) {
          const r = miss[t]!;
          const x = X0[base + r]!;
          dCount += present[base + r]!;
          dS += x;
          dSS += x * x;
        }
        dN = dCount;
      }
      count[i * k + j] = cnt - dCount;
      n[i * k + j] = wsum - dN;
      sx[i * k + j] = s - dS;
      sxx[i * k + j] = ss - dSS;
    }
  }
  return { k, shift, count, n, sx, sxx, sxy };
}

let scratchBuffer = new Float64Array(0);

/** A reusable work area (the moments keep only k×k sums, never the gathered columns; every entry is overwritten). */
function scratch(length: number): Float64Array {
  if (scratchBuffer.length < length) scratchBuffer = new Float64Array(Math.max(length, Math.floor(scratchBuffer.length * 1.5)));
  return scratchBuffer.subarray(0, length);
}

function weightColumns(X: Float64Array, w: Float64Array, k: number, nr: number): Float64Array {
  const out = new Float64Array(k * nr);
  for (let c = 0; c < k; c++) {
    const base = c * nr;
    for (let r = 0; r < nr; r++) out[base + r] = X[base + r]! * w[r]!;
  }
  return out;
}
