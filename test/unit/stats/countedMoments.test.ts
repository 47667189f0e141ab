// countedMoments (a resample as multiplicities per row) against pairwiseMoments on the same rows: with integer
// codes every moment sum is an exact integer, so the two must agree bit for bit (deepEqual, no tolerance); and the
// bootstrap built on it yields the same replicates as the row-list path it replaced.
import assert from 'node:assert/strict';
import { countedMoments, prepareCountedMoments } from '../../../src/core/stats/countedMoments';
import { compareParts } from '../../../src/core/stats/compareParts';
import { bootstrapReplicates } from '../../../src/core/stats/bootstrapReplicates';
import { encodeCodes } from '../../../src/core/stats/encodeCodes';
import { metricSummary } from '../../../src/core/stats/metricSummary';
import { planComparison } from '../../../src/core/stats/planComparison';
import { sampleParts } from '../../../src/core/stats/sampleParts';
import { createRandom, pairwiseMoments } from '../../../src/core/stats/index';
import type { ItemMatrix } from '../../../src/core/stats/types';

function randomMatrix(n: number, k: number, seed: number, missing: number, lo: number, hi: number): ItemMatrix {
  const random = createRandom(seed);
  const data = Float64Array.from({ length: n * k }, () => (random() < missing ? NaN : lo + Math.floor(random() * (hi - lo + 1))));
  return { nRows: n, nCols: k, data };
}

function draw(random: () => number, n: number): Int32Array {
  return Int32Array.from({ length: n }, () => Math.floor(random() * n));
}

function counted(rows: Int32Array, n: number): Int32Array {
  const c = new Int32Array(n);
  for (const r of rows) c[r]!++;
  return c;
}

describe('stats: countedMoments (resample as row multiplicities)', () => {
  // 1–5 codes; 0–10 codes with a column subset; −3…3 with heavy missingness; a column with every answer missing
  const cases: [string, ItemMatrix, number[]][] = [
    ['1–5 codes, 5 % missing', randomMatrix(600, 12, 1, 0.05, 1, 5), Array.from({ length: 12 }, (_, j) => j)],
    ['0–10 codes, column subset in a new order', randomMatrix(400, 9, 2, 0.1, 0, 10), [8, 2, 5, 0]],
    ['−3…3 codes, 40 % missing', randomMatrix(300, 7, 3, 0.4, -3, 3), Array.from({ length: 7 }, (_, j) => j)],
  ];
  // more rows than one 512-row block of countedGram, and a column count that is no multiple of the kernel's six
  cases.push(['1,300 rows × 17 columns (several blocks)', randomMatrix(1300, 17, 10, 0.05, 1, 5), Array.from({ length: 17 }, (_, j) => j)]);
  const allMissing = randomMatrix(200, 4, 4, 0.05, 1, 7);
  allMissing.data.fill(NaN, 2 * 200, 3 * 200);
  cases.push(['a column with no answers', allMissing, [0, 1, 2, 3]]);
  for (const [label, m, columns] of cases) {
    it(`equals pairwiseMoments on the same rows exactly: ${label}`, () => {
      const prep = prepareCountedMoments(m, columns, m.nRows);
      assert.ok(prep);
      const random = createRandom(99);
      for (let rep = 0; rep < 5; rep++) {
        const rows = draw(random, m.nRows);
        assert.deepEqual(countedMoments(prep, counted(rows, m.nRows)), pairwiseMoments(m, { rows, columns }));
      }
    });
  }

  it('the plain path (no WebAssembly SIMD) gives the same numbers as the SIMD Gram', () => {
    const m = randomMatrix(700, 13, 12, 0.06, 1, 5);
    const columns = Array.from({ length: 13 }, (_, j) => j);
    const prep = prepareCountedMoments(m, columns, m.nRows);
    assert.ok(prep?.gram, 'the SIMD layout is prepared where WebAssembly SIMD exists');
    const random = createRandom(5);
    for (let rep = 0; rep < 3; rep++) {
      const c = counted(draw(random, m.nRows), m.nRows);
      assert.deepEqual(countedMoments({ ...prep, gram: undefined }, c), countedMoments(prep, c));
    }
  });

  it('with a fixed integer shift (a split half counted 0/1) equals pairwiseMoments with that shift exactly', () => {
    const m = randomMatrix(500, 8, 8, 0.07, 1, 7);
    const columns = Array.from({ length: 8 }, (_, j) => j);
    const prep = prepareCountedMoments(m, columns, m.nRows);
    assert.ok(prep);
    const shift = Float64Array.from([4, 3, 5, 1, 4, 4, 7, 2]);
    const rows = Int32Array.from({ length: 250 }, (_, t) => 2 * t + (t % 3 === 0 ? 1 : 0));
    assert.deepEqual(countedMoments(prep, counted(rows, m.nRows), shift), pairwiseMoments(m, { rows, columns, shift }));
  });

  it('declines non-integer codes (the caller keeps the row-list path)', () => {
    const m = randomMatrix(50, 3, 5, 0, 1, 5);
    m.data[7] = 2.5;
    assert.equal(prepareCountedMoments(m, [0, 1, 2], 50), undefined);
  });

  it('bootstrapReplicates yields the same replicates as resampling row lists with pairwiseMoments', () => {
    const a = randomMatrix(500, 10, 6, 0.05, 1, 5);
    const b = randomMatrix(450, 10, 7, 0.08, 1, 5);
    const scales = [{ name: 's', items: [0, 2, 4, 6], reverse: [2] }];
    const options = { scales, replicates: 20, seed: 17 };
    const got = [...bootstrapReplicates(a, b, options)];
    // the previous implementation: the same seeded draws, moments over the row lists
    const plan = planComparison(a.nCols, options);
    const codes = encodeCodes([a, b], { columns: plan.items });
    const random = createRandom(17);
    const want = Array.from({ length: 20 }, () => {
      const pa = sampleParts(a, plan, codes, 0, { rows: draw(random, a.nRows) });
      const pb = sampleParts(b, plan, codes, 1, { rows: draw(random, b.nRows) });
      return metricSummary(compareParts(plan, codes, pa, pb));
    });
    assert.deepEqual(got, want);
  });
});
