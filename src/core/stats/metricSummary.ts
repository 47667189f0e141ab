import type { SampleComparison } from './comparisonTypes';

/** The scalar metrics of a comparison, as the split-half bound and the bootstrap report them. */
export interface MetricSummary {
  readonly wdMean: number;
  readonly frobenius: number;
  readonly frobeniusUpper: number;
  /** |alpha(a) − alpha(b)| per scale name. */
  readonly alphaAbsDiff: Readonly<Record<string, number>>;
  /** Weighted WD mean and Frobenius distances, when weights were given. */
  readonly weighted?: { readonly wdMean: number; readonly frobenius: number; readonly frobeniusUpper: number };
}

/** The scalar metrics of one {@link SampleComparison}. */
export function metricSummary(c: SampleComparison): MetricSummary {
  const alphaAbsDiff: Record<string, number> = {};
  for (const a of c.alpha) alphaAbsDiff[a.name] = a.absDiff;
  const base = { wdMean: c.wdMean, frobenius: c.frobenius, frobeniusUpper: c.frobeniusUpper, alphaAbsDiff };
  if (!c.weighted) return base;
  return { ...base, weighted: { wdMean: c.weighted.wdMean, frobenius: c.weighted.frobenius, frobeniusUpper: c.weighted.frobeniusUpper } };
}
