// Small literal cases. Expected values computed with Python 3.11 math.fsum, scipy 1.17.1
// scipy.stats.wasserstein_distance and numpy 2.4.6 corrcoef/cov (the calls are quoted next to each value).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  StatsError, compareSamples, correlationFromMoments, cronbachAlpha, frobeniusDistance, fsum, meanExact, pairwiseMoments,
  representativeness, sha256Words, signedDrift, wasserstein1d, type ItemMatrix,
} from '../../../src/core/stats/index';
import { close } from './referenceData';

const matrix = (cols: number[][]): ItemMatrix => Object.freeze({ nRows: cols[0]!.length, nCols: cols.length, data: Float64Array.from(cols.flat()) });

describe('stats: fsum (Python math.fsum)', () => {
  it('is correctly rounded where naive summation is not', () => {
    assert.equal(fsum(Object.freeze(new Array<number>(10).fill(0.1))), 1.0); // math.fsum([0.1]*10) == 1.0; sum() gives 0.9999999999999999
    assert.equal(fsum([1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50]), 1e-100); // math.fsum(...) == 1e-100
    assert.equal(fsum([1.0, 1e-16, 1e-16]), 1.0000000000000002); // math.fsum: half-way rounding correction
    assert.equal(fsum([]), 0);
    assert.ok(Number.isNaN(fsum([1, NaN])));
  });
  it('meanExact throws a typed error on an empty list', () => {
    assert.throws(() => meanExact([]), (e: unknown) => StatsError.is(e, 'emptySample'));
  });
});

describe('stats: wasserstein1d (scipy.stats.wasserstein_distance)', () => {
  it('matches scipy on unweighted, weighted and non-integer samples', () => {
    close(wasserstein1d([0, 1, 3], [5, 6, 8]), 5.0, 'w([0,1,3],[5,6,8])');
    close(wasserstein1d([0, 1], [0, 1], { uWeights: [3, 1], vWeights: [2, 2] }), 0.25, 'w([0,1],[0,1],[3,1],[2,2])');
    close(
      wasserstein1d([3.4, 3.9, 7.5, 7.8], [4.5, 1.4], { uWeights: [1.4, 0.9, 3.1, 7.2], vWeights: [3.2, 3.5] }),
      4.078133143804786,
      'scipy docstring example',
    );
    close(wasserstein1d([1, 2, 2, 5, 11], [1, 1, 3, 3, 3, 4]), 2.233333333333333, 'w([1,2,2,5,11],[1,1,3,3,3,4])');
  });
  it('compareSamples gives the same per-item WD (dense integer and sorted-support paths, weighted and not)', () => {
    const one = (v: number[]): ItemMatrix => matrix([v]);
    // scipy: w([3.4,3.9,7.5,7.8],[4.5,1.4]) = 2.7; with weights [1.4,0.9,3.1,7.2],[3.2,3.5] = 4.078133143804786
    const c1 = compareSamples(one([3.4, 3.9, 7.5, 7.8]), one([4.5, 1.4]), { weightsA: [1.4, 0.9, 3.1, 7.2], weightsB: [3.2, 3.5] });
    close(c1.wd[0]!, 2.7, 'unweighted, non-integer codes');
    close(c1.weighted!.wd[0]!, 4.078133143804786, 'weighted, non-integer codes');
    // scipy: w([1,2,2,5,11],[1,1,3,3,3,4],[1,2,1,1,3],[2,1,1,1,1,5]) = 3.1704545454545454
    const c2 = compareSamples(one([1, 2, 2, 5, 11]), one([1, 1, 3, 3, 3, 4]), { weightsA: [1, 2, 1, 1, 3], weightsB: [2, 1, 1, 1, 1, 5] });
    close(c2.wd[0]!, 2.233333333333333, 'unweighted, integer codes');
    close(c2.weighted!.wd[0]!, 3.1704545454545454, 'weighted, integer codes');
  });
  it('drops NaN answers with their weights and throws on an empty side', () => {
    close(wasserstein1d([0, NaN, 1], [0, 1], { uWeights: [3, 100, 1], vWeights: [2, 2] }), 0.25, 'NaN dropped with its weight');
    assert.throws(() => wasserstein1d([NaN], [1]), (e: unknown) => StatsError.is(e, 'emptySample'));
  });
});

describe('stats: correlation, Frobenius and alpha on a literal 6 × 3 table', () => {
  const x = matrix([
    [1, 2, 3, 4, 5, 2],
    [2, 2, 4, 4, 5, 1],
    [5, 4, 3, 1, 1, 2],
  ]);
  it('pairwise correlation equals numpy.corrcoef', () => {
    const r = correlationFromMoments(pairwiseMoments(x));
    close(r[1]!, 0.8770580193070292, 'r01');
    close(r[2]!, -0.8597853041491051, 'r02');
    close(r[5]!, -0.5533985905294664, 'r12');
  });
  it('alpha equals (1 − tr(C)/sum(C))·k/(k−1) with numpy.cov', () => {
    close(cronbachAlpha(x), -1.0232558139534882, 'alpha');
  });
  it('reverse-keying equals recoding (min + max) − x by hand', () => {
    const recoded = matrix([
      [1, 2, 3, 4, 5, 2],
      [2, 2, 4, 4, 5, 1],
      [5, 4, 3, 1, 1, 2].map((v) => 6 - v),
    ]);
    close(cronbachAlpha(x, { reverse: [2] }), cronbachAlpha(recoded), 'reverse-keyed alpha');
  });
  it('a constant column gives NaN correlations, skipped and counted by frobeniusDistance', () => {
    const withConstant = matrix([
      [1, 2, 3, 4, 5, 2],
      [3, 3, 3, 3, 3, 3],
      [5, 4, 3, 1, 1, 2],
    ]);
    const ra = correlationFromMoments(pairwiseMoments(x));
    const rb = correlationFromMoments(pairwiseMoments(withConstant));
    assert.ok(Number.isNaN(rb[1]!));
    const f = frobeniusDistance(ra, rb, 3);
    assert.equal(f.skippedPairs, 2);
    close(f.upper, Math.abs(ra[2]! - rb[2]!), 'only the (0,2) pair counts');
    close(f.full, Math.SQRT2 * f.upper, 'full = √2 · upper');
    const c = compareSamples(x, withConstant);
    assert.equal(c.skippedPairs, 2);
  });
  it('rejects infinite codes with a typed error, in item and in scale-only columns', () => {
    const bad = matrix([
      [1, 2, Infinity, 4, 5, 2],
      [2, 2, 4, 4, 5, 1],
      [5, 4, 3, 1, 1, 2],
    ]);
    assert.throws(() => compareSamples(bad, x), (e: unknown) => StatsError.is(e, 'invalidValue'));
    assert.throws(() => compareSamples(x, bad, { items: [1, 2], scales: [{ name: 's', items: [0, 1], reverse: [] }] }), (e: unknown) => StatsError.is(e, 'invalidValue'));
    assert.throws(() => cronbachAlpha(bad), (e: unknown) => StatsError.is(e, 'invalidValue'));
  });
});

describe('stats: signed drift and OpinionQA representativeness', () => {
  it('drift = weighted mean of simulated codes − weighted mean of human codes, NaN dropped', () => {
    const sim = matrix([[1, 2, 3, NaN]]);
    const human = matrix([[1, 1, 4]]);
    const d = signedDrift(sim, human, { weightsHuman: [1, 1, 2] });
    close(d[0]!, 2 - (1 + 1 + 8) / 4, 'drift'); // hand computation: 2 − 2.5
  });
  it('representativeness = 1 − WD/(K − 1), averaged with fsum', () => {
    const r = representativeness([0.5, 3, 0], [5, 4, 2]);
    assert.deepEqual(Array.from(r.perItem), [0.875, 0, 1]);
    close(r.mean, 1.875 / 3, 'mean');
    assert.throws(() => representativeness([0.1], [1]), (e: unknown) => StatsError.is(e, 'invalidOption'));
  });
});

describe('stats: sha256Words', () => {
  it('equals node:crypto SHA-256 for split keys (data/README.md §3.4: key(0,0) = ac72368a…0a407e52)', () => {
    const hex = (w: Uint32Array): string => Array.from(w, (v) => v.toString(16).padStart(8, '0')).join('');
    assert.equal(hex(sha256Words('0:0')), 'ac72368a586a18c19088393573ce03074b8e8a4d8c21add8729af1890a407e52');
    for (const s of ['', '7:123', '99:2799', 'x'.repeat(55)]) assert.equal(hex(sha256Words(s)), createHash('sha256').update(s).digest('hex'), s);
  });
});
