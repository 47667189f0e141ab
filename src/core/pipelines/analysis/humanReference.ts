import { correlationFromMoments } from '../../stats/correlationFromMoments';
import { cronbachAlpha } from '../../stats/cronbachAlpha';
import { pairwiseMoments } from '../../stats/pairwiseMoments';
import { seededSplitHalves } from '../../stats/seededSplitHalves';
import { sha256SplitHalves } from '../../stats/sha256SplitHalves';
import { splitHalfBounds } from '../../stats/splitHalfBounds';
import { signedDrift } from '../../stats/signedDrift';
import type { ItemMatrix } from '../../stats/types';
import type { HumanReference } from './analysisReport';
import { matrixRows, num, type AnalysisContext } from './analysisContext';

/** The split-half settings of one analysis (the spec's `metrics.bounds`, or CLI overrides). */
export interface BoundsSettings {
  readonly splits: number;
  readonly rule: 'sha256' | 'seeded';
  readonly seed: number;
}

/**
 * The human side of an analysis: full-sample alpha per scale (unweighted, psych raw_alpha), (weighted) shares,
 * means and correlations, and the split-half lower bound with the spec's split count and rule (data/README.md
 * §3.4; seeds-methods §1.8 (4)). With survey weights the bound's WD and Frobenius are the weighted ones and the
 * unweighted ones are kept under `unweighted`.
 */
export function humanReference(ctx: AnalysisContext, bounds: BoundsSettings): HumanReference {
  const { human, survey } = ctx;
  const m = human.matrix;
  const weighted = human.weights !== undefined;
  const alpha: Record<string, number | null> = {};
  for (const s of ctx.scales) {
    alpha[s.name] = num(ctx, `human.alpha.${s.name}`, cronbachAlpha(m, { items: s.items, reverse: s.reverse }), 'alpha is undefined: an item has no variance or the items have too few answers in common');
  }
  const distributions: Record<string, number[]> = {};
  const means: Record<string, number | null> = {};
  // the weighted mean per question: signedDrift against an all-missing sample would be NaN, so compute directly
  const zero = { nRows: 1, nCols: m.nCols, data: new Float64Array(m.nCols) };
  const negMeans = signedDrift(zero, m, human.weights ? { weightsHuman: human.weights } : {});
  survey.questions.forEach((q, j) => {
    distributions[q.id] = Array.from(ctx.humanShares[j]!);
    means[q.id] = num(ctx, `human.means.${q.id}`, -negMeans[j]!, 'no human answered this question');
  });
  return {
    n: m.nRows,
    weighted,
    alpha,
    distributions,
    means,
    correlation: { ids: ctx.questionIds, matrix: matrixRows(ctx.humanCorrelation, m.nCols) },
    bounds: humanBounds(ctx, bounds),
    ...(human.undeclared && Object.keys(human.undeclared).length > 0 ? { undeclared_codes: human.undeclared } : {}),
  };
}

function humanBounds(ctx: AnalysisContext, settings: BoundsSettings): HumanReference['bounds'] {
  const { human } = ctx;
  const n = human.matrix.nRows;
  const base = { splits: settings.splits, rule: settings.rule, ...(settings.rule === 'seeded' ? { seed: settings.seed } : {}) };
  if (n < 4) {
    const why = `the human data has ${n} rows; split halves need at least 4`;
    ctx.reasons['human.bounds'] = why;
    return { ...base, wd_mean: null, wd: {}, frobenius: null, alpha_abs_diff: {} };
  }
  const splits = settings.rule === 'sha256' ? sha256SplitHalves(n, { splits: settings.splits }) : seededSplitHalves(n, { splits: settings.splits, seed: settings.seed });
  ctx.signal?.throwIfAborted();
  const result = splitHalfBounds(human.matrix, splits, { scales: ctx.scales, ...(human.weights ? { weights: human.weights } : {}) });
  const mean = result.mean;
  const main = mean.weighted ?? mean;
  const wd: Record<string, number | null> = {};
  ctx.questionIds.forEach((id, j) => (wd[id] = num(ctx, `human.bounds.wd.${id}`, main.wd[j]!, 'a half had no answer to this question')));
  const alphaAbsDiff: Record<string, number | null> = {};
  for (const s of ctx.scales) alphaAbsDiff[s.name] = num(ctx, `human.bounds.alpha_abs_diff.${s.name}`, mean.alphaAbsDiff[s.name]!, 'alpha is undefined in some split half');
  return {
    ...base,
    wd_mean: num(ctx, 'human.bounds.wd_mean', main.wdMean, 'no question has answers in both halves'),
    wd,
    frobenius: num(ctx, 'human.bounds.frobenius', main.frobenius, 'correlations are undefined in the halves'),
    alpha_abs_diff: alphaAbsDiff,
    ...(mean.weighted ? { unweighted: { wd_mean: num(ctx, 'human.bounds.unweighted.wd_mean', mean.wdMean, 'undefined'), frobenius: num(ctx, 'human.bounds.unweighted.frobenius', mean.frobenius, 'undefined') } } : {}),
  };
}

/** The human correlation matrix the analysis compares against (weighted when the survey has weights). */
export function humanCorrelation(m: ItemMatrix, weights: Float64Array | undefined): Float64Array {
  return correlationFromMoments(pairwiseMoments(m, weights ? { weights } : {}));
}
