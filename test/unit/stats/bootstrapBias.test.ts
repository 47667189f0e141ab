// bootstrapBias (Efron & Tibshirani 1993, ch. 10): mean of the replicates − the estimate; values computed by hand.
import assert from 'node:assert/strict';
import { bootstrapBias } from '../../../src/core/stats/bootstrapBias';
import { quantileSorted } from '../../../src/core/stats/quantileSorted';

const close = (got: number, want: number, what: string): void => assert.ok(Math.abs(got - want) <= 1e-12, `${what}: ${got} vs ${want}`);

describe('stats: bootstrapBias', () => {
  it('is the mean of the replicates minus the estimate, and explains a percentile interval above the estimate', () => {
    // "WD 0.21" with four resampled distances 0.30, 0.25, 0.35, 0.40: mean 1.30 / 4 = 0.325, bias 0.325 − 0.21 = 0.115
    const replicates = [0.3, 0.25, 0.35, 0.4];
    close(bootstrapBias(replicates, 0.21), 0.115, 'bias');
    // the 95 % percentile interval (R quantile type 7) of the sorted 0.25, 0.30, 0.35, 0.40: h = 3·0.025 = 0.075 →
    // 0.25 + 0.075·0.05 = 0.25375; h = 3·0.975 = 2.925 → 0.35 + 0.925·0.05 = 0.39625: entirely above 0.21
    const sorted = [...replicates].sort((a, b) => a - b);
    close(quantileSorted(sorted, 0.025), 0.25375, 'lower');
    close(quantileSorted(sorted, 0.975), 0.39625, 'upper');
    // an unbiased statistic: replicates around the estimate, bias 0 (−0.1, 0.1 → mean 0)
    close(bootstrapBias([0.4, 0.6], 0.5), 0, 'no bias');
  });

  it('is NaN with no replicate or a NaN replicate (never a number for what was not measured)', () => {
    assert.ok(Number.isNaN(bootstrapBias([], 1)));
    assert.ok(Number.isNaN(bootstrapBias([1, NaN], 1)));
  });
});
