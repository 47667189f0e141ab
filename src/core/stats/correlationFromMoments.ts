import type { PairwiseMoments } from './types';

/**
 * Pearson correlation matrix (k×k, row-major) from pairwise moments: per pair, means over the rows where both items
 * are present, `r = Σ(x−x̄)(y−ȳ) / √(Σ(x−x̄)²·Σ(y−ȳ)²)` (weighted sums when the moments are weighted): R
 * `cor(use = "pairwise.complete.obs")` and `cov.wt(cor = TRUE)`, data/README.md §3.2.
 * The diagonal is 1. A pair with fewer than 2 rows or a zero variance (a constant column) gives NaN.
 */
export function correlationFromMoments(m: PairwiseMoments): Float64Array {
  const { k, count, n, sx, sxx, sxy } = m;
  const r = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    r[i * k + i] = 1;
    for (let j = 0; j < i; j++) {
      const ij = i * k + j;
      const ji = j * k + i;
      const nij = n[ij]!;
      if (count[ij]! < 2 || !(nij > 0)) {
        r[ij] = r[ji] = NaN;
        continue;
      }
      const cxy = sxy[ij]! - (sx[ij]! * sx[ji]!) / nij;
      const cxx = sxx[ij]! - (sx[ij]! * sx[ij]!) / nij;
      const cyy = sxx[ji]! - (sx[ji]! * sx[ji]!) / nij;
      const v = cxx > 0 && cyy > 0 ? cxy / Math.sqrt(cxx * cyy) : NaN;
      r[ij] = r[ji] = v;
    }
  }
  return r;
}
