// Property tests (fast-check): WD is a metric; alpha is invariant to row order; split halves are disjoint and equal.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { cronbachAlpha, itemWasserstein, seededSplitHalves, sha256SplitHalves, type ItemMatrix } from '../../../src/core/stats/index';

const sample = fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 40 });
const weighted = fc.array(fc.record({ code: fc.integer({ min: 0, max: 10 }), w: fc.double({ min: 0.01, max: 10, noNaN: true }) }), { minLength: 1, maxLength: 30 });
const col = (values: number[]): ItemMatrix => ({ nRows: values.length, nCols: 1, data: Float64Array.from(values) });
const wd = (u: number[], v: number[]): number => itemWasserstein(col(u), col(v))[0]!;
const EPS = 1e-12;

describe('stats properties: WD is a metric (fast-check)', () => {
  it('symmetry: WD(u, v) = WD(v, u)', () => {
    fc.assert(fc.property(sample, sample, (u, v) => Math.abs(wd(u, v) - wd(v, u)) <= EPS));
  });
  it('identity: WD(u, u) = 0, and WD(u, v) > 0 when the distributions differ', () => {
    fc.assert(
      fc.property(sample, sample, (u, v) => {
        if (wd(u, u) !== 0) return false;
        const share = (s: number[], c: number): number => s.filter((x) => x === c).length / s.length;
        const differ = [1, 2, 3, 4, 5, 6, 7].some((c) => Math.abs(share(u, c) - share(v, c)) > 1e-9);
        return differ ? wd(u, v) > 0 : wd(u, v) <= EPS;
      }),
    );
  });
  it('triangle inequality: WD(u, w) ≤ WD(u, v) + WD(v, w), also with weights', () => {
    fc.assert(fc.property(sample, sample, sample, (u, v, w) => wd(u, w) <= wd(u, v) + wd(v, w) + EPS));
    const wwd = (a: { code: number; w: number }[], b: { code: number; w: number }[]): number =>
      itemWasserstein(col(a.map((x) => x.code)), col(b.map((x) => x.code)), { weightsA: a.map((x) => x.w), weightsB: b.map((x) => x.w) })[0]!;
    fc.assert(fc.property(weighted, weighted, weighted, (u, v, w) => wwd(u, w) <= wwd(u, v) + wwd(v, w) + 1e-9));
  });
});

describe('stats properties: alpha', () => {
  const table = fc
    .record({ n: fc.integer({ min: 3, max: 30 }), k: fc.integer({ min: 2, max: 5 }) })
    .chain(({ n, k }) =>
      fc.record({
        rows: fc.array(fc.array(fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant(Number.NaN)), { minLength: k, maxLength: k }), { minLength: n, maxLength: n }),
        perm: fc.shuffledSubarray(Array.from({ length: n }, (_, i) => i), { minLength: n, maxLength: n }),
      }),
    );
  it('is invariant to the order of the rows (pairwise NAs included)', () => {
    fc.assert(
      fc.property(table, ({ rows, perm }) => {
        const k = rows[0]!.length;
        const toMatrix = (rs: number[][]): ItemMatrix => ({ nRows: rs.length, nCols: k, data: Float64Array.from({ length: rs.length * k }, (_, i) => rs[i % rs.length]![Math.floor(i / rs.length)]!) });
        const a = cronbachAlpha(toMatrix(rows));
        const b = cronbachAlpha(toMatrix(perm.map((p) => rows[p]!)));
        // Object.is covers NaN and ±Infinity (sum(C) = 0 gives −Infinity, as in psych)
        return Object.is(a, b) || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));
      }),
      { numRuns: 500 },
    );
  });
});

describe('stats properties: split halves', () => {
  it('halves are disjoint, of size ⌊n/2⌋, sorted, and the seeded rule is reproducible', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 300 }), fc.integer(), (n, seed) => {
        for (const splits of [sha256SplitHalves(n, { splits: 3 }), seededSplitHalves(n, { splits: 3, seed })]) {
          for (const { a, b } of splits) {
            const all = new Set([...a, ...b]);
            if (a.length !== Math.floor(n / 2) || b.length !== a.length || all.size !== 2 * a.length) return false;
            if (a.some((v, i) => i > 0 && v <= a[i - 1]!)) return false;
          }
        }
        assert.deepEqual(seededSplitHalves(n, { splits: 2, seed }), seededSplitHalves(n, { splits: 2, seed }));
        return true;
      }),
      { numRuns: 50 },
    );
  });
});
