import { fsum } from './fsum';
import { quantileSorted } from './quantileSorted';
import type { MetricSummary } from './metricSummary';
import { StatsError } from './StatsError';

/** Options of {@link aggregateSummaries}. */
export interface AggregateSummariesOptions {
  /** How per-replicate values combine: mean, sd (ddof 1) or a quantile (see `probability`). @default 'mean' */
  readonly statistic?: 'mean' | 'sd' | 'quantile';
  /** The probability of the quantile statistic (R `quantile(type = 7)`). @default 0.5 */
  readonly probability?: number;
}

/**
 * Combines per-split (or per-replicate) metrics into their mean (`fsum/S`, data/README.md §3.4), their standard
 * deviation (ddof 1, as `split_half.sd_over_splits_ddof1`) or a quantile (bootstrap percentiles). NaN propagates.
 * @throws StatsError `emptySample` when there is nothing to combine
 */
export function aggregateSummaries(items: readonly MetricSummary[], options: AggregateSummariesOptions = {}): MetricSummary {
  const first = items[0];
  if (!first) throw new StatsError('emptySample', 'no split to aggregate');
  const p = options.probability ?? 0.5;
  const stat =
    options.statistic === 'sd'
      ? sdOf
      : options.statistic === 'quantile'
        ? (v: number[]): number => (v.some(Number.isNaN) ? NaN : quantileSorted(v.sort((x, y) => x - y), p))
        : (v: number[]): number => fsum(v) / v.length;
  const of = (pick: (s: MetricSummary) => number): number => stat(items.map(pick));
  const alphaAbsDiff: Record<string, number> = {};
  for (const name of Object.keys(first.alphaAbsDiff)) alphaAbsDiff[name] = of((s) => s.alphaAbsDiff[name] ?? NaN);
  const wd = first.wd.map((_, j) => of((s) => s.wd[j] ?? NaN));
  const skippedPairs = Math.max(...items.map((s) => s.skippedPairs ?? 0));
  let alphaB: Record<string, number> | undefined;
  if (first.alphaB) {
    alphaB = {};
    for (const name of Object.keys(first.alphaB)) alphaB[name] = of((s) => s.alphaB?.[name] ?? NaN);
  }
  const base = { wd, wdMean: of((s) => s.wdMean), frobenius: of((s) => s.frobenius), frobeniusUpper: of((s) => s.frobeniusUpper), skippedPairs, alphaAbsDiff, ...(alphaB ? { alphaB } : {}) };
  if (!first.weighted) return base;
  return {
    ...base,
    weighted: {
      wd: first.weighted.wd.map((_, j) => of((s) => s.weighted?.wd[j] ?? NaN)),
      wdMean: of((s) => s.weighted?.wdMean ?? NaN),
      frobenius: of((s) => s.weighted?.frobenius ?? NaN),
      frobeniusUpper: of((s) => s.weighted?.frobeniusUpper ?? NaN),
    },
  };
}

function sdOf(values: number[]): number {
  if (values.length < 2) return NaN;
  const mean = fsum(values) / values.length;
  return Math.sqrt(fsum(values.map((v) => (v - mean) * (v - mean))) / (values.length - 1));
}
