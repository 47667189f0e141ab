import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AnalysisReport } from '../../../src/core/pipelines/analysis/analysisReport';
import { correlationView } from '../../../src/core/results/correlationView';
import { driftLean } from '../../../src/core/results/driftLean';
import { driftView } from '../../../src/core/results/driftView';
import { lensResults } from '../../../src/core/results/lensResults';
import { metricTable } from '../../../src/core/results/metricTable';
import { parseAnalysisReport } from '../../../src/core/results/parseAnalysisReport';
import { questionDetail } from '../../../src/core/results/questionDetail';
import { questionPage } from '../../../src/core/results/questionPage';
import { ResultsError } from '../../../src/core/results/resultsError';
import { toCsv } from '../../../src/core/results/toCsv';
import { listRuns, newestAnalyzedRun } from '../../../src/core/runs/listRuns';
import { bfiAnalysis } from '../../fixtures/analysis/bfiAnalysis';

describe('results views over the bfi analysis fixture', function () {
  this.timeout(60_000);
  let report: AnalysisReport;
  before(() => {
    report = bfiAnalysis({ replicates: 20 });
  });

  it('marks the best value of each metric column', () => {
    const t = metricTable(report);
    const best = (pick: (r: (typeof t.rows)[number]) => { value: number | null; best: boolean }) => t.rows.filter((r) => pick(r).best).map((r) => r.method);
    // the drifted resample of the humans is far closer than uniform answers on every metric (fixture design)
    const wd = Object.fromEntries(t.rows.map((r) => [r.method, r.wdMean.value!]));
    assert.ok(wd['drifted-sim']! < wd.uniform!);
    assert.deepEqual(best((r) => r.wdMean), ['drifted-sim']);
    assert.deepEqual(best((r) => r.frobenius), ['drifted-sim']);
    for (const s of t.scales) assert.equal(t.rows.filter((r) => r.alpha[s]!.best).length, 1, `one best alpha for ${s}`);
    // the bound row carries the human split-half values of the report, unchanged
    assert.equal(t.human.wdMeanBound, report.human.bounds.wd_mean);
    assert.equal(t.bootstrap?.resamples, 20);
  });

  it('keeps the reason of a metric that was not measured', () => {
    const r: AnalysisReport = { ...report, methods: { ...report.methods, uniform: { ...report.methods.uniform!, frobenius: null } }, reasons: { ...report.reasons, 'methods.uniform.frobenius': 'every simulated column is constant' } };
    const row = metricTable(r).rows.find((x) => x.method === 'uniform')!;
    assert.equal(row.frobenius.value, null);
    assert.equal(row.frobenius.reason, 'every simulated column is constant');
    assert.equal(row.frobenius.best, false);
  });

  it('pages the question list sorted by WD, |drift| and refusal, and filters by id or text', () => {
    const byWd = questionPage(report, { method: 'uniform', sortBy: 'wd', offset: 0, limit: 25 });
    assert.equal(byWd.total, 25);
    for (let i = 1; i < byWd.rows.length; i++) assert.ok(byWd.rows[i - 1]!.wd! >= byWd.rows[i]!.wd!);
    const page2 = questionPage(report, { method: 'uniform', sortBy: 'wd', offset: 10, limit: 10 });
    assert.deepEqual(page2.rows.map((r) => r.id), byWd.rows.slice(10, 20).map((r) => r.id));
    const byDrift = questionPage(report, { method: 'uniform', sortBy: 'drift', descending: true, offset: 0, limit: 25 });
    for (let i = 1; i < 25; i++) assert.ok(Math.abs(byDrift.rows[i - 1]!.drift!) >= Math.abs(byDrift.rows[i]!.drift!));
    const filtered = questionPage(report, { method: 'uniform', filter: 'angry', offset: 0, limit: 10 });
    assert.deepEqual(filtered.rows.map((r) => r.id), ['N1']);
    assert.throws(() => questionPage(report, { method: 'nope', offset: 0, limit: 1 }), (e: unknown) => ResultsError.is(e, 'unknown-method'));
  });

  it('gives a question the human and every method distribution, each summing to 1', () => {
    const d = questionDetail(report, 'A2');
    assert.deepEqual(d.series.map((s) => s.key), ['human', 'uniform', 'drifted-sim']);
    for (const s of d.series) assert.ok(Math.abs(s.shares!.reduce((a, b) => a + b, 0) - 1) < 1e-12);
    assert.equal(d.bound, report.human.bounds.wd.A2);
  });

  it('cuts correlation windows by scale, with the difference simulated − human', () => {
    const v = correlationView(report, { method: 'uniform', scale: 'A' });
    assert.deepEqual(v.ids, ['A1', 'A2', 'A3', 'A4', 'A5']);
    assert.ok(Math.abs(v.human[0]![0]! - 1) < 1e-12);
    assert.ok(Math.abs(v.difference[0]![1]! - (v.simulated[0]![1]! - v.human[0]![1]!)) < 1e-15);
    const w = correlationView(report, { method: 'uniform', offset: 20, size: 10 });
    assert.equal(w.offset, 15); // clamped so the window stays full
    assert.equal(w.ids.length, 10);
  });

  it('warns about one-sided drift for the drifted method and not for uniform (bfi item means straddle 3.5)', () => {
    assert.equal(driftView(report, 'drifted-sim').lean.leans, 'higher');
    assert.equal(driftView(report, 'uniform').lean.leans, null);
    const sub = driftView(report, 'drifted-sim').subgroups;
    assert.deepEqual(sub.map((s) => s.group), ['Female', 'Male']);
  });

  it('lens data prefer the run method, then a simulation', () => {
    assert.equal(lensResults(report, 'r1', 'uniform')?.method, 'uniform');
    assert.equal(lensResults(report, 'r1')?.method, 'drifted-sim');
    assert.equal(lensResults(report, 'r1')?.questions.A1?.bound, report.human.bounds.wd.A1);
  });

  it('reads its own JSON back and rejects other schemas and broken files with a reason', () => {
    assert.deepEqual(parseAnalysisReport(JSON.stringify(report)), report);
    assert.throws(() => parseAnalysisReport('{'), (e: unknown) => ResultsError.is(e, 'corrupt'));
    assert.throws(() => parseAnalysisReport(JSON.stringify({ ...report, schema: 'persona-studio/analysis@9' })), (e: unknown) => ResultsError.is(e, 'unsupported-schema'));
    const { methods: _m, ...noMethods } = report;
    assert.throws(() => parseAnalysisReport(JSON.stringify(noMethods)), (e: unknown) => ResultsError.is(e, 'corrupt'));
  });
});

describe('driftLean (hand-computed cases)', () => {
  it('counts questions past the threshold on each side against the defined ones', () => {
    // 4 defined: 3 above +0.1, 1 below −0.1 → share 3/4 = 0.75 → leans higher
    assert.deepEqual(driftLean([0.3, 0.2, 0.15, -0.5, null]), { threshold: 0.1, defined: 4, above: 3, below: 1, share: 0.75, leans: 'higher', minShare: 0.75 });
    // 3 of 5 above → 0.6 < 0.75
    assert.equal(driftLean([0.3, 0.2, 0.15, 0.05, -0.05]).leans, null);
    assert.equal(driftLean([-1, -1, -1], { threshold: 0.5 }).leans, 'lower');
    assert.equal(driftLean([NaN, null]).leans, null);
  });
});

describe('toCsv', () => {
  it('quotes, doubles quotes, neutralises formula text but keeps negative numbers', () => {
    assert.equal(toCsv(['a', 'b'], [['=SUM(A1)', -0.4], ['say "hi", ok', null], ['@x', 1e-3]]),
      `a,b\r\n'=SUM(A1),-0.4\r\n"say ""hi"", ok",\r\n'@x,0.001\r\n`);
  });
});

describe('listRuns', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ps-runs-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('lists runs newest first, reports corrupt and missing run.json with a reason, finds the newest analysed run', async () => {
    const spec = path.join(dir, 'bfi.survey.yaml');
    writeFileSync(spec, 'name: x\n');
    const runs = path.join(dir, 'runs', 'bfi');
    const record = (id: string, createdAt: string) => JSON.stringify({ schema: 'persona-studio/run@1', id, kind: 'baselines', method: 'uniform', status: 'done', createdAt, updatedAt: createdAt, surveySpec: { path: '../../bfi.survey.yaml', hash: 'h' }, seeds: {}, stages: {}, totals: { calls: 0, promptTokens: 0, completionTokens: 0, costUsd: null } });
    for (const [id, created, analysed] of [['20261130-100000-uniform', '2026-11-30T10:00:00Z', true], ['20261201-090000-uniform', '2026-12-01T09:00:00Z', false]] as const) {
      mkdirSync(path.join(runs, id), { recursive: true });
      writeFileSync(path.join(runs, id, 'run.json'), record(id, created));
      if (analysed) writeFileSync(path.join(runs, id, 'analysis.json'), '{}');
    }
    mkdirSync(path.join(runs, 'broken'));
    writeFileSync(path.join(runs, 'broken', 'run.json'), '{"schema":');
    mkdirSync(path.join(runs, 'empty'));
    mkdirSync(path.join(runs, 'cache')); // the spec's shared answer cache (runStudy.ts): not a run, not a problem
    const list = await listRuns(spec);
    assert.deepEqual(list.runs.map((r) => r.id), ['20261201-090000-uniform', '20261130-100000-uniform']);
    assert.deepEqual(list.problems.map((p) => [p.id, p.reason]), [['broken', 'corrupt-record'], ['empty', 'missing-record']]);
    assert.equal((await newestAnalyzedRun(spec))?.id, '20261130-100000-uniform');
    assert.deepEqual((await listRuns(path.join(dir, 'other.survey.yaml'))).runs, []);
  });
});
