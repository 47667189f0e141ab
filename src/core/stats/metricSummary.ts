import type { SampleComparison } from './comparisonTypes';

/** The scalar metrics of a comparison, as the split-half bound and the bootstrap report them. */
export interface MetricSummary {
  /** Per-item WD, in the order of the compared items. */
  readonly wd: readonly number[];
  readonly wdMean: number;
  readonly frobenius: number;
  readonly frobeniusUpper: number;
  /** Item pairs left out of the Frobenius distance (unweighted; see `DistanceMetrics.skippedPairs`); the largest over the replicates after {@link aggregateSummaries}. */
  readonly skippedPairs?: number;
  /** |alpha(a) − alpha(b)| per scale name. */
  readonly alphaAbsDiff: Readonly<Record<string, number>>;
  /** alpha of sample B per scale name (the simulated side in an analysis; its bootstrap interval is reported). */
  readonly alphaB?: Readonly<Record<string, number>>;
  /** Weighted WD mean and Frobenius distances, when weights were given. */
  readonly weighted?: { readonly wd: readonly number[]; readonly wdMean: number; readonly frobenius: number; readonly frobeniusUpper: number };
}

/** The scalar metrics of one {@link SampleComparison}. */
export function metricSummary(c: SampleComparison): MetricSummary {
  const alphaAbsDiff: Record<string, number> = {};
  const alphaB: Record<string, number> = {};
  for (const a of c.alpha) {
    alphaAbsDiff[a.name] = a.absDiff;
    alphaB[a.name] = a.b;
  }
  const base = { wd: Array.from(c.wd), wdMean: c.wdMean, frobenius: c.frobenius, frobeniusUpper: c.frobeniusUpper, skippedPairs: c.skippedPairs, alphaAbsDiff, alphaB };
  if (!c.weighted) return base;
  const w = c.weighted;
  return { ...base, weighted: { wd: Array.from(w.wd), wdMean: w.wdMean, frobenius: w.frobenius, frobeniusUpper: w.frobeniusUpper } };
}
