import type { PairwiseMoments } from './types';

/** Distribution and structure distances between two samples (one weighting). */
export interface DistanceMetrics {
  /** Per-item Wasserstein-1, in the order of the plan's items. */
  readonly wd: Float64Array;
  /** fsum(WD)/count over the items whose WD is defined (data/README.md §3.1). */
  readonly wdMean: number;
  /** Frobenius norm of R_A − R_B, full matrix. */
  readonly frobenius: number;
  /** The same over i < j only. */
  readonly frobeniusUpper: number;
  /** Item pairs left out of the Frobenius sums because a correlation was NaN (constant column). */
  readonly skippedPairs: number;
  readonly corrA: Float64Array;
  readonly corrB: Float64Array;
}

/** Cronbach's alpha of one scale in both samples. */
export interface AlphaComparison {
  readonly name: string;
  readonly a: number;
  readonly b: number;
  readonly absDiff: number;
}

/** Every metric between sample A and sample B: unweighted, plus weighted when weights were given. */
export interface SampleComparison extends DistanceMetrics {
  readonly nA: number;
  readonly nB: number;
  readonly alpha: readonly AlphaComparison[];
  /** WD and correlations with survey weights (alpha is always unweighted). */
  readonly weighted?: DistanceMetrics;
}

/** What one sample contributes to a comparison: per-code histograms and pairwise moments. */
export interface SampleParts {
  readonly n: number;
  readonly hist: Float64Array;
  /** Unweighted moments over the plan's `momentColumns`. */
  readonly moments: PairwiseMoments;
  readonly histWeighted?: Float64Array;
  /** Weighted moments over the plan's items. */
  readonly momentsWeighted?: PairwiseMoments;
}
