import type { ItemMatrix } from '../../stats/types';

/**
 * Per question, the (weighted) share of each declared code among the non-missing answers, in `codes` order;
 * NaN shares when a question has no answer. Answers that are not a declared code are not counted (the spec
 * checks report them before a run). Also returns the (weighted) count of valid answers per question.
 */
export function codeShares(matrix: ItemMatrix, codes: readonly (readonly number[])[], weights?: ArrayLike<number>, rows?: ArrayLike<number>): { shares: Float64Array[]; totals: Float64Array } {
  const n = matrix.nRows;
  const totals = new Float64Array(codes.length);
  const shares = codes.map((cs, q) => {
    const index = new Map<number, number>();
    cs.forEach((c, i) => index.set(c, i));
    const out = new Float64Array(cs.length);
    const base = q * n;
    const count = rows ? rows.length : n;
    let total = 0;
    for (let t = 0; t < count; t++) {
      const r = rows ? rows[t]! : t;
      const v = matrix.data[base + r]!;
      if (v !== v) continue;
      const i = index.get(v);
      if (i === undefined) continue;
      const w = weights ? weights[r]! : 1;
      out[i]! += w;
      total += w;
    }
    totals[q] = total;
    for (let i = 0; i < out.length; i++) out[i] = total > 0 ? out[i]! / total : NaN;
    return out;
  });
  return { shares, totals };
}
