import { StatsError } from './StatsError';
import type { PairwiseMoments } from './types';

/**
 * Moments of a complement row set: `total − Σ parts`, entry by entry. Valid because every moment sum is additive over
 * disjoint rows; all inputs must share the same columns and `shift`. Half b of a split-half is `all − a − rest`,
 * which halves the cost of the split-half bound. Exact for integer codes without weights.
 * @throws StatsError `shapeMismatch` when the moments do not share columns and shifts
 */
export function subtractMoments(total: PairwiseMoments, ...parts: PairwiseMoments[]): PairwiseMoments {
  const out = {
    k: total.k,
    shift: total.shift,
    count: Float64Array.from(total.count),
    n: Float64Array.from(total.n),
    sx: Float64Array.from(total.sx),
    sxx: Float64Array.from(total.sxx),
    sxy: Float64Array.from(total.sxy),
  };
  for (const p of parts) {
    if (p.k !== total.k || p.shift.some((s, i) => s !== total.shift[i])) {
      throw new StatsError('shapeMismatch', 'subtractMoments: moments differ in columns or shift');
    }
    for (let i = 0; i < out.count.length; i++) {
      out.count[i]! -= p.count[i]!;
      out.n[i]! -= p.n[i]!;
      out.sx[i]! -= p.sx[i]!;
      out.sxx[i]! -= p.sxx[i]!;
      out.sxy[i]! -= p.sxy[i]!;
    }
  }
  return out;
}
