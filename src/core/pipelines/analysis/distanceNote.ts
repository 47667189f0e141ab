import type { AnalysisContext } from './analysisContext';

/**
 * Says so under `<method>.intervals_note` when a distance's estimate lies below its percentile interval, which
 * otherwise reads as a contradiction ("WD 0.21 [0.23, 0.27]"); the report's `intervals.bias` gives the size.
 *
 * Why the interval stays the percentile interval (Efron & Tibshirani 1993, ch. 13) rather than another: a distance
 * between two samples is biased upward by both samples' noise, often by many standard errors, and resampling adds
 * the noise again, so the replicates sit above the estimate. The bias-corrected percentile interval (BC, ch. 14:
 * z₀ = Φ⁻¹(#{θ*_b < θ̂}/B)) is then undefined when no replicate falls below θ̂ (z₀ = −∞), and the basic interval
 * (2θ̂ − upper, 2θ̂ − lower; Davison & Hinkley 1997, §5.2) reflects the noise without removing it and can go below 0.
 * Measured by simulation (`bench/intervalCoverage.ts`: 20 questions, 500 rows a side from 100,000-row populations,
 * 100 samples, 200 resamples), coverage of the population distance by nominal 95 % intervals (WD mean / Frobenius):
 * populations apart, percentile 0 % / 0 %, basic 69 % / 0 %, BC 2 % / undefined in every sample; one population for
 * both sides, percentile 0 % / 0 %, basic 3 % / 0 %, BC undefined in 84 % / 100 % of the samples (no replicate
 * below θ̂) and 0 % where defined. No choice among the three makes a valid interval for the population distance;
 * the percentile interval at least describes exactly what it measures: how far apart samples of these sizes are. The bound to compare with is the human
 * split-half distance, which carries the same kind of noise.
 */
export function distanceNote(ctx: AnalysisContext, p: string, values: Record<string, readonly [number, number]>, bias: Record<string, number | null>): void {
  const below = Object.entries(values).filter(([, [estimate, lower]]) => Number.isFinite(estimate) && Number.isFinite(lower) && estimate < lower).map(([name]) => name);
  if (below.length === 0) return;
  const shown = below.map((name) => `${name} ${bias[name] === null || bias[name] === undefined ? '' : `+${bias[name].toPrecision(2)}`}`.trim()).join(', ');
  ctx.reasons[`${p}.intervals_note`] =
    `the estimate lies below its percentile interval (${below.join(', ')}): resampling adds sampling noise to both samples, which makes a distance larger, so the resampled distances sit above the estimate (bootstrap bias ${shown}); the interval shows the spread of the distance between samples of these sizes, not a range for the distance between the populations`;
}
