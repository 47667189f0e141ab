// The exact assignment solver: optimality proven against brute force on small cases, scipy
// linear_sum_assignment results on literal matrices (scipy 1.17.1, calls quoted), and a fast-check property that
// no random permutation beats it.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { linearSumAssignment } from '../../../src/core/matching/index';
import { createRandom, StatsError } from '../../../src/core/stats/index';

/** Exhaustive minimum over all injective maps rows → columns (n ≤ m). */
function bruteForce(cost: Float64Array, n: number, m: number, maximize = false): number {
  let best = maximize ? -Infinity : Infinity;
  const used = new Uint8Array(m);
  const rec = (i: number, s: number): void => {
    if (i === n) {
      best = maximize ? Math.max(best, s) : Math.min(best, s);
      return;
    }
    for (let j = 0; j < m; j++) {
      if (used[j]) continue;
      used[j] = 1;
      rec(i + 1, s + cost[i * m + j]!);
      used[j] = 0;
    }
  };
  rec(0, 0);
  return best;
}

function isInjective(cols: Int32Array, nCols: number): boolean {
  const seen = new Set<number>();
  for (const c of cols) {
    if (c < 0) continue;
    if (c >= nCols || seen.has(c)) return false;
    seen.add(c);
  }
  return true;
}

describe('matching: linearSumAssignment', () => {
  it('matches scipy.optimize.linear_sum_assignment on literal matrices', () => {
    // C = [[4,1,3],[2,0,5],[3,2,2]]; linear_sum_assignment(C) → cols [1, 0, 2], cost 5
    const a = linearSumAssignment(Float64Array.from([4, 1, 3, 2, 0, 5, 3, 2, 2]), 3, 3);
    assert.deepEqual(Array.from(a.colForRow), [1, 0, 2]);
    assert.equal(a.total, 5);
    // C = [[.3,.9,.1,.5],[.8,.2,.6,.4],[.5,.7,.3,.9]]; linear_sum_assignment(C, maximize=True) → [1, 0, 3], 2.6
    const b = linearSumAssignment(Float64Array.from([0.3, 0.9, 0.1, 0.5, 0.8, 0.2, 0.6, 0.4, 0.5, 0.7, 0.3, 0.9]), 3, 4, { maximize: true });
    assert.deepEqual(Array.from(b.colForRow), [1, 0, 3]);
    assert.ok(Math.abs(b.total - 2.6) < 1e-12);
  });

  it('is optimal against brute force on 2,000 random small problems (square, wide, tall, ties, both senses)', () => {
    const random = createRandom(2024);
    for (let t = 0; t < 2000; t++) {
      const n = 1 + Math.floor(random() * 6);
      const m = 1 + Math.floor(random() * 7);
      const ties = t % 3 === 0;
      const cost = Float64Array.from({ length: n * m }, () => (ties ? Math.floor(random() * 4) : random() * 10 - 5));
      const maximize = t % 2 === 1;
      const r = linearSumAssignment(cost, n, m, { maximize });
      assert.ok(isInjective(r.colForRow, m), `case ${t}: columns reused`);
      assert.equal(r.colForRow.filter((c) => c >= 0).length, Math.min(n, m), `case ${t}: every row of the smaller side assigned`);
      let want: number;
      if (n <= m) want = bruteForce(cost, n, m, maximize);
      else {
        const tr = new Float64Array(n * m);
        for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) tr[j * n + i] = cost[i * m + j]!;
        want = bruteForce(tr, m, n, maximize);
      }
      assert.ok(Math.abs(r.total - want) <= 1e-9, `case ${t} (${n}×${m}, ${maximize ? 'max' : 'min'}): ${r.total} vs brute force ${want}`);
    }
  });

  it('gives the same optimum with and without the JV reduction phases on larger problems', () => {
    const random = createRandom(5);
    for (const [n, m] of [[60, 60], [40, 90], [90, 40], [120, 120]] as const) {
      const cost = Float64Array.from({ length: n * m }, () => Math.floor(random() * 20));
      const a = linearSumAssignment(cost, n, m);
      const b = linearSumAssignment(cost, n, m, { reductionPasses: 0 });
      assert.equal(a.total, b.total, `${n}×${m}`);
    }
  });

  it('is never beaten by a random permutation (fast-check)', () => {
    const problem = fc
      .record({ n: fc.integer({ min: 1, max: 12 }), extra: fc.integer({ min: 0, max: 6 }) })
      .chain(({ n, extra }) =>
        fc.record({
          n: fc.constant(n),
          m: fc.constant(n + extra),
          cost: fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: n * (n + extra), maxLength: n * (n + extra) }),
          perm: fc.shuffledSubarray(Array.from({ length: n + extra }, (_, i) => i), { minLength: n, maxLength: n }),
        }),
      );
    fc.assert(
      fc.property(problem, ({ n, m, cost, perm }) => {
        const c = Float64Array.from(cost);
        const best = linearSumAssignment(c, n, m).total;
        const other = perm.reduce((s, j, i) => s + c[i * m + j]!, 0);
        return best <= other + 1e-9;
      }),
      { numRuns: 300 },
    );
  });

  it('rejects non-finite costs and wrong shapes with typed errors', () => {
    assert.throws(() => linearSumAssignment(Float64Array.from([1, NaN]), 1, 2), (e: unknown) => StatsError.is(e, 'invalidValue'));
    assert.throws(() => linearSumAssignment(Float64Array.from([1, 2, 3]), 2, 2), (e: unknown) => StatsError.is(e, 'shapeMismatch'));
    assert.deepEqual(Array.from(linearSumAssignment(new Float64Array(0), 0, 3).colForRow), []);
  });
});
