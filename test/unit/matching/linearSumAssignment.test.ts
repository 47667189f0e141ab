// The exact assignment solver: optimality proven against brute force on small cases, scipy
// linear_sum_assignment results on literal matrices (scipy 1.17.1, calls quoted), and a fast-check property that
// no random permutation beats it.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { linearSumAssignment } from '../../../src/core/matching/index';
import { sapScanKernel } from '../../../src/core/matching/sapScanKernel';
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

describe('matching: the WebAssembly scan kernel', () => {
  it('gives exactly the JavaScript path assignment and total (random, integer ties, structured, rectangular)', () => {
    const random = createRandom(77);
    const cases: [string, number, number, (i: number, j: number) => number][] = [
      ['uniform', 150, 150, () => random()],
      ['integer ties', 120, 120, () => Math.floor(random() * 5)],
      ['i·j', 90, 90, (i, j) => i * j],
      ['wide', 60, 200, () => random()],
      ['tall', 200, 60, () => Math.floor(random() * 50)],
    ];
    for (const [name, n, m, f] of cases) {
      const cost = Float64Array.from({ length: n * m }, (_, x) => f(Math.floor(x / m), x % m));
      for (const reductionPasses of [0, 8]) {
        const js = linearSumAssignment(cost, n, m, { wasm: false, reductionPasses });
        const wasm = linearSumAssignment(cost, n, m, { wasm: true, reductionPasses });
        assert.equal(wasm.total, js.total, `${name}, ${reductionPasses} passes`);
        assert.deepEqual(wasm.colForRow, js.colForRow, `${name}, ${reductionPasses} passes`);
      }
    }
  });

  it('scan step matches its definition, ties going to a free column', () => {
    const k = sapScanKernel();
    assert.ok(k, 'WebAssembly is available on Node 20');
    k.memory.grow(1);
    const buf = k.memory.buffer;
    const row = new Float64Array(buf, 0, 4);
    const v = new Float64Array(buf, 32, 4);
    const sh = new Float64Array(buf, 64, 4);
    const path = new Int32Array(buf, 96, 4);
    const owner = new Int32Array(buf, 112, 4);
    const rem = new Int32Array(buf, 128, 4);
    row.set([5, 1, 3, 1]);
    v.set([0, 0, 1, 0]);
    sh.set([Infinity, 1.5, Infinity, Infinity]);
    path.fill(9);
    owner.set([0, 2, -1, -1]);
    rem.set([0, 1, 2, 3]);
    // r = 0.5 + row − v = [5.5, 1.5, 2.5, 1.5]; columns 1 and 3 tie at 1.5, column 3 is free → position 3
    const index = k.scan(0, 128, 4, 32, 64, 96, 112, 7, 0.5);
    assert.equal(index, 3);
    assert.deepEqual(Array.from(sh), [5.5, 1.5, 2.5, 1.5]);
    assert.deepEqual(Array.from(path), [7, 9, 7, 7]);
    assert.equal(k.scan(0, 128, 0, 32, 64, 96, 112, 7, 0.5), -1);
  });
});
