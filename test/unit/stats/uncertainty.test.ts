// Bootstrap intervals and subgroup breakdowns on real data. Expected subgroup values: test/fixtures/data/ces11/
// expected.json → cross_group (numpy/scipy and R cov.wt, data/README.md §3.5), tolerance 1e-9.
import assert from 'node:assert/strict';
import { bootstrapComparison, StatsError, subgroupComparisons } from '../../../src/core/stats/index';
import { close, loadReference, rowsWhere, takeRows } from './referenceData';

describe('stats: subgroupComparisons', () => {
  it('comparing ces11 Female vs Male inside each of "all" reproduces the cross-group values, weighted too', () => {
    const { matrix, table, weights, scales, expected } = loadReference('ces11');
    const cg = expected.cross_group.find((c) => c.name === 'gender_female_vs_male')!;
    const female = rowsWhere(table, 'gender', 'Female');
    const male = rowsWhere(table, 'gender', 'Male');
    // one demographic column "province" on both sides: only provinces present in both are compared
    const province = table.text.get('province')!;
    const groupsA = Array.from(female, () => 'all');
    const groupsB = Array.from(male, () => 'all');
    const res = subgroupComparisons(takeRows(matrix, female), takeRows(matrix, male), groupsA, groupsB, {
      scales,
      weightsA: Float64Array.from(female, (r) => weights![r]!),
      weightsB: Float64Array.from(male, (r) => weights![r]!),
    });
    assert.equal(res.length, 1);
    const c = res[0]!.comparison;
    close(c.wdMean, cg.metrics.wd_mean, 'wd_mean');
    close(c.frobenius, cg.metrics.frobenius, 'frobenius');
    close(c.weighted!.wdMean, cg.metrics.wd_mean_weighted!, 'wd_mean_weighted');
    close(c.alpha[0]!.a, cg.metrics.alpha['both_raw']!.a, 'alpha a');
    const byProvince = subgroupComparisons(takeRows(matrix, female), takeRows(matrix, male), Array.from(female, (r) => province[r]!), Array.from(male, (r) => province[r]!), { minRows: 20 });
    assert.ok(byProvince.length >= 5);
    assert.deepEqual(byProvince.map((g) => g.group), [...byProvince.map((g) => g.group)].sort());
    assert.throws(() => subgroupComparisons(matrix, matrix, ['x'], ['y']), (e: unknown) => StatsError.is(e, 'shapeMismatch'));
  });
});

describe('stats: bootstrapComparison', () => {
  it('is reproducible for a seed, orders its bounds, and has a positive bounded standard error', () => {
    const { matrix, table, scales } = loadReference('beps');
    const a = takeRows(matrix, rowsWhere(table, 'gender', 'female'));
    const b = takeRows(matrix, rowsWhere(table, 'gender', 'male'));
    const r1 = bootstrapComparison(a, b, { scales, replicates: 200, seed: 11 });
    const r2 = bootstrapComparison(a, b, { scales, replicates: 200, seed: 11 });
    assert.deepEqual(r1, r2);
    const r3 = bootstrapComparison(a, b, { scales, replicates: 200, seed: 12 });
    assert.notDeepEqual(r1.lower, r3.lower);
    // data/beps/expected.json cross_group gender_female_vs_male: wd_mean 0.19683632508959478
    close(r1.estimate.wdMean, 0.19683632508959478, 'estimate = full-sample value');
    assert.ok(r1.lower.wdMean < r1.estimate.wdMean + 0.05 && r1.upper.wdMean > r1.lower.wdMean);
    assert.ok(r1.se.frobenius > 0 && r1.se.frobenius < 0.5);
    for (const s of Object.keys(r1.estimate.alphaAbsDiff)) assert.ok(r1.lower.alphaAbsDiff[s]! <= r1.upper.alphaAbsDiff[s]!);
    assert.throws(() => bootstrapComparison(a, b, { replicates: 1 }), (e: unknown) => StatsError.is(e, 'invalidOption'));
  });
});
