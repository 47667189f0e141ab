import type { AnalysisReport } from '../pipelines/analysis/analysisReport';

/** The per-question numbers a survey spec's lenses show, from one method of one analysis. */
export interface LensResults {
  readonly runId: string;
  readonly method: string;
  readonly methodLabel: string;
  readonly wdMean: number | null;
  readonly boundMean: number | null;
  readonly questions: Readonly<Record<string, { readonly wd: number | null; readonly bound: number | null; readonly drift: number | null }>>;
}

const num = (v: number | null | undefined): number | null => (v === undefined || v === null || Number.isNaN(v) ? null : v);

/**
 * Picks the method the lenses report: the run's own method when the analysis has it, else the first simulation,
 * else the method with the lowest mean WD (a baselines-only run); undefined when the report has no method.
 */
export function lensResults(report: AnalysisReport, runId: string, runMethod?: string): LensResults | undefined {
  const entries = Object.entries(report.methods);
  const chosen =
    (runMethod !== undefined ? entries.find(([k]) => k === runMethod) : undefined) ??
    entries.find(([, m]) => m.kind === 'simulation') ??
    [...entries].sort(([, a], [, b]) => (a.wd_mean ?? Infinity) - (b.wd_mean ?? Infinity))[0];
  if (!chosen) return undefined;
  const [method, m] = chosen;
  const questions: Record<string, { wd: number | null; bound: number | null; drift: number | null }> = {};
  for (const q of report.survey.questions) questions[q.id] = { wd: num(m.wd[q.id]), bound: num(report.human.bounds.wd[q.id]), drift: num(m.drift[q.id]) };
  return { runId, method, methodLabel: m.label, wdMean: num(m.wd_mean), boundMean: num(report.human.bounds.wd_mean), questions };
}
