import type { AnalysisReport } from '../pipelines/analysis/analysisReport';
import { ResultsError } from './resultsError';
import type { DistributionSeries, QuestionDetail } from './resultsViewTypes';

const num = (v: number | null | undefined): number | null => (v === undefined || v === null || Number.isNaN(v) ? null : v);

/** One question's answer distributions: the human one, then every method's (or only `methods`), with WD, drift and refusal. */
export function questionDetail(report: AnalysisReport, id: string, methods?: readonly string[]): QuestionDetail {
  const index = report.survey.questions.findIndex((q) => q.id === id);
  const q = report.survey.questions[index];
  if (!q) throw new ResultsError('unknown-question', `the analysis has no question "${id}"`);
  const series: DistributionSeries[] = [
    { key: 'human', label: `human (n = ${report.human.n})`, kind: 'human', shares: report.human.distributions[id] ?? null, wd: null, drift: null, refusal: null },
  ];
  for (const [name, m] of Object.entries(report.methods)) {
    if (methods && !methods.includes(name)) continue;
    series.push({
      key: name,
      label: m.label,
      kind: m.kind,
      shares: m.distributions[id] ?? null,
      wd: num(m.wd[id]),
      drift: num(m.drift[id]),
      refusal: num(m.refusal_rate[id]),
    });
  }
  return { index, id, text: q.text, options: q.options, codes: q.codes, bound: num(report.human.bounds.wd[id]), series };
}
