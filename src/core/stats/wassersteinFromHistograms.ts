import type { EncodedCodes } from './encodeCodes';

/**
 * Per-item Wasserstein-1 distance from per-code histograms, the closed form of data/README.md §3.1:
 * `WD = Σ_{k<K} |Σ_{l≤k}(p_l − q_l)| · (c_{k+1} − c_k)` with p, q each side's (weighted) shares; equal to
 * `scipy.stats.wasserstein_distance(u, v, u_weights, v_weights)` on the raw codes. An item with no answer (or zero
 * total weight) on either side gives NaN.
 */
export function wassersteinFromHistograms(codes: EncodedCodes, histA: Float64Array, histB: Float64Array): Float64Array {
  const wd = new Float64Array(codes.k);
  for (let c = 0; c < codes.k; c++) {
    const start = codes.offsets[c]!;
    const end = codes.offsets[c + 1]!;
    const support = codes.supports[c]!;
    let totalA = 0;
    let totalB = 0;
    for (let b = start; b < end; b++) {
      totalA += histA[b]!;
      totalB += histB[b]!;
    }
    if (!(totalA > 0) || !(totalB > 0)) {
      wd[c] = NaN;
      continue;
    }
    let cumA = 0;
    let cumB = 0;
    let sum = 0;
    for (let b = start; b < end - 1; b++) {
      cumA += histA[b]!;
      cumB += histB[b]!;
      sum += Math.abs(cumA / totalA - cumB / totalB) * (support[b - start + 1]! - support[b - start]!);
    }
    wd[c] = sum;
  }
  return wd;
}
