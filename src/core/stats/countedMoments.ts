import { packedGram } from './packedGram';
import type { ItemMatrix, PairwiseMoments } from './types';

/**
 * What {@link countedMoments} needs of one integer-coded sample, computed once for many resamples: the columns,
 * each column's missing rows, and per row a packed vector `p + K·y + K²·y²` per column (y = code − base shift,
 * p = 1 when present; 0 for a missing answer), whose multiplicity-weighted sums over a column's missing rows carry
 * three exact integer sums in one float.
 */
export interface CountedMomentsBase {
  readonly matrix: ItemMatrix;
  readonly columns: readonly number[];
  /** Per row r, its missing columns (positions in `columns`) are `missingCols[missingStart[r] … missingStart[r+1] − 1]`. */
  readonly missingStart: Int32Array;
  readonly missingCols: Int32Array;
  /** Row-major n×k packed vectors (see above). */
  readonly packed: Float64Array;
  /** Integer base shift per column (the rounded mean of the whole column). */
  readonly baseShift: Float64Array;
  /** Smallest and largest answer per column. */
  readonly min: Float64Array;
  readonly max: Float64Array;
  /** Slot radix of `packed`. */
  readonly K: number;
  /** The largest Σ of multiplicities the packing is exact for. */
  readonly maxTotal: number;
}

/**
 * Prepares {@link countedMoments} for `matrix` and resamples whose multiplicities sum to at most `maxTotal`; returns
 * undefined (the caller falls back to {@link pairwiseMoments} on row lists) when an answer is not an int32 integer
 * or the three packed sums could exceed 2^53.
 */
export function prepareCountedMoments(matrix: ItemMatrix, columns: readonly number[], maxTotal: number): CountedMomentsBase | undefined {
  const { nRows: n, data } = matrix;
  const k = columns.length;
  const baseShift = new Float64Array(k);
  const min = new Float64Array(k).fill(Infinity);
  const max = new Float64Array(k).fill(-Infinity);
  const missingPerRow = new Int32Array(n + 1);
  let maxAbs = 0;
  for (let c = 0; c < k; c++) {
    const base = columns[c]! * n;
    let sum = 0;
    let cnt = 0;
    for (let r = 0; r < n; r++) {
      const v = data[base + r]!;
      if (v !== v) continue;
      if ((v | 0) !== v) return undefined;
      sum += v;
      cnt++;
      if (v < min[c]!) min[c] = v;
      if (v > max[c]!) max[c] = v;
    }
    const s = cnt > 0 ? Math.round(sum / cnt) : 0;
    baseShift[c] = s;
    if (cnt > 0) maxAbs = Math.max(maxAbs, Math.abs(min[c]! - s), Math.abs(max[c]! - s));
    for (let r = 0; r < n; r++) if (data[base + r] !== data[base + r]) missingPerRow[r + 1]!++;
  }
  const missingStart = new Int32Array(n + 1);
  for (let r = 0; r < n; r++) missingStart[r + 1] = missingStart[r]! + missingPerRow[r + 1]!;
  const missingCols = new Int32Array(missingStart[n]!);
  const fill = missingStart.slice(0, n);
  for (let c = 0; c < k; c++) {
    const base = columns[c]! * n;
    for (let r = 0; r < n; r++) if (data[base + r] !== data[base + r]) missingCols[fill[r]!++] = c;
  }
  // every slot's |Σ| ≤ max(1, maxAbs)²·total must stay below K/2, and K³ ≤ 2^53
  const bound = Math.max(1, maxAbs * maxAbs) * maxTotal;
  let K = 2;
  while (K / 2 <= bound) K *= 2;
  if (K * K * K > 2 ** 53) return undefined;
  const packed = new Float64Array(n * k);
  for (let c = 0; c < k; c++) {
    const base = columns[c]! * n;
    const s = baseShift[c]!;
    for (let r = 0; r < n; r++) {
      const v = data[base + r]!;
      if (v !== v) continue;
      const y = v - s;
      packed[r * k + c] = 1 + K * y + K * K * y * y;
    }
  }
  return { matrix, columns, missingStart, missingCols, packed, baseShift, min, max, K, maxTotal };
}

/**
 * The pairwise-complete moment sums of {@link pairwiseMoments} for a resample given as integer multiplicities per row
 * (`counts[r]` copies of row r; a bootstrap resample is its row list counted), bit for bit the same as
 * `pairwiseMoments(matrix, { rows, columns })` for those rows: with integer codes every sum is an exact integer, so
 * the order of summation does not matter. The cross-products are one weighted Gram over the distinct rows only
 * ({@link packedGram} with `left = diag(counts)·X`); the pairwise corrections (counts and sums over the rows where
 * the partner column is missing) are multiplicity-weighted sums of each row's packed vector over the partner's
 * missing rows, shifted exactly from the base shift to the resample's rounded mean. Definitions as in
 * {@link pairwiseMoments} (data/README.md §3.2–3.3).
 */
export function countedMoments(prep: CountedMomentsBase, counts: Int32Array): PairwiseMoments {
  const { matrix, columns, K } = prep;
  const { nRows: n, data } = matrix;
  const k = columns.length;
  // the distinct rows of the resample and their multiplicities
  let u = 0;
  let total = 0;
  for (let r = 0; r < n; r++) {
    if (counts[r]! > 0) {
      u++;
      total += counts[r]!;
    }
  }
  if (total > prep.maxTotal) throw new RangeError(`countedMoments: ${total} rows exceed the prepared ${prep.maxTotal}`);
  const rows = new Int32Array(u);
  const mult = new Float64Array(u);
  for (let r = 0, t = 0; r < n; r++) {
    if (counts[r]! > 0) {
      rows[t] = r;
      mult[t++] = counts[r]!;
    }
  }
  // per column: exact count and sum over the resample, its rounded-mean shift, the shifted zero-filled column
  const shift = new Float64Array(k);
  const colCount = new Float64Array(k);
  const colSum = new Float64Array(k);
  const X = scratch(0, k * u);
  const L = scratch(1, k * u);
  let maxAbs = 0;
  for (let c = 0; c < k; c++) {
    const base = columns[c]! * n;
    let sum = 0;
    let cnt = 0;
    for (let t = 0; t < u; t++) {
      const v = data[base + rows[t]!]!;
      if (v !== v) continue;
      sum += mult[t]! * v;
      cnt += mult[t]!;
    }
    const s = cnt > 0 ? Math.round(sum / cnt) : 0;
    shift[c] = s;
    colCount[c] = cnt;
    colSum[c] = sum - cnt * s;
    if (cnt > 0) maxAbs = Math.max(maxAbs, Math.abs(prep.min[c]! - s), Math.abs(prep.max[c]! - s));
    const out = c * u;
    for (let t = 0; t < u; t++) {
      const v = data[base + rows[t]!]!;
      const x = v === v ? v - s : 0;
      X[out + t] = x;
      L[out + t] = mult[t]! * x;
    }
  }
  const kk = k * k;
  const sxy = new Float64Array(kk);
  if (!packedGram(X, k, u, maxAbs, sxy, { left: L, total })) {
    // beyond the packed range: exact integer sums one pair at a time (each |Σ| ≤ maxAbs²·total < 2^53 is checked by the caller's prepare)
    for (let i = 0; i < k; i++) {
      for (let j = 0; j <= i; j++) {
        let acc = 0;
        for (let t = 0; t < u; t++) acc += L[i * u + t]! * X[j * u + t]!;
        sxy[i * k + j] = sxy[j * k + i] = acc;
      }
    }
  }
  // acc[j·k + i] = Σ over the rows missing in column j of counts·(p_i + K·y_i + K²·y_i²); row by row, so each
  // row's packed vector is read once for all its missing columns
  const acc = new Float64Array(kk);
  addMissingRows(prep, counts, acc, k);
  const K2 = K * K;
  const count = new Float64Array(kk);
  const sx = new Float64Array(kk);
  const sxx = new Float64Array(kk);
  for (let i = 0; i < k; i++) {
    const d = shift[i]! - prep.baseShift[i]!;
    const ss = sxy[i * k + i]!;
    for (let j = 0; j < k; j++) {
      let dCount = 0;
      let dS = 0;
      let dSS = 0;
      if (i !== j) {
        // peel the three slots off from the top (each below K/2 in size; + 0 turns −0 into 0)
        const v = acc[j * k + i]!;
        const c2 = Math.round(v / K2) + 0;
        const rem = v - c2 * K2;
        const c1 = Math.round(rem / K) + 0;
        const c0 = rem - c1 * K + 0;
        // Σ(y − d) and Σ(y − d)² over those rows, with y = x − base shift and d = shift − base shift
        dCount = c0;
        dS = c1 - d * c0;
        dSS = c2 - 2 * d * c1 + d * d * c0;
      }
      count[i * k + j] = colCount[i]! - dCount;
      sx[i * k + j] = colSum[i]! - dS;
      sxx[i * k + j] = ss - dSS;
    }
  }
  return { k, shift, count, n: Float64Array.from(count), sx, sxx, sxy };
}

function addMissingRows(prep: CountedMomentsBase, counts: Int32Array, acc: Float64Array, k: number): void {
  const { missingStart, missingCols, packed } = prep;
  const n = counts.length;
  for (let r = 0; r < n; r++) {
    const m = counts[r]!;
    const e = missingStart[r + 1]!;
    if (m === 0) continue;
    const src = r * k;
    for (let t = missingStart[r]!; t < e; t++) {
      const dst = missingCols[t]! * k;
      for (let i = 0; i < k; i++) acc[dst + i]! += m * packed[src + i]!;
    }
  }
}

const scratchBuffers = [new Float64Array(0), new Float64Array(0)];

/** Reusable work areas for the gathered columns (every entry used is overwritten; nothing keeps them). */
function scratch(which: number, length: number): Float64Array {
  if (scratchBuffers[which]!.length < length) scratchBuffers[which] = new Float64Array(Math.max(length, Math.floor(scratchBuffers[which]!.length * 1.5)));
  return scratchBuffers[which]!.subarray(0, length);
}
