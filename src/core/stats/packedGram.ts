import { simdDot4, type SimdDot4 } from './simdDot4';

/** Options of {@link packedGram}. */
export interface PackedGramOptions {
  /** Use the WebAssembly SIMD kernel where available (results are identical: the sums are exact integers). @default true */
  readonly simd?: boolean;
  /**
   * Left operand `L` of `G = Lᵀ·X` instead of X, with `L = diag(m)·X` for integer row multiplicities m (a bootstrap
   * resample as counts per distinct row): G is then symmetric and still exact. @default X
   */
  readonly left?: Float64Array;
  /** Σ of the row multiplicities when `left` is given (bounds every |sum| with maxAbs²). @default nr */
  readonly total?: number;
}

/**
 * Gram matrix `G = Xᵀ·X` (k×k, row-major) of integer-valued column-major data, three columns per float64:
 * with `B_t = X_{3t} + K·X_{3t+1} + K²·X_{3t+2}`, one dot product `Σ_r x_r·B_t[r]` carries three exact integer sums,
 * because every partial sum stays below 2^53 (K = 2^p with K/2 above every |sum|). Three times fewer multiply-adds
 * than one column at a time, and the sums are exact. When the sums are too large for three slots (maxAbs²·n ≥ 2^17)
 * two columns share a float; beyond 2^25 it returns false (writing nothing) and the caller uses the float path.
 * @param X column-major integer values (e.g. option codes minus an integer shift, 0 where missing)
 * @param maxAbs the largest |X| entry
 */
export function packedGram(X: Float64Array, k: number, nr: number, maxAbs: number, out: Float64Array, options: PackedGramOptions = {}): boolean {
  // every |Σ x_i·x_j| ≤ maxAbs²·n; K/2 must exceed it, and P slots of K must stay below 2^53
  const bound = Math.max(1, maxAbs * maxAbs) * Math.max(nr, options.total ?? nr);
  const L = options.left ?? X;
  if (!(bound < 2 ** 25)) return false;
  const P = bound < 2 ** 17 ? 3 : 2;
  let K = 2;
  while (K / 2 <= bound) K *= 2;
  const T = Math.ceil(k / P);
  const K2 = K * K;
  const put = (i: number, t: number, s: number): void => {
    // s = lo + K·mid (+ K²·hi) with every slot below K/2 in size: peel the slots off from the top
    // (+ 0 turns a −0 from Math.round into 0)
    const j = P * t;
    if (P === 2) {
      const hi = Math.round(s / K) + 0;
      out[i * k + j] = out[j * k + i] = s - hi * K + 0;
      if (j + 1 < k) out[i * k + j + 1] = out[(j + 1) * k + i] = hi;
      return;
    }
    const hi = Math.round(s / K2) + 0;
    const rem = s - hi * K2;
    const mid = Math.round(rem / K) + 0;
    out[i * k + j] = out[j * k + i] = rem - mid * K + 0;
    if (j + 1 < k) out[i * k + j + 1] = out[(j + 1) * k + i] = mid;
    if (j + 2 < k) out[i * k + j + 2] = out[(j + 2) * k + i] = hi;
  };
  const kernel = (options.simd ?? true) ? simdDot4() : undefined;
  if (kernel) {
    simdPath(kernel, L, X, k, nr, P, K, T, put);
    return true;
  }
  // for each triple t, the columns i ≥ 3t cover the lower triangle. Rows go in chunks that stay in cache; four
  // columns share each load of B_t, and the accumulators are independent (no latency chain). Integer partial sums
  // add up exactly across chunks.
  const Q = new Float64Array(T * nr);
  for (let t = 0; t < T; t++) {
    const dst = t * nr;
    for (let u = P - 1; u >= 0; u--) {
      const col = P * t + u;
      if (col >= k) continue;
      const base = col * nr;
      for (let r = 0; r < nr; r++) Q[dst + r] = Q[dst + r]! * K + X[base + r]!;
    }
  }
  const acc = new Float64Array(k * T);
  const CHUNK = 512;
  for (let r0 = 0; r0 < nr; r0 += CHUNK) {
    const r1 = Math.min(nr, r0 + CHUNK);
    for (let t = 0; t < T; t++) {
      const b = t * nr;
      let i = P * t;
      for (; i + 3 < k; i += 4) {
        const a0 = i * nr, a1 = a0 + nr, a2 = a1 + nr, a3 = a2 + nr;
        let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (let r = r0; r < r1; r++) {
          const q = Q[b + r]!;
          s0 += L[a0 + r]! * q;
          s1 += L[a1 + r]! * q;
          s2 += L[a2 + r]! * q;
          s3 += L[a3 + r]! * q;
        }
        acc[i * T + t]! += s0;
        acc[(i + 1) * T + t]! += s1;
        acc[(i + 2) * T + t]! += s2;
        acc[(i + 3) * T + t]! += s3;
      }
      for (; i < k; i++) {
        const a0 = i * nr;
        let s0 = 0, s1 = 0;
        let r = r0;
        for (; r + 1 < r1; r += 2) {
          s0 += L[a0 + r]! * Q[b + r]!;
          s1 += L[a0 + r + 1]! * Q[b + r + 1]!;
        }
        if (r < r1) s0 += L[a0 + r]! * Q[b + r]!;
        acc[i * T + t]! += s0 + s1;
      }
    }
  }
  for (let t = 0; t < T; t++) for (let i = P * t; i < k; i++) put(i, t, acc[i * T + t]!);
  return true;
}

/** Rows per pass of the SIMD path: its working memory stays (k + 3 + T) × 512 KB however long the columns are. */
const BLOCK = 1 << 16;

/**
 * The same triple-packed Gram with the f64x2 kernel, in blocks of {@link BLOCK} rows: each block's columns (padded to
 * an even length, plus three zero columns so every call has four) and packed triples are laid out in the kernel's
 * memory, four dot products per call, and the blocks' exact integer sums are added up (exact: every partial sum is
 * bounded like the total). The kernel's memory, which never shrinks, stays a few megabytes for a million rows.
 */
function simdPath(kernel: SimdDot4, L: Float64Array, X: Float64Array, k: number, nr: number, P: number, K: number, T: number, put: (i: number, t: number, s: number) => void): void {
  const rows = Math.min(BLOCK, nr + (nr & 1));
  const colBytes = rows * 8;
  const xCols = k + 3;
  const need = (xCols + T) * colBytes + 32;
  const have = kernel.memory.buffer.byteLength;
  if (need > have) kernel.memory.grow(Math.ceil((need - have) / 65536));
  const f = new Float64Array(kernel.memory.buffer, 0, need / 8);
  // every byte the kernel reads is written: the columns, their odd-row padding, three zero columns, the triples
  f.fill(0, k * rows, xCols * rows);
  const qBase = xCols * rows;
  const outIndex = (xCols + T) * rows;
  const acc = new Float64Array(k * T);
  for (let r0 = 0; r0 < nr; r0 += BLOCK) {
    const m = Math.min(BLOCK, nr - r0);
    const mp = m + (m & 1);
    for (let c = 0; c < k; c++) {
      f.set(L.subarray(c * nr + r0, c * nr + r0 + m), c * rows);
      if (mp > m) f[c * rows + m] = 0;
    }
    for (let t = 0; t < T; t++) {
      const dst = qBase + t * rows;
      const c0 = P * t * nr + r0;
      const filled = Math.min(P, k - P * t);
      if (filled === 3) {
        // one Horner pass per triple: (x2·K + x1)·K + x0
        for (let r = 0; r < m; r++) f[dst + r] = (X[c0 + 2 * nr + r]! * K + X[c0 + nr + r]!) * K + X[c0 + r]!;
      } else if (filled === 2) {
        for (let r = 0; r < m; r++) f[dst + r] = X[c0 + nr + r]! * K + X[c0 + r]!;
      } else {
        for (let r = 0; r < m; r++) f[dst + r] = X[c0 + r]!;
      }
      if (mp > m) f[dst + m] = 0;
    }
    for (let t = 0; t < T; t++) {
      for (let i = P * t; i < k; i += 4) {
        kernel.dot4(i * colBytes, (qBase + t * rows) * 8, mp, colBytes, outIndex * 8);
        for (let c = 0; c < 4 && i + c < k; c++) acc[(i + c) * T + t]! += f[outIndex + c]!;
      }
    }
  }
  for (let t = 0; t < T; t++) for (let i = P * t; i < k; i++) put(i, t, acc[i * T + t]!);
}
