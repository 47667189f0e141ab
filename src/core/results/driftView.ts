import type { AnalysisReport } from '../pipelines/analysis/analysisReport';
import { driftLean, type DriftLeanOptions } from './driftLean';
import { ResultsError } from './resultsError';
import type { DriftView, SubgroupDrift } from './resultsViewTypes';

const num = (v: number | null | undefined): number | null => (v === undefined || v === null || Number.isNaN(v) ? null : v);

/** A method's signed drift and refusal rate per question, whether the drift leans one way, and the same per subgroup. */
export function driftView(report: AnalysisReport, method: string, options: DriftLeanOptions = {}): DriftView {
  const m = report.methods[method];
  if (!m) throw new ResultsError('unknown-method', `the analysis has no method "${method}"`);
  const ids = report.survey.questions.map((q) => q.id);
  const drift = ids.map((id) => num(m.drift[id]));
  const subgroups: SubgroupDrift[] = [];
  for (const [variable, groups] of Object.entries(m.subgroups ?? {})) {
    for (const [group, g] of Object.entries(groups)) {
      subgroups.push({ variable, group, nHuman: g.n_human, n: g.n, wdMean: num(g.wd_mean), lean: driftLean(ids.map((id) => num(g.drift[id])), options) });
    }
  }
  return { method, ids, drift, refusal: ids.map((id) => num(m.refusal_rate[id])), lean: driftLean(drift, options), subgroups };
}
