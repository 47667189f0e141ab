import { fsum } from './fsum';
import { StatsError } from './StatsError';

/** OpinionQA representativeness per question and averaged. */
export interface Representativeness {
  /** 1 − WD_q/(K_q − 1) per question, in [0, 1] for codes 1..K. */
  readonly perItem: Float64Array;
  /** Mean over the questions with a defined value (fsum / count). */
  readonly mean: number;
}

/**
 * OpinionQA representativeness (Santurkar et al. 2023; seeds-methods §3.1): `A = (1/|Q|) Σ_q [1 − WD_q/(N_q − 1)]`,
 * the WD of each question normalised by its largest possible value (point masses at codes 1 and N). Reported on its
 * own scale, never mixed with raw WD (seeds-methods §4 item 10).
 * @param wd per-question Wasserstein-1 on codes 1..N_q
 * @param optionCounts N_q, the number of answer options of each question (≥ 2)
 * @throws StatsError `shapeMismatch` / `invalidOption`
 */
export function representativeness(wd: ArrayLike<number>, optionCounts: ArrayLike<number>): Representativeness {
  if (wd.length !== optionCounts.length) throw new StatsError('shapeMismatch', `${wd.length} WD values for ${optionCounts.length} option counts`);
  const perItem = new Float64Array(wd.length);
  for (let q = 0; q < wd.length; q++) {
    const k = optionCounts[q]!;
    if (!Number.isInteger(k) || k < 2) throw new StatsError('invalidOption', `question ${q}: ${k} options, at least 2 needed`);
    perItem[q] = 1 - wd[q]! / (k - 1);
  }
  const defined = perItem.filter((v) => !Number.isNaN(v));
  return { perItem, mean: defined.length > 0 ? fsum(defined) / defined.length : NaN };
}
