import assert from 'node:assert/strict';
import { analyzeSurvey } from '../../../src/core/pipelines/analysis/analyzeSurvey';
import { ensembleSample } from '../../../src/core/pipelines/analysis/ensembleSample';
import type { HumanSample } from '../../../src/core/pipelines/analysis/humanSample';
import { demographicCellBaseline } from '../../../src/core/pipelines/baselines/demographicCellBaseline';
import { uniformBaseline } from '../../../src/core/pipelines/baselines/uniformBaseline';
import { bootstrapReplicates } from '../../../src/core/stats/bootstrapReplicates';
import { toSurveySpec } from '../../../src/core/specModel/toSurveySpec';
import type { ItemMatrix } from '../../../src/core/stats/types';

const close = (got: number | null | undefined, want: number, what = ''): void => assert.ok(typeof got === 'number' && Math.abs(got - want) <= 1e-12, `${what} ${got} vs ${want}`);

/** A two-question survey (codes 1..3 and 1..2) with one scale over both. */
function tinySurvey(extra: Record<string, unknown> = {}) {
  const value = {
    name: 'tiny',
    questions: [{ id: 'q1', text: 'Q1', options: ['a', 'b', 'c'] }, { id: 'q2', text: 'Q2', options: ['x', 'y'] }],
    scales: { both: { items: ['q1', 'q2'] } },
    metrics: { bootstrap: 0, bounds: { splits: 4 } },
    ...extra,
  };
  return toSurveySpec({ value, text: JSON.stringify(value) }, '/t/tiny.survey.yaml');
}

const matrix = (cols: number[][]): ItemMatrix => ({ nRows: cols[0]!.length, nCols: cols.length, data: Float64Array.from(cols.flat()) });

describe('baselines: uniform (exact)', () => {
  it('1/K per code; WD, drift, TV and JSD by hand; identity correlation gives Frobenius ‖I − R_H‖ and alpha 0', async () => {
    const survey = tinySurvey();
    // humans: q1 = 1,1,2,3 → shares (.5, .25, .25); q2 = 1,2,2,2 → (.25, .75); corr(q1, q2) = ?
    const human: HumanSample = { matrix: matrix([[1, 1, 2, 3], [1, 2, 2, 2]]), ids: ['1', '2', '3', '4'], demographics: new Map() };
    const u = uniformBaseline(survey);
    assert.deepEqual(u.shares.map((s) => Array.from(s)), [[1 / 3, 1 / 3, 1 / 3], [0.5, 0.5]]);
    const report = await analyzeSurvey(survey, human, [{ name: 'uniform', kind: 'baseline', label: 'uniform', sample: u }]);
    const m = report.methods['uniform']!;
    // q1: CDF human (.5, .75), uniform (1/3, 2/3): WD = |.5−1/3| + |.75−2/3| = 1/6 + 1/12 = 0.25
    close(m.wd['q1'], 0.25, 'WD q1');
    // q2: CDF human .25, uniform .5: WD = .25
    close(m.wd['q2'], 0.25, 'WD q2');
    close(m.wd_mean, 0.25, 'wd_mean');
    // drift q1: uniform mean 2 − human mean 1.75 = .25; q2: 1.5 − 1.75 = −.25
    close(m.drift['q1'], 0.25, 'drift q1');
    close(m.drift['q2'], -0.25, 'drift q2');
    // TV q1: ½(|.5−1/3| + |.25−1/3| + |.25−1/3|) = ½(1/6 + 1/12 + 1/12) = 1/6
    close(m.tv['q1'], 1 / 6, 'TV q1');
    // representativeness: 1 − WD/(K−1): q1 1 − .25/2 = .875, q2 1 − .25/1 = .75, mean .8125
    close(m.representativeness, 0.8125, 'representativeness');
    // human r(q1, q2): x = 1,1,2,3 (mean 1.75), y = 1,2,2,2 (mean 1.75); Σdxdy = (−.75)(−.75)+(−.75)(.25)+(.25)(.25)+(1.25)(.25) = .75;
    // Σdx² = 2.75, Σdy² = .75 → r = .75/√(2.0625) = 0.5222329678670935; ‖I − R‖_F over both triangles = √2·r
    close(m.frobenius, Math.SQRT2 * (0.75 / Math.sqrt(2.75 * 0.75)), 'frobenius');
    assert.equal(m.alpha['both'], 0);
    assert.deepEqual(m.refusal_rate, { q1: 0, q2: 0 });
    assert.equal(m.n, 0);
  });
});

describe('baselines: demographic cell (leave-one-out, seeded)', () => {
  const human: HumanSample = {
    // rows 0-3 in cell (F, young), rows 4-5 in (M, young), row 6 alone in (M, old) → falls back to "M"
    matrix: matrix([[1, 2, 3, 1, 2, 3, 1], [1, 1, 2, 2, 1, 2, 1]]),
    ids: ['a', 'b', 'c', 'd', 'e', 'f', 'g'],
    demographics: new Map<string, (string | null)[]>([
      ['gender', ['F', 'F', 'F', 'F', 'M', 'M', 'M']],
      ['age', ['y', 'y', 'y', 'y', 'y', 'y', 'o']],
    ]),
  };

  it('the same seed gives the same answers; each persona copies a whole row of another member of its cell', () => {
    const a = demographicCellBaseline(human, ['gender', 'age'], 7);
    const b = demographicCellBaseline(human, ['gender', 'age'], 7);
    assert.deepEqual(Array.from(a.sample.matrix.data), Array.from(b.sample.matrix.data));
    const n = 7;
    const rowOf = (m: ItemMatrix, r: number): string => `${m.data[r]},${m.data[n + r]}`;
    const cellOf = (r: number): string => `${human.demographics.get('gender')![r]}|${human.demographics.get('age')![r]}`;
    for (let r = 0; r < 6; r++) {
      const got = rowOf(a.sample.matrix, r);
      const donors = [0, 1, 2, 3, 4, 5].filter((d) => d !== r && cellOf(d) === cellOf(r)).map((d) => rowOf(human.matrix, d));
      assert.ok(donors.includes(got), `row ${r}: ${got} comes from another member of its cell (${donors.join(' ')})`);
    }
    // rows 4 and 5 are the only two (M, young): each must copy the other
    assert.equal(rowOf(a.sample.matrix, 4), rowOf(human.matrix, 5));
    assert.equal(rowOf(a.sample.matrix, 5), rowOf(human.matrix, 4));
    // row 6 is alone in (M, old): the donor comes from the coarser cell "M" (rows 4, 5), counted at level 1
    assert.ok([rowOf(human.matrix, 4), rowOf(human.matrix, 5)].includes(rowOf(a.sample.matrix, 6)));
    assert.deepEqual(a.stats.fallbacks, [0, 1, 0]);
    assert.equal(a.stats.cells, 3);
    assert.deepEqual(Array.from(a.sample.respondentRows!), [0, 1, 2, 3, 4, 5, 6]);
  });

  it('one respondent: no donor, so refusal rates are null with the reason (not 1 = "every persona refused")', async () => {
    const one: HumanSample = { matrix: matrix([[2], [1]]), ids: ['a'], demographics: new Map([['g', ['x']]]) };
    const d = demographicCellBaseline(one, ['g'], 1);
    assert.ok(Number.isNaN(d.sample.matrix.data[0]!));
    const report = await analyzeSurvey(tinySurvey(), one, [{ name: 'demographic-cell', kind: 'baseline', label: 'demographic-cell', sample: d.sample }]);
    const m = report.methods['demographic-cell']!;
    assert.deepEqual(m.refusal_rate, { q1: null, q2: null });
    assert.match(report.reasons['methods.demographic-cell.refusal_rate.q1'] ?? '', /1 human respondent\(s\).*at least 2/);
  });

  it('different seeds draw differently (over a larger cell)', () => {
    const n = 200;
    const big: HumanSample = { matrix: matrix([Array.from({ length: n }, (_, i) => (i % 5) + 1)]), ids: Array.from({ length: n }, (_, i) => String(i)), demographics: new Map([['g', Array<string>(n).fill('x')]]) };
    const a = demographicCellBaseline(big, ['g'], 1).sample.matrix.data;
    const b = demographicCellBaseline(big, ['g'], 2).sample.matrix.data;
    assert.notDeepEqual(Array.from(a), Array.from(b));
  });
});

describe('ensembles', () => {
  it('blend per-question distributions with equal or given weights; correlation and alpha are null with a reason', async () => {
    const survey = tinySurvey();
    const human: HumanSample = { matrix: matrix([[1, 1, 2, 3], [1, 2, 2, 2]]), ids: ['1', '2', '3', '4'], demographics: new Map() };
    // run A answers q1 = 1,1 (shares 1,0,0), q2 = 1,2; run B answers q1 = 3,3 (0,0,1), q2 = 2,NaN (refusal ½)
    const a = { name: 'a', kind: 'simulation' as const, label: 'a', sample: { kind: 'rows' as const, matrix: matrix([[1, 1], [1, 2]]) } };
    const b = { name: 'b', kind: 'simulation' as const, label: 'b', sample: { kind: 'rows' as const, matrix: matrix([[3, 3], [2, NaN]]) } };
    const equal = ensembleSample(survey, [a, b]);
    assert.deepEqual(Array.from(equal.shares[0]!), [0.5, 0, 0.5]);
    // q2: A (.5, .5), B (0, 1) → (.25, .75)
    assert.deepEqual(Array.from(equal.shares[1]!), [0.25, 0.75]);
    assert.deepEqual(equal.refusalRate, [0, 0.25]);
    const weighted = ensembleSample(survey, [a, b], [3, 1]);
    assert.deepEqual(Array.from(weighted.shares[0]!), [0.75, 0, 0.25]);
    const report = await analyzeSurvey(survey, human, [{ name: 'ens', kind: 'ensemble', label: 'ens', sample: equal }]);
    const m = report.methods['ens']!;
    // q2 equals the human shares exactly: WD 0, TV 0, JSD 0
    close(m.wd['q2'], 0, 'WD q2');
    close(m.tv['q2'], 0, 'TV q2');
    // q1: human (.5, .25, .25) vs (.5, 0, .5): CDFs (.5, .75) vs (.5, .5) → WD .25; TV ½(0 + .25 + .25) = .25
    close(m.wd['q1'], 0.25, 'WD q1');
    close(m.tv['q1'], 0.25, 'TV q1');
    assert.equal(m.frobenius, null);
    assert.equal(m.alpha['both'], null);
    assert.match(report.reasons['methods.ens.frobenius']!, /no persona answers every question/);
    assert.equal(m.n, 4);
  });
});

describe('analysis: percentile intervals of distances with their bootstrap bias', () => {
  it('reports the bias (mean over the resamples − the estimate) and a note when the estimate lies below its interval', async () => {
    // 60 humans and 50 personas on the two questions, drawn independently: a small true difference, so the resampled
    // distances sit above the estimate (both samples' noise is added once more)
    const draw = (n: number, seed: number): ItemMatrix => {
      let s = seed;
      const next = (): number => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
      return matrix([Array.from({ length: n }, () => 1 + Math.floor(next() * 3)), Array.from({ length: n }, () => 1 + Math.floor(next() * 2))]);
    };
    const survey = tinySurvey({ metrics: { bootstrap: 200, seed: 5, bounds: { splits: 4 } } });
    const human: HumanSample = { matrix: draw(60, 1), ids: Array.from({ length: 60 }, (_, i) => String(i)), demographics: new Map() };
    const personas = draw(50, 2);
    const report = await analyzeSurvey(survey, human, [{ name: 'run', kind: 'simulation', label: 'run', sample: { kind: 'rows', matrix: personas } }], { threads: 1 });
    const m = report.methods['run']!;
    const iv = m.intervals!;
    assert.equal(iv.kind, 'percentile');
    // the bias recomputed from the same seeded replicates (bootstrapReplicates, seed 5, as the analysis draws them)
    const reps = [...bootstrapReplicates(human.matrix, personas, { replicates: 200, seed: 5, scales: [{ name: 'both', items: [0, 1], reverse: [] }] })];
    const mean = (v: number[]): number => v.reduce((x, y) => x + y, 0) / v.length;
    assert.ok(Math.abs(iv.bias!.wd_mean! - (mean(reps.map((r) => r.wdMean)) - m.wd_mean!)) <= 1e-12);
    assert.ok(Math.abs(iv.bias!.frobenius! - (mean(reps.map((r) => r.frobenius)) - m.frobenius!)) <= 1e-12);
    const below = [m.wd_mean! < iv.wd_mean![0] ? 'wd_mean' : '', m.frobenius! < iv.frobenius![0] ? 'frobenius' : ''].filter(Boolean);
    assert.ok(below.length > 0, 'this draw has an estimate below its interval');
    assert.match(report.reasons['methods.run.intervals_note']!, new RegExp(`below its percentile interval \\(${below.join(', ')}\\)`));
  });
});
