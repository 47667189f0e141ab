import type { ComparisonPlan } from './planComparison';
import type { DistanceMetrics, SampleComparison, SampleParts } from './comparisonTypes';
import type { EncodedCodes } from './encodeCodes';
import type { PairwiseMoments } from './types';
import { correlationFromMoments } from './correlationFromMoments';
import { covarianceFromMoments } from './covarianceFromMoments';
import { cronbachAlphaFromCovariance } from './cronbachAlphaFromCovariance';
import { frobeniusDistance } from './frobeniusDistance';
import { fsum } from './fsum';
import { wassersteinFromHistograms } from './wassersteinFromHistograms';

/**
 * All metrics between two samples from their histograms and moments (data/README.md §3.1–3.3): per-item WD and its
 * fsum mean, pairwise correlation matrices and their Frobenius distance, and each scale's raw alpha with |Δalpha|.
 */
export function compareParts(plan: ComparisonPlan, codes: EncodedCodes, a: SampleParts, b: SampleParts): SampleComparison {
  const k = plan.items.length;
  const unweighted = distances(codes, a.hist, b.hist, a.moments, b.moments, k);
  const covA = covarianceFromMoments(a.moments);
  const covB = covarianceFromMoments(b.moments);
  const km = plan.momentColumns.length;
  const alpha = plan.scales.map((s, i) => {
    const pos = plan.scalePositions[i]!;
    const va = cronbachAlphaFromCovariance(covA, km, pos);
    const vb = cronbachAlphaFromCovariance(covB, km, pos);
    return { name: s.name, a: va, b: vb, absDiff: Math.abs(va - vb) };
  });
  const weighted =
    a.histWeighted && b.histWeighted && a.momentsWeighted && b.momentsWeighted
      ? distances(codes, a.histWeighted, b.histWeighted, a.momentsWeighted, b.momentsWeighted, k)
      : undefined;
  return { nA: a.n, nB: b.n, ...unweighted, alpha, ...(weighted ? { weighted } : {}) };
}

function distances(codes: EncodedCodes, histA: Float64Array, histB: Float64Array, ma: PairwiseMoments, mb: PairwiseMoments, k: number): DistanceMetrics {
  const wd = wassersteinFromHistograms(codes, histA, histB);
  const defined = wd.filter((v) => !Number.isNaN(v));
  const wdMean = defined.length > 0 ? fsum(defined) / defined.length : NaN;
  const corrA = subMatrix(correlationFromMoments(ma), ma.k, k);
  const corrB = subMatrix(correlationFromMoments(mb), mb.k, k);
  const f = frobeniusDistance(corrA, corrB, k);
  return { wd, wdMean, frobenius: f.full, frobeniusUpper: f.upper, skippedPairs: f.skippedPairs, corrA, corrB };
}

/** The leading k×k block of a K×K matrix (the items come first in the plan's moment columns). */
function subMatrix(m: Float64Array, K: number, k: number): Float64Array {
  if (K === k) return m;
  const out = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) out[i * k + j] = m[i * K + j]!;
  return out;
}
