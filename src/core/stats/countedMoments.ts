import { countedGram, prepareCountedGram, type CountedGramBase } from './countedGram';
import { packedGram } from './packedGram';
import { simdAxpy, type SimdAxpy } from './simdAxpy';
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
  /** Row-major packed vectors (see above), row r at `r·stride` (stride = k rounded up to even), in `kernel`'s memory when there is one. */
  readonly packed: Float64Array;
  /** Byte offset in `kernel`'s memory of room for one 16-byte `axpyList` entry per missing answer. */
  readonly listBase: number;
  readonly stride: number;
  /** The SIMD kernel whose memory holds the k×stride accumulator (at 0) and then `packed`. */
  readonly kernel: SimdAxpy | undefined;
  /** Integer base shift per column (the rounded mean of the whole column). */
  readonly baseShift: Float64Array;
  /** Column-major n×k codes minus the base shift, 0 where missing (bytes when every |value| ≤ 127: 8× less memory to read). */
  readonly Y: Float64Array | Int8Array;
  /** The largest |code − base shift|. */
  readonly maxAbs: number;
  /** Slot radix of `packed`. */
  readonly K: number;
  /** The largest Σ of multiplicities the packing is exact for. */
  readonly maxTotal: number;
  /** The data laid out for the SIMD weighted Gram (undefined: no SIMD or too large sums; the plain path is used). */
  readonly gram: CountedGramBase | undefined;
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
  const stride = k + (k & 1);
  const accBytes = k * stride * 8;
  const kernel = simdAxpy();
  let packed: Float64Array;
  const listBase = accBytes + n * stride * 8;
  if (kernel) {
    const need = listBase + missingCols.length * 16;
    const have = kernel.memory.buffer.byteLength;
    if (need > have) kernel.memory.grow(Math.ceil((need - have) / 65536));
    packed = new Float64Array(kernel.memory.buffer, accBytes, n * stride);
  } else packed = new Float64Array(n * stride);
  const Y = maxAbs <= 127 ? new Int8Array(n * k) : new Float64Array(n * k);
  for (let c = 0; c < k; c++) {
    const base = columns[c]! * n;
    const s = baseShift[c]!;
    for (let r = 0; r < n; r++) {
      const v = data[base + r]!;
      if (v !== v) continue;
      const y = v - s;
      Y[c * n + r] = y;
      packed[r * stride + c] = 1 + K * y + K * K * y * y;
    }
  }
  const gram = prepareCountedGram(Y, n, k, maxAbs, maxTotal);
  return { matrix, columns, missingStart, missingCols, packed, listBase, stride, kernel, baseShift, Y, maxAbs, K, maxTotal, gram };
}

/**
 * The pairwise-complete moment sums of {@link pairwiseMoments} for a resample given as integer multiplicities per row
 * (`counts[r]` copies of row r; a bootstrap resample is its row list counted), bit for bit the same as
 * `pairwiseMoments(matrix, { rows, columns })` for those rows: with integer codes every sum is an exact integer, so
 * the order of summation does not matter. The cross-products are one weighted Gram ({@link countedGram}:
 * `Xᵀ·diag(counts)·X` on a layout prepared once, cache-blocked, three columns per float); the pairwise corrections
 * (counts and sums over the rows where the partner column is missing) are multiplicity-weighted sums of each row's packed vector over the partner's
 * missing rows, shifted exactly from the base shift to the resample's rounded mean. Definitions as in
 * {@link pairwiseMoments} (data/README.md §3.2–3.3).
 * @param fixedShift integer shift per column instead of the resample's rounded means (as `pairwiseMoments`' `shift`)
 */
export function countedMoments(prep: CountedMomentsBase, counts: Int32Array, fixedShift?: Float64Array): PairwiseMoments {
  const { matrix, K, Y, baseShift } = prep;
  const n = matrix.nRows;
  const k = prep.columns.length;
  let total = 0;
  for (let r = 0; r < n; r++) total += counts[r]!;
  if (total > prep.maxTotal) throw new RangeError(`countedMoments: ${total} rows exceed the prepared ${prep.maxTotal}`);
  // Σ m·y per column and the weighted Gram: one blocked SIMD pass over the prepared layout (countedGram) or, without
  // SIMD or beyond its packed range, from the gathered columns of the distinct rows
  const colY = new Float64Array(k);
  const kk = k * k;
  const G = new Float64Array(kk);
  if (prep.gram) countedGram(prep.gram, counts, G, colY);
  else plainGram(Y, n, k, counts, total, prep.maxAbs, G, colY);
  // acc[j·k + i] = Σ over the rows missing in column j of counts·(p_i + K·y_i + K²·y_i²); missing[c] = Σ counts of
  // the rows missing in column c
  const acc = new Float64Array(kk);
  const missing = new Float64Array(k);
  addMissingRows(prep, counts, acc, missing, k);
  // each column's count, its rounded-mean shift (as pairwiseMoments picks it: Σx is an exact integer) and
  // d = shift − base shift
  const shift = new Float64Array(k);
  const colCount = new Float64Array(k);
  const d = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    const cnt = total - missing[c]!;
    const s = fixedShift ? fixedShift[c]! : cnt > 0 ? Math.round((colY[c]! + cnt * baseShift[c]!) / cnt) : 0;
    colCount[c] = cnt;
    shift[c] = s;
    d[c] = s - baseShift[c]!;
  }
  // per pair over the rows where both are present: count, Σy_i, Σy_i² from the slots; then shifted exactly by d
  const K2 = K * K;
  const count = new Float64Array(kk);
  const sy = new Float64Array(kk);
  const syy = new Float64Array(kk);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      // peel the three slots off from the top (each below K/2 in size; + 0 turns −0 into 0); zero when i = j
      const v = acc[j * k + i]!;
      const a2 = Math.round(v / K2) + 0;
      const rem = v - a2 * K2;
      const a1 = Math.round(rem / K) + 0;
      const a0 = rem - a1 * K + 0;
      count[i * k + j] = colCount[i]! - a0;
      sy[i * k + j] = colY[i]! - a1;
      syy[i * k + j] = G[i * k + i]! - a2;
    }
  }
  const sx = new Float64Array(kk);
  const sxx = new Float64Array(kk);
  const sxy = new Float64Array(kk);
  for (let i = 0; i < k; i++) {
    const di = d[i]!;
    for (let j = 0; j < k; j++) {
      const ij = i * k + j;
      const dj = d[j]!;
      const c = count[ij]!;
      // Σ(y_i − d_i), Σ(y_i − d_i)², Σ(y_i − d_i)(y_j − d_j) over the rows where both are present (exact integers)
      sx[ij] = sy[ij]! - di * c + 0;
      sxx[ij] = syy[ij]! - 2 * di * sy[ij]! + di * di * c + 0;
      sxy[ij] = G[ij]! - dj * sy[ij]! - di * sy[j * k + i]! + di * dj * c + 0;
    }
  }
  return { k, shift, count, n: Float64Array.from(count), sx, sxx, sxy };
}

/** The fallback of {@link countedGram}: the same exact sums from the distinct rows' gathered columns, through {@link packedGram}. */
function plainGram(Y: Float64Array | Int8Array, n: number, k: number, counts: Int32Array, total: number, maxAbs: number, G: Float64Array, colY: Float64Array): void {
  let u = 0;
  for (let r = 0; r < n; r++) if (counts[r]! > 0) u++;
  const rows = new Int32Array(u);
  const mult = new Float64Array(u);
  for (let r = 0, t = 0; r < n; r++) {
    if (counts[r]! > 0) {
      rows[t] = r;
      mult[t++] = counts[r]!;
    }
  }
  const X = scratch(0, k * u);
  const L = scratch(1, k * u);
  for (let c = 0; c < k; c++) {
    const base = c * n;
    const out = c * u;
    let sum = 0;
    for (let t = 0; t < u; t++) {
      const y = Y[base + rows[t]!]!;
      const l = mult[t]! * y;
      X[out + t] = y;
      L[out + t] = l;
      sum += l;
    }
    colY[c] = sum;
  }
  if (!packedGram(X, k, u, maxAbs, G, { left: L, total })) {
    // beyond the packed range: exact integer sums one pair at a time (every |Σ| ≤ maxAbs²·total, checked by prepare)
    for (let i = 0; i < k; i++) {
      for (let j = 0; j <= i; j++) {
        let a = 0;
        for (let t = 0; t < u; t++) a += L[i * u + t]! * X[j * u + t]!;
        G[i * k + j] = G[j * k + i] = a;
      }
    }
  }
}

function addMissingRows(prep: CountedMomentsBase, counts: Int32Array, acc: Float64Array, missing: Float64Array, k: number): void {
  const { missingStart, missingCols, packed, stride, kernel } = prep;
  const n = counts.length;
  if (kernel) {
    // the same sums with two lanes per step: the accumulator and the packed rows live in the kernel's memory
    // one axpyList call over a list of (accumulator row, packed row, multiplicity) entries
    const out = new Float64Array(kernel.memory.buffer, 0, k * stride).fill(0);
    const base = packed.byteOffset;
    const bytes = stride * 8;
    const listInt = new Int32Array(kernel.memory.buffer, prep.listBase, missingCols.length * 4);
    const listFloat = new Float64Array(kernel.memory.buffer, prep.listBase, missingCols.length * 2);
    let entries = 0;
    for (let r = 0; r < n; r++) {
      const m = counts[r]!;
      if (m === 0) continue;
      const e = missingStart[r + 1]!;
      const x = base + r * bytes;
      for (let t = missingStart[r]!; t < e; t++) {
        const col = missingCols[t]!;
        missing[col]! += m;
        listInt[4 * entries] = col * bytes;
        listInt[4 * entries + 1] = x;
        listFloat[2 * entries + 1] = m;
        entries++;
      }
    }
    if (entries > 0) kernel.axpyList(prep.listBase, entries, bytes);
    for (let j = 0; j < k; j++) for (let i = 0; i < k; i++) acc[j * k + i] = out[j * stride + i]!;
    return;
  }
  for (let r = 0; r < n; r++) {
    const m = counts[r]!;
    if (m === 0) continue;
    const e = missingStart[r + 1]!;
    const src = r * stride;
    for (let t = missingStart[r]!; t < e; t++) {
      const col = missingCols[t]!;
      missing[col]! += m;
      const dst = col * k;
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
