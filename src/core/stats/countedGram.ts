import { simdWeightedDot4, WEIGHTED_DOT_COLUMNS as C, type SimdWeightedDot4 } from './simdWeightedDot4';

/** Rows per block: a block's columns and packed triples (≈ 0.55 MB for 100 columns) stay in L2 cache. */
const BLOCK = 512;
/**
 * Floats from one column of a block to the next: a little more than BLOCK, so the eight streams of one call do not
 * sit a multiple of 4 KB apart (they would share one L1 cache set and evict each other).
 */
const SPAN = BLOCK + 8;

/** One integer-coded sample laid out once for {@link countedGram}, in a {@link simdWeightedDot4} kernel's memory. */
export interface CountedGramBase {
  readonly kernel: SimdWeightedDot4;
  readonly n: number;
  readonly k: number;
  /** The slot radix. */
  readonly K: number;
  /** Packed columns: ⌈k / 3⌉. */
  readonly T: number;
  readonly blocks: number;
  /** Floats per block: k columns, a column of ones, C − 1 zero columns (every call reads C), then the T packed columns, each BLOCK long. */
  readonly blockFloats: number;
  /** Float index of the row weights (BLOCK·blocks of them), then C floats of results. */
  readonly wBase: number;
}

/**
 * Lays out integer-coded, column-major data for {@link countedGram}, in blocks of {@link BLOCK} rows: the columns,
 * a column of ones, and three columns packed into one float, `y₀ + K·y₁ + K²·y₂` (K = 2^p above twice every
 * |sum| for multiplicities summing to at most `maxTotal`). Returns undefined where WebAssembly SIMD is missing or
 * the sums could leave the packed range (maxAbs²·maxTotal ≥ 2^17, as {@link packedGram}'s three-slot packing); the
 * caller then takes a plain path.
 * @param Y column-major n×k values (codes minus an integer shift, 0 where missing)
 * @param maxAbs the largest |Y| entry
 */
export function prepareCountedGram(Y: Float64Array | Int8Array, n: number, k: number, maxAbs: number, maxTotal: number): CountedGramBase | undefined {
  const bound = Math.max(1, maxAbs * maxAbs) * Math.max(n, maxTotal);
  if (!(bound < 2 ** 17) || k === 0) return undefined;
  const kernel = simdWeightedDot4();
  if (!kernel) return undefined;
  const P = 3;
  let K = 2;
  while (K / 2 <= bound) K *= 2;
  const T = Math.ceil(k / P);
  const B = BLOCK;
  const blocks = Math.ceil(n / B);
  const xCols = k + C;
  const blockFloats = (xCols + T) * SPAN;
  const wBase = blocks * blockFloats;
  const bytes = (wBase + blocks * B + C) * 8;
  const have = kernel.memory.buffer.byteLength;
  if (bytes > have) kernel.memory.grow(Math.ceil((bytes - have) / 65536));
  const f = new Float64Array(kernel.memory.buffer, 0, bytes / 8);
  const scale = [1, K, K * K];
  for (let b = 0; b < blocks; b++) {
    const r0 = b * B;
    const m = Math.min(B, n - r0);
    const base = b * blockFloats;
    for (let c = 0; c < k; c++) {
      const src = c * n + r0;
      const dst = base + c * SPAN;
      const q = base + (xCols + Math.floor(c / P)) * SPAN;
      const s = scale[c % P]!;
      for (let t = 0; t < m; t++) {
        const y = Y[src + t]!;
        f[dst + t] = y;
        f[q + t]! += s * y;
      }
    }
    f.fill(1, base + k * SPAN, base + k * SPAN + m);
  }
  return { kernel, n, k, K, T, blocks, blockFloats, wBase };
}

/**
 * The weighted Gram `G = Xᵀ·diag(m)·X` (k×k, row-major) and the column sums `Σ m·x` of a prepared sample for a
 * resample given as integer multiplicities per row (`counts`, summing to at most the prepared `maxTotal`): the same
 * exact integer sums as {@link packedGram} with `left = diag(m)·X` over the distinct rows. Per block, one
 * {@link simdWeightedDot4} call sums six columns against a packed triple times the multiplicities (three exact
 * sums per float); the row of ones gives the column sums. Rows drawn zero times weigh 0; every partial sum is an
 * exact integer, so any order of summation gives the same numbers.
 */
export function countedGram(base: CountedGramBase, counts: Int32Array, G: Float64Array, colSums: Float64Array): void {
  const { kernel, n, k, K, T, blocks, blockFloats, wBase } = base;
  const P = 3;
  const B = BLOCK;
  const f = new Float64Array(kernel.memory.buffer, 0, wBase + blocks * B + C);
  const outIndex = wBase + blocks * B;
  const xCols = k + C;
  const colBytes = SPAN * 8;
  const acc = new Float64Array((k + 1) * T);
  for (let b = 0; b < blocks; b++) {
    const r0 = b * B;
    const m = Math.min(B, n - r0);
    const w = wBase + r0;
    let any = 0;
    for (let t = 0; t < m; t++) any |= f[w + t] = counts[r0 + t]!;
    if (any === 0) continue;
    const blockByte = b * blockFloats * 8;
    const mp = m + (m & 1);
    for (let t = 0; t < T; t++) {
      const qb = blockByte + (xCols + t) * colBytes;
      for (let i = P * t; i <= k; i += C) {
        kernel.dotw(blockByte + i * colBytes, qb, mp, colBytes, outIndex * 8, w * 8);
        for (let c = 0; c < C && i + c <= k; c++) acc[(i + c) * T + t]! += f[outIndex + c]!;
      }
    }
  }
  // each sum is lo + K·mid + K²·hi, every slot below K/2 in size: peel the slots off from the top (+ 0 turns a −0
  // from Math.round into 0); the row of ones gives the column sums
  const K2 = K * K;
  const slots = [0, 0, 0];
  const peel = (v: number): void => {
    const hi = Math.round(v / K2) + 0;
    const rem = v - hi * K2;
    const mid = Math.round(rem / K) + 0;
    slots[0] = rem - mid * K + 0;
    slots[1] = mid;
    slots[2] = hi;
  };
  for (let t = 0; t < T; t++) {
    const j = P * t;
    for (let i = j; i < k; i++) {
      peel(acc[i * T + t]!);
      for (let s = 0; s < P && j + s < k; s++) G[i * k + j + s] = G[(j + s) * k + i] = slots[s]!;
    }
    peel(acc[k * T + t]!);
    for (let s = 0; s < P && j + s < k; s++) colSums[j + s] = slots[s]!;
  }
}
