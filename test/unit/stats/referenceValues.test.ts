// Every full-sample, cross-group and split-half value in expected.json of bfi, beps and ces11 (test/fixtures/data/*;
// reference values computed by numpy/scipy and recomputed in R psych::alpha / cor / cov.wt, data/README.md §4–5),
// reproduced to 1e-9.
import assert from 'node:assert/strict';
import { compareSamples } from '../../../src/core/stats/compareSamples';
import { correlationFromMoments } from '../../../src/core/stats/correlationFromMoments';
import { cronbachAlpha } from '../../../src/core/stats/cronbachAlpha';
import { cronbachAlphaListwise } from '../../../src/core/stats/cronbachAlphaListwise';
import { completeRows } from '../../../src/core/stats/completeRows';
import { itemDescriptives } from '../../../src/core/stats/itemDescriptives';
import { pairwiseMoments } from '../../../src/core/stats/pairwiseMoments';
import { splitHalfBounds } from '../../../src/core/stats/splitHalfBounds';
import { sha256SplitHalves } from '../../../src/core/stats/sha256SplitHalves';
import { close, loadReference, rowsWhere, takeRows } from './referenceData';

for (const name of ['bfi', 'beps', 'ces11']) {
  describe(`stats against data/${name}/expected.json`, () => {
    const ref = (): ReturnType<typeof loadReference> => loadReference(name);

    it('full sample: pairwise correlation matrix (R cor(use="pairwise.complete.obs"))', () => {
      const { matrix, expected } = ref();
      const r = correlationFromMoments(pairwiseMoments(matrix));
      const k = matrix.nCols;
      expected.full_sample.corr_matrix.forEach((row, i) => row.forEach((v, j) => close(r[i * k + j]!, v, `corr[${i},${j}]`)));
    });

    // only ces11 has survey weights (data/README.md §1)
    if (loadReference(name).expected.full_sample.corr_matrix_weighted) it('full sample: weighted correlation matrix (R cov.wt(cor=TRUE))', () => {
      const { matrix, expected, weights } = ref();
      assert.ok(weights, 'ces11 has a weight column');
      const r = correlationFromMoments(pairwiseMoments(matrix, { weights }));
      const k = matrix.nCols;
      expected.full_sample.corr_matrix_weighted!.forEach((row, i) => row.forEach((v, j) => close(r[i * k + j]!, v, `wcorr[${i},${j}]`)));
    });

    it('full sample: per-item counts, missing, mean, sd (ddof 1) and weighted proportions', () => {
      const { matrix, expected, weights } = ref();
      assert.equal(matrix.nRows, expected.full_sample.n);
      const got = itemDescriptives(matrix, weights ? { weights } : {});
      expected.items.forEach((item, j) => {
        const want = expected.full_sample.items[item]!;
        const g = got[j]!;
        assert.deepEqual(g.counts, want.counts, `${item} counts`);
        assert.equal(g.nMissing, want.n_missing, `${item} n_missing`);
        close(g.mean, want.mean, `${item} mean`);
        close(g.sdDdof1, want.sd_ddof1, `${item} sd_ddof1`);
        if (want.weighted_proportions) {
          for (const [code, p] of Object.entries(want.weighted_proportions)) close(g.weightedProportions![code]!, p, `${item} weighted share of ${code}`);
        }
      });
    });

    it('full sample: raw alpha (psych::alpha) and listwise alpha of every scale', () => {
      const { matrix, expected, scales } = ref();
      for (const s of scales) {
        const want = expected.full_sample.alpha[s.name]!;
        assert.equal(completeRows(matrix, { columns: s.items }).length, want.n_complete, `${s.name} n_complete`);
        close(cronbachAlpha(matrix, { items: s.items, reverse: s.reverse }), want.raw_alpha, `${s.name} raw_alpha`);
        close(cronbachAlphaListwise(matrix, { items: s.items, reverse: s.reverse }), want.listwise_alpha, `${s.name} listwise_alpha`);
      }
    });

    it('cross-group comparisons: WD per item, wd_mean, Frobenius, alpha (unweighted and weighted)', () => {
      const { matrix, expected, scales, table, weights } = ref();
      for (const cg of expected.cross_group) {
        const rowsA = rowsWhere(table, cg.a.column, cg.a.equals);
        const rowsB = rowsWhere(table, cg.b.column, cg.b.equals);
        const m = cg.metrics;
        assert.equal(rowsA.length, m.n_a);
        assert.equal(rowsB.length, m.n_b);
        const wA = weights ? Float64Array.from(rowsA, (r) => weights[r]!) : undefined;
        const wB = weights ? Float64Array.from(rowsB, (r) => weights[r]!) : undefined;
        const c = compareSamples(takeRows(matrix, rowsA), takeRows(matrix, rowsB), { scales, ...(wA && wB ? { weightsA: wA, weightsB: wB } : {}) });
        expected.items.forEach((item, j) => close(c.wd[j]!, m.wd_per_item[item]!, `${cg.name} wd ${item}`));
        close(c.wdMean, m.wd_mean, `${cg.name} wd_mean`);
        close(c.frobenius, m.frobenius, `${cg.name} frobenius`);
        close(c.frobeniusUpper, m.frobenius_upper, `${cg.name} frobenius_upper`);
        for (const a of c.alpha) {
          close(a.a, m.alpha[a.name]!.a, `${cg.name} alpha a ${a.name}`);
          close(a.b, m.alpha[a.name]!.b, `${cg.name} alpha b ${a.name}`);
          close(a.absDiff, m.alpha[a.name]!.abs_diff, `${cg.name} |Δalpha| ${a.name}`);
        }
        for (const s of scales) {
          const want = m.alpha[s.name]!;
          const la = cronbachAlphaListwise(matrix, { items: s.items, reverse: s.reverse, rows: rowsA });
          const lb = cronbachAlphaListwise(matrix, { items: s.items, reverse: s.reverse, rows: rowsB });
          close(la, want.a_listwise, `${cg.name} listwise a ${s.name}`);
          close(lb, want.b_listwise, `${cg.name} listwise b ${s.name}`);
          close(Math.abs(la - lb), want.abs_diff_listwise, `${cg.name} listwise |Δ| ${s.name}`);
        }
        if (m.wd_mean_weighted !== undefined) {
          assert.ok(c.weighted);
          expected.items.forEach((item, j) => close(c.weighted!.wd[j]!, m.wd_per_item_weighted![item]!, `${cg.name} weighted wd ${item}`));
          close(c.weighted.wdMean, m.wd_mean_weighted, `${cg.name} wd_mean_weighted`);
          close(c.weighted.frobenius, m.frobenius_weighted!, `${cg.name} frobenius_weighted`);
          close(c.weighted.frobeniusUpper, m.frobenius_upper_weighted!, `${cg.name} frobenius_upper_weighted`);
        }
      }
    });

    it('split-half rule: sha256SplitHalves regenerates splits.json exactly', () => {
      const { splits, expected } = ref();
      const mine = sha256SplitHalves(expected.n_rows, { splits: splits.length });
      splits.forEach((s, i) => {
        assert.deepEqual(Array.from(mine[i]!.a), s.a, `split ${i} half a`);
        assert.deepEqual(Array.from(mine[i]!.b), s.b, `split ${i} half b`);
      });
    });

    it('split-half bound: every split and the mean/sd over the 100 splits', () => {
      const { matrix, expected, scales, weights, splits } = ref();
      const sh = expected.split_half;
      const res = splitHalfBounds(
        matrix,
        splits.map((s) => ({ a: Int32Array.from(s.a), b: Int32Array.from(s.b) })),
        { scales, keepPerSplit: true, ...(weights ? { weights } : {}) },
      );
      assert.equal(res.nSplits, sh.n_splits);
      assert.equal(res.halfSize, sh.half_size);
      sh.per_split.forEach((want, i) => {
        const got = res.perSplit![i]!;
        close(got.wdMean, want.wd_mean, `split ${i} wd_mean`);
        close(got.frobenius, want.frobenius, `split ${i} frobenius`);
        close(got.frobeniusUpper, want.frobenius_upper, `split ${i} frobenius_upper`);
        expected.items.forEach((item, j) => close(got.wd[j]!, want.wd_per_item[item]!, `split ${i} wd ${item}`));
        for (const a of got.alpha) {
          close(a.a, want.alpha_a[a.name]!, `split ${i} alpha_a ${a.name}`);
          close(a.b, want.alpha_b[a.name]!, `split ${i} alpha_b ${a.name}`);
          close(a.absDiff, want.alpha_abs_diff[a.name]!, `split ${i} |Δalpha| ${a.name}`);
        }
        if (want.wd_mean_weighted !== undefined) {
          close(got.weighted!.wdMean, want.wd_mean_weighted, `split ${i} wd_mean_weighted`);
          close(got.weighted!.frobenius, want.frobenius_weighted!, `split ${i} frobenius_weighted`);
        }
      });
      close(res.mean.wdMean, sh.mean.wd_mean, 'mean wd_mean');
      expected.items.forEach((item, j) => close(res.mean.wd[j]!, sh.mean.wd_per_item[item]!, `mean wd ${item}`));
      close(res.mean.frobenius, sh.mean.frobenius, 'mean frobenius');
      close(res.mean.frobeniusUpper, sh.mean.frobenius_upper, 'mean frobenius_upper');
      for (const [scale, v] of Object.entries(sh.mean.alpha_abs_diff)) close(res.mean.alphaAbsDiff[scale]!, v, `mean |Δalpha| ${scale}`);
      close(res.sd.wdMean, sh.sd_over_splits_ddof1.wd_mean, 'sd wd_mean');
      close(res.sd.frobenius, sh.sd_over_splits_ddof1.frobenius, 'sd frobenius');
      if (sh.mean.wd_mean_weighted !== undefined) {
        close(res.mean.weighted!.wdMean, sh.mean.wd_mean_weighted, 'mean wd_mean_weighted');
        close(res.mean.weighted!.frobenius, sh.mean.frobenius_weighted!, 'mean frobenius_weighted');
      }
    });
  });
}
