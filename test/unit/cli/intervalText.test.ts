// The interval label and the "estimate below its interval" line in `analyze`'s text output and in report.md, on a
// hand-written analysis whose numbers are checked by eye: WD mean 0.21 below [0.23, 0.27] with bias +0.04; Frobenius
// 1.0 inside [0.9, 1.3] (so it is not named). Every number in the expected lines is copied from the input fields
// (4 decimals), none computed.
import assert from 'node:assert/strict';
import { formatAnalysis } from '../../../src/cli/commands/analyze';
import type { AnalysisReport, MethodMetrics } from '../../../src/core/pipelines/analysis/analysisReport';
import { intervalLabel, intervalNoteLine } from '../../../src/core/pipelines/reports/intervalText';
import { renderReportMarkdown } from '../../../src/core/pipelines/reports/renderReportMarkdown';
import { SYNTHETIC_LABEL, type RunReport } from '../../../src/core/pipelines/reports/runReport';

const NOTE = 'the estimate lies below its percentile interval (wd_mean): resampling adds sampling noise to both samples (bootstrap bias wd_mean +0.040)';

function method(over: Partial<MethodMetrics> = {}): MethodMetrics {
  return {
    kind: 'simulation', label: 'run', n: 50,
    wd: { q1: 0.21 }, wd_mean: 0.21, representativeness: 0.895, frobenius: 1.0, alpha: {}, drift: { q1: 0.1 }, refusal_rate: { q1: 0 },
    jsd: { q1: 0.01 }, tv: { q1: 0.05 }, distributions: { q1: [0.5, 0.5] }, correlation: { ids: ['q1'], matrix: [[1]] },
    intervals: { kind: 'percentile', resamples: 200, level: 0.95, seed: 5, bias: { wd_mean: 0.04, frobenius: 0.1 }, wd_mean: [0.23, 0.27], frobenius: [0.9, 1.3], alpha: {} },
    ...over,
  };
}

const EXPECTED_LINE = 'run: WD mean 0.2100 < [0.2300, 0.2700] — the interval lies above the estimate by about the bootstrap bias (WD mean +0.0400): resampling adds sampling noise to both samples, so it shows the spread between samples of these sizes, not a range for the distance between the populations; compare the estimate with the human split-half bound';

describe('interval label and note (analyze text, report.md)', () => {
  it('labels the intervals and explains an estimate below its interval from the analysis fields', () => {
    assert.equal(intervalLabel(method().intervals!), 'bootstrap percentile, 95 %, 200 resamples (seed 5)');
    assert.equal(intervalNoteLine('run', method(), NOTE), EXPECTED_LINE);
    // both distances below: both named, each with its own bias
    const both = method({ frobenius: 0.8 });
    assert.match(intervalNoteLine('run', both, NOTE)!, /^run: WD mean 0\.2100 < \[0\.2300, 0\.2700\]; Frobenius 0\.8000 < \[0\.9000, 1\.3000\] — .*\(WD mean \+0\.0400, Frobenius \+0\.1000\)/);
    // no note, or no interval: no line
    assert.equal(intervalNoteLine('run', method(), undefined), undefined);
    assert.equal(intervalNoteLine('run', method({ intervals: undefined as never }), NOTE), undefined);
  });

  it('analyze text output: the label under the table, one line per noted method, the note not repeated', () => {
    const report: AnalysisReport = {
      schema: 'persona-studio/analysis@1', createdAt: '2026-01-01T00:00:00.000Z',
      survey: { name: 'tiny', specPath: 'tiny.survey.yaml', specHash: 'x', questions: [{ id: 'q1', text: 'Q1?', options: ['a', 'b'], codes: [1, 2] }], scales: {} },
      human: { n: 60, weighted: false, alpha: {}, distributions: { q1: [0.5, 0.5] }, means: { q1: 1.5 }, correlation: { ids: ['q1'], matrix: [[1]] }, bounds: { splits: 4, rule: 'sha256', wd_mean: 0.05, wd: { q1: 0.05 }, frobenius: 0, alpha_abs_diff: {} } },
      methods: { run: method(), other: { ...method(), label: 'other', wd_mean: 0.25 } },
      reasons: { 'methods.run.intervals_note': NOTE },
    };
    const text = formatAnalysis(report);
    assert.match(text, /WD 95% CI/);
    assert.match(text, /^Intervals: bootstrap percentile, 95 %, 200 resamples \(seed 5\)$/m);
    const lines = text.split('\n');
    assert.ok(lines.includes(`  ${EXPECTED_LINE}`), text);
    assert.equal(lines.filter((l) => l.includes('lies above the estimate')).length, 1, 'only the method with a note');
    assert.doesNotMatch(text, /intervals_note/);
  });

  it('report.md: interval columns, the label, and the note line', () => {
    const m = method();
    const report: RunReport = {
      schema: 'persona-studio/report@1', label: SYNTHETIC_LABEL, generatedAt: '2026-01-01T00:00:00.000Z',
      run: { id: 'r1', kind: 'simulation', method: 'run', status: 'done', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' },
      survey: { name: 'tiny', path: 'tiny.survey.yaml', sha256: 'x', questions: 1, scales: [], weighted: false },
      models: [], seeds: {}, prompts: {},
      elicitation: { method: 'sample', samples: 1, maxReasks: 0, mode: 'series', order: { questions: 'fixed', likert: 'forward', nominal: 'fixed' }, matching: { method: 'greedy', append: 'none', seed: 1 } },
      refusalHandling: 'none', totals: { calls: 0, promptTokens: 0, completionTokens: 0, costUsd: 0 },
      metrics: {
        human: { n: 60, bounds: { splits: 4, rule: 'sha256', wd_mean: 0.05, frobenius: 0 } },
        methods: { run: { n: 50, wd_mean: m.wd_mean, frobenius: m.frobenius, representativeness: m.representativeness, intervals: m.intervals!, intervals_note: NOTE } },
      },
    };
    const md = renderReportMarkdown(report);
    assert.match(md, /^\| run \| 50 \| 0\.2100 \| \[0\.2300, 0\.2700\] \| 1 \| \[0\.9000, 1\.3000\] \| 0\.8950 \|$/m);
    assert.match(md, /^Intervals: bootstrap percentile, 95 %, 200 resamples \(seed 5\), with both samples resampled/m);
    assert.ok(md.split('\n').includes(`- ${EXPECTED_LINE}`), md);
  });
});
