// The exact integer Gram kernel: the WebAssembly SIMD path and the JavaScript path both equal a naive double loop
// (all sums are integers below 2^53, so equality is exact, not approximate).
import assert from 'node:assert/strict';
import { packedGram } from '../../../src/core/stats/packedGram';
import { simdDot4 } from '../../../src/core/stats/simdDot4';
import { createRandom, pairwiseMoments } from '../../../src/core/stats/index';

function naiveGram(X: Float64Array, k: number, n: number): Float64Array {
  const g = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) for (let r = 0; r < n; r++) g[i * k + j]! += X[i * n + r]! * X[j * n + r]!;
  return g;
}

describe('stats: packedGram (three integer columns per float64)', () => {
  it('the WebAssembly SIMD kernel is available on Node 20', () => {
    assert.ok(simdDot4());
  });

  // [50, 3000, 10], [4, 40001, 3] need two columns per float (maxAbs²·n ≥ 2^17); the last two span several
  // 65,536-row blocks of the SIMD path (an odd last block, and an exact multiple)
  for (const [k, n, maxAbs] of [[1, 1, 2], [2, 7, 3], [5, 33, 2], [13, 101, 5], [50, 1000, 2], [7, 2600, 5], [9, 6001, 5], [50, 3000, 10], [4, 40001, 3], [5, 150001, 1], [4, 131072, 1]] as const) {
    it(`SIMD and JS paths equal the naive Gram exactly for ${k} columns × ${n} rows, |x| ≤ ${maxAbs}`, () => {
      const random = createRandom(k * 1000 + n);
      const X = Float64Array.from({ length: k * n }, () => Math.floor(random() * (2 * maxAbs + 1)) - maxAbs);
      const want = naiveGram(X, k, n);
      for (const simd of [true, false]) {
        const got = new Float64Array(k * k);
        assert.equal(packedGram(X, k, n, maxAbs, got, { simd }), true);
        assert.deepEqual(got, want, simd ? 'simd' : 'js');
      }
    });
  }

  it('declines (returns false) when the sums could exceed the two-slot bound', () => {
    // 60² · 20000 = 7.2e7 ≥ 2^25
    const X = new Float64Array(3 * 20000).fill(60);
    assert.equal(packedGram(X, 3, 20000, 60, new Float64Array(9)), false);
  });
});

describe('stats: pairwiseMoments range tracking', () => {
  it('a column whose largest code comes first still gets exact sums (the packing bound sees the true range)', () => {
    // code 40 then 99 × code 1, shift 1: Σx² = 39² = 1521, beyond what packing with a mis-tracked range could hold
    const col = Float64Array.from({ length: 100 }, (_, r) => (r === 0 ? 40 : 1));
    const m = pairwiseMoments({ nRows: 100, nCols: 2, data: Float64Array.from([...col, ...col]) }, { shift: Float64Array.from([1, 1]) });
    assert.deepEqual(Array.from(m.sxy), [1521, 1521, 1521, 1521]);
    assert.deepEqual(Array.from(m.sx), [39, 39, 39, 39]);
  });
});
