import { StatsError } from './StatsError';

/**
 * Jensen–Shannon divergence in bits (base-2 logarithm) between two discrete distributions on the same support
 * (Lin 1991, "Divergence measures based on the Shannon entropy", IEEE Trans. Inf. Theory 37(1), eq. 4.1 with
 * π = ½): `JSD(P, Q) = ½ KL(P ‖ M) + ½ KL(Q ‖ M)`, `M = (P + Q)/2`, `KL(P ‖ M) = Σ p_k log2(p_k / m_k)` with
 * `0 · log 0 = 0`. Bounded by 0 and 1. Each side is normalised by its own sum first (counts or weighted counts may
 * be passed). This is the divergence, the square of scipy's `jensenshannon(p, q, base=2)` distance.
 * @throws StatsError `shapeMismatch` for different lengths, `invalidValue` for a negative or non-finite entry,
 *   `emptySample` when a side sums to 0
 */
export function jensenShannonDivergence(p: ArrayLike<number>, q: ArrayLike<number>): number {
  if (p.length !== q.length) throw new StatsError('shapeMismatch', `distributions of ${p.length} and ${q.length} categories`);
  const sp = total(p, 'P');
  const sq = total(q, 'Q');
  let sum = 0;
  for (let k = 0; k < p.length; k++) {
    const a = p[k]! / sp;
    const b = q[k]! / sq;
    const m = (a + b) / 2;
    if (a > 0) sum += a * Math.log2(a / m);
    if (b > 0) sum += b * Math.log2(b / m);
  }
  // rounding can leave a tiny negative (identical inputs) or a value a hair above 1 (disjoint supports)
  return Math.min(1, Math.max(0, sum / 2));
}

function total(x: ArrayLike<number>, name: string): number {
  let s = 0;
  for (let k = 0; k < x.length; k++) {
    const v = x[k]!;
    if (!(v >= 0) || !Number.isFinite(v)) throw new StatsError('invalidValue', `${name}[${k}] = ${v}: probabilities must be finite and ≥ 0`);
    s += v;
  }
  if (!(s > 0)) throw new StatsError('emptySample', `${name} sums to 0: no distribution to compare`);
  return s;
}
