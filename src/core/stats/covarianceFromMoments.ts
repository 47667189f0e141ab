import type { PairwiseMoments } from './types';

/**
 * Sample covariance matrix (ddof 1, pairwise-complete) from unweighted moments: `C_ij = Σ(x−x̄)(y−ȳ)/(n_ij − 1)` with
 * both means over the pair's rows; the diagonal is each item's variance over its own rows. This is R
 * `cov(x, use = "pairwise")`, the covariance psych::alpha uses (data/README.md §3.3). Fewer than 2 rows → NaN.
 */
export function covarianceFromMoments(m: PairwiseMoments): Float64Array {
  const { k, count, sx, sxy } = m;
  const c = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      const ij = i * k + j;
      const nij = count[ij]!;
      const v = nij < 2 ? NaN : (sxy[ij]! - (sx[ij]! * sx[j * k + i]!) / nij) / (nij - 1);
      c[ij] = c[j * k + i] = v;
    }
  }
  return c;
}
