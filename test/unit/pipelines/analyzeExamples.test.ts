// analyze on the bfi, beps and ces11 examples reproduces the human split-half bounds and full-sample alphas of
// test/fixtures/data/<name>/expected.json (numpy/scipy, recomputed in R; data/README.md §3.3–3.4) to 1e-9.
import assert from 'node:assert/strict';
import { analyzeSurvey } from '../../../src/core/pipelines/analysis/analyzeSurvey';
import { readHumanSample } from '../../../src/core/pipelines/analysis/humanSample';
import { uniformBaseline } from '../../../src/core/pipelines/baselines/uniformBaseline';
import { demographicCellBaseline } from '../../../src/core/pipelines/baselines/demographicCellBaseline';
import { loadSurveySpec } from '../../../src/core/spec/loadSpecModel';
import { fixtureExpected, fixtureSurveySpec } from './fixtureSpecs';

const close = (got: number | null | undefined, want: number, what: string): void => {
  assert.ok(typeof got === 'number' && Math.abs(got - want) <= 1e-9, `${what}: ${got} vs ${want}`);
};

for (const name of ['bfi', 'beps', 'ces11'] as const) {
  describe(`analyze: ${name} against expected.json`, function () {
    this.timeout(120_000);
    it('human bounds (100 sha256 splits), per-question bound WD, |Δalpha| per scale and full-sample alpha', async () => {
      const { spec } = loadSurveySpec(fixtureSurveySpec(name));
      const expected = fixtureExpected(name);
      const human = await readHumanSample(spec);
      const cell = demographicCellBaseline(human, spec.human!.demographics.map((d) => d.name), 0);
      const report = await analyzeSurvey(spec, human, [
        { name: 'uniform', kind: 'baseline', label: 'uniform', sample: uniformBaseline(spec) },
        { name: 'demographic-cell', kind: 'baseline', label: 'demographic-cell', sample: cell.sample },
      ], { bootstrap: 0 });
      const b = report.human.bounds;
      const mean = expected.split_half.mean;
      assert.equal(report.human.n, expected.full_sample.n);
      assert.deepEqual([b.splits, b.rule], [100, 'sha256']);
      if (mean.wd_mean_weighted !== undefined) {
        // ces11 declares survey weights: the bound is the weighted one, the unweighted one is kept beside it
        close(b.wd_mean, mean.wd_mean_weighted, 'weighted wd_mean');
        close(b.frobenius, mean.frobenius_weighted!, 'weighted frobenius');
        close(b.unweighted?.wd_mean, mean.wd_mean, 'unweighted wd_mean');
        close(b.unweighted?.frobenius, mean.frobenius, 'unweighted frobenius');
      } else {
        close(b.wd_mean, mean.wd_mean, 'wd_mean');
        close(b.frobenius, mean.frobenius, 'frobenius');
        for (const [id, v] of Object.entries(mean.wd_per_item)) close(b.wd[id], v, `bound WD ${id}`);
      }
      // the spec's scales are the expected alpha sets with the same items and reverse keys (named differently)
      for (const s of spec.scales) {
        const set = expected.alpha_sets.find((a) => a.items.join() === s.items.join() && [...a.reverse].sort().join() === [...s.reverse].sort().join());
        assert.ok(set, `scale ${s.name} has a reference alpha set`);
        close(b.alpha_abs_diff[s.name], mean.alpha_abs_diff[set.name]!, `|Δalpha| ${s.name}`);
        close(report.human.alpha[s.name], expected.full_sample.alpha[set.name]!.raw_alpha, `alpha ${s.name}`);
      }
      for (const m of ['uniform', 'demographic-cell']) {
        const metrics = report.methods[m]!;
        assert.equal(typeof metrics.wd_mean, 'number', `${m} wd_mean`);
        assert.equal(typeof metrics.frobenius, 'number', `${m} frobenius`);
        for (const q of spec.questions) for (const k of ['wd', 'drift', 'refusal_rate', 'jsd', 'tv'] as const) assert.equal(typeof metrics[k][q.id], 'number', `${m} ${k} ${q.id}`);
      }
    });
  });
}
