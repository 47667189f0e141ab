import type { AnalysisReport } from '../analysis/analysisReport';

/**
 * Every metric of an analysis as a long CSV table: `method,metric,key,value,lower,upper` (one row per method,
 * metric and question or scale; `human` rows hold the human reference and its bounds; an empty value is a null
 * metric, its reason in analysis.json). Easy to load in R (`read.csv`) or pandas.
 */
export function formatMetricsCsv(report: AnalysisReport): string {
  const rows: string[] = ['method,metric,key,value,lower,upper'];
  const q = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const v = (x: number | null | undefined): string => (x === null || x === undefined ? '' : String(x));
  const add = (method: string, metric: string, key: string, value: number | null | undefined, lower?: number, upper?: number): void => {
    rows.push([q(method), q(metric), q(key), v(value), v(lower), v(upper)].join(','));
  };
  const h = report.human;
  add('human', 'n', '', h.n);
  for (const [s, a] of Object.entries(h.alpha)) add('human', 'alpha', s, a);
  for (const [id, m] of Object.entries(h.means)) add('human', 'mean', id, m);
  add('human', 'bound_wd_mean', '', h.bounds.wd_mean);
  add('human', 'bound_frobenius', '', h.bounds.frobenius);
  for (const [id, w] of Object.entries(h.bounds.wd)) add('human', 'bound_wd', id, w);
  for (const [s, a] of Object.entries(h.bounds.alpha_abs_diff)) add('human', 'bound_alpha_abs_diff', s, a);
  for (const [name, m] of Object.entries(report.methods)) {
    const i = m.intervals;
    add(name, 'n', '', m.n);
    add(name, 'wd_mean', '', m.wd_mean, i?.wd_mean?.[0], i?.wd_mean?.[1]);
    add(name, 'representativeness', '', m.representativeness);
    add(name, 'frobenius', '', m.frobenius, i?.frobenius?.[0], i?.frobenius?.[1]);
    for (const [s, a] of Object.entries(m.alpha)) add(name, 'alpha', s, a, i?.alpha[s]?.[0], i?.alpha[s]?.[1]);
    for (const [id, x] of Object.entries(m.wd)) add(name, 'wd', id, x);
    for (const [id, x] of Object.entries(m.drift)) add(name, 'drift', id, x);
    for (const [id, x] of Object.entries(m.refusal_rate)) add(name, 'refusal_rate', id, x);
    for (const [id, x] of Object.entries(m.jsd)) add(name, 'jsd', id, x);
    for (const [id, x] of Object.entries(m.tv)) add(name, 'tv', id, x);
    if (m.agreement_mean !== undefined) add(name, 'agreement_mean', '', m.agreement_mean);
    for (const [id, x] of Object.entries(m.agreement ?? {})) add(name, 'agreement', id, x);
    for (const [variable, groups] of Object.entries(m.subgroups ?? {})) {
      for (const [g, s] of Object.entries(groups)) add(name, `subgroup_wd_mean:${variable}`, g, s.wd_mean);
    }
  }
  return `${rows.join('\n')}\n`;
}
