import type { AnalysisReport, Interval, MethodMetrics } from '../pipelines/analysis/analysisReport';
import type { MetricCell, MetricRow, MetricTable } from './resultsViewTypes';

/**
 * The metric table of a report: one row per method (in the report's order) with mean WD, Frobenius,
 * representativeness and alpha per scale, each with its bootstrap interval; the best value of each column is
 * marked (lowest WD and Frobenius, highest representativeness, alpha closest to the human alpha). Missing values
 * carry the report's reason.
 */
export function metricTable(report: AnalysisReport): MetricTable {
  const scales = Object.keys(report.survey.scales);
  const entries = Object.entries(report.methods);
  const reason = (path: string): { reason?: string } => {
    const r = report.reasons[path];
    return r === undefined ? {} : { reason: r };
  };
  const bestOf = (values: readonly (number | null)[], score: (v: number) => number): number => {
    let best = -1;
    let bestScore = Infinity;
    values.forEach((v, i) => {
      if (v === null || Number.isNaN(v)) return;
      const s = score(v);
      if (s < bestScore) {
        bestScore = s;
        best = i;
      }
    });
    return best;
  };
  const column = (pick: (m: MethodMetrics) => number | null, score: (v: number) => number): number => bestOf(entries.map(([, m]) => pick(m)), score);
  const bestWd = column((m) => m.wd_mean, (v) => v);
  const bestFro = column((m) => m.frobenius, (v) => v);
  const bestRep = column((m) => m.representativeness, (v) => -v);
  const bestAlpha: Record<string, number> = {};
  for (const s of scales) {
    const h = report.human.alpha[s] ?? null;
    bestAlpha[s] = h === null ? -1 : column((m) => m.alpha[s] ?? null, (v) => Math.abs(v - h));
  }
  const cell = (value: number | null | undefined, interval: Interval | null | undefined, path: string, best: boolean): MetricCell => ({
    value: value ?? null,
    interval: interval ?? null,
    ...(value === null || value === undefined ? reason(path) : {}),
    best,
  });
  const rows: MetricRow[] = entries.map(([name, m], i) => {
    const alpha: Record<string, MetricCell> = {};
    for (const s of scales) alpha[s] = cell(m.alpha[s], m.intervals?.alpha[s], `methods.${name}.alpha.${s}`, bestAlpha[s] === i);
    return {
      method: name,
      label: m.label,
      kind: m.kind,
      n: m.n,
      // a distribution sample with no personas is exact (docs of DistributionSample.n): there is no count to show
      exact: m.n === 0 && m.kind !== 'simulation',
      ...(m.model !== undefined ? { model: m.model } : {}),
      wdMean: cell(m.wd_mean, m.intervals?.wd_mean, `methods.${name}.wd_mean`, bestWd === i),
      frobenius: cell(m.frobenius, m.intervals?.frobenius, `methods.${name}.frobenius`, bestFro === i),
      representativeness: cell(m.representativeness, null, `methods.${name}.representativeness`, bestRep === i),
      alpha,
    };
  });
  const withIntervals = entries.find(([, m]) => m.intervals !== undefined)?.[1].intervals;
  const b = report.human.bounds;
  return {
    scales,
    rows,
    human: {
      n: report.human.n,
      weighted: report.human.weighted,
      wdMeanBound: b.wd_mean,
      frobeniusBound: b.frobenius,
      alpha: Object.fromEntries(scales.map((s) => [s, report.human.alpha[s] ?? null])),
      alphaBound: Object.fromEntries(scales.map((s) => [s, b.alpha_abs_diff[s] ?? null])),
      splits: b.splits,
      rule: b.rule,
    },
    bootstrap: withIntervals ? { resamples: withIntervals.resamples, level: withIntervals.level } : null,
  };
}
