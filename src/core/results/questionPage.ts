import type { AnalysisReport } from '../pipelines/analysis/analysisReport';
import { ResultsError } from './resultsError';
import type { QuestionPage, QuestionRow, QuestionSortKey } from './resultsViewTypes';

/** Options of {@link questionPage}. */
export interface QuestionPageOptions {
  readonly method: string;
  /** @default 'order' */
  readonly sortBy?: QuestionSortKey;
  /** Largest first (for `drift`: largest |drift| first). @default true except for `order` */
  readonly descending?: boolean;
  /** Keep questions whose id or text contains this (case-insensitive). @default none */
  readonly filter?: string;
  readonly offset: number;
  readonly limit: number;
}

const num = (v: number | null | undefined): number | null => (v === undefined || v === null || Number.isNaN(v) ? null : v);

/** Every question's row for one method, in spec order. */
export function questionRows(report: AnalysisReport, method: string): QuestionRow[] {
  const m = report.methods[method];
  if (!m) throw new ResultsError('unknown-method', `the analysis has no method "${method}"`);
  return report.survey.questions.map((q, index) => ({
    index,
    id: q.id,
    text: q.text,
    wd: num(m.wd[q.id]),
    bound: num(report.human.bounds.wd[q.id]),
    drift: num(m.drift[q.id]),
    refusal: num(m.refusal_rate[q.id]),
  }));
}

/**
 * One page of the question list, sorted and filtered in the host so the page never holds more than it shows.
 * Sorting is stable; questions without the sort value come last in either direction.
 */
export function questionPage(report: AnalysisReport, options: QuestionPageOptions): QuestionPage {
  const sortBy = options.sortBy ?? 'order';
  const descending = options.descending ?? sortBy !== 'order';
  let rows = questionRows(report, options.method);
  const filter = options.filter?.trim().toLowerCase();
  if (filter) rows = rows.filter((r) => r.id.toLowerCase().includes(filter) || r.text.toLowerCase().includes(filter));
  if (sortBy !== 'order') {
    const key = (r: QuestionRow): number | null => (sortBy === 'wd' ? r.wd : sortBy === 'refusal' ? r.refusal : r.drift === null ? null : Math.abs(r.drift));
    const sign = descending ? -1 : 1;
    rows = rows
      .map((r) => ({ r, k: key(r) }))
      .sort((a, b) => (a.k === null ? (b.k === null ? a.r.index - b.r.index : 1) : b.k === null ? -1 : sign * (a.k - b.k) || a.r.index - b.r.index))
      .map((x) => x.r);
  } else if (descending) rows.reverse();
  const offset = Math.max(0, Math.min(options.offset, Math.max(0, rows.length - 1)));
  return { total: rows.length, offset, rows: rows.slice(offset, offset + Math.max(0, options.limit)) };
}
