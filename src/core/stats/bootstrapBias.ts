import { fsum } from './fsum';

/**
 * The bootstrap estimate of bias of a statistic (Efron & Tibshirani 1993, *An Introduction to the Bootstrap*, ch. 10):
 * the mean of its B replicates minus the estimate on the original samples, `Σθ*_b / B − θ̂` (the mean by `fsum / B`).
 * A distance between two samples is biased upward (sampling noise on both sides adds distance), and resampling adds
 * that noise once more, so a distance's replicates sit above θ̂ by about this much; its percentile interval
 * (ch. 13) then lies above θ̂. NaN when there is no replicate or one is NaN.
 */
export function bootstrapBias(replicates: ArrayLike<number>, estimate: number): number {
  const n = replicates.length;
  if (n === 0) return NaN;
  const values = Array.from(replicates);
  if (values.some(Number.isNaN)) return NaN;
  return fsum(values) / n - estimate;
}
