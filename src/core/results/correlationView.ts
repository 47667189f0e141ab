import type { AnalysisReport, CorrelationMatrix } from '../pipelines/analysis/analysisReport';
import { ResultsError } from './resultsError';
import type { CorrelationView } from './resultsViewTypes';

/** Items per heatmap window: a 60 × 60 grid stays legible beside a spec and light to post. */
export const CORRELATION_WINDOW = 60;

/** Options of {@link correlationView}. */
export interface CorrelationViewOptions {
  readonly method: string;
  /** A scale's items, or every question. @default every question */
  readonly scale?: string;
  /** First item of the window. @default 0 */
  readonly offset?: number;
  /** @default CORRELATION_WINDOW */
  readonly size?: number;
}

/** The human, simulated and difference correlation matrices of a window of items (by id, so ids missing from a matrix show as null). */
export function correlationView(report: AnalysisReport, options: CorrelationViewOptions): CorrelationView {
  const m = report.methods[options.method];
  if (!m) throw new ResultsError('unknown-method', `the analysis has no method "${options.method}"`);
  let ids: readonly string[] = report.survey.questions.map((q) => q.id);
  if (options.scale !== undefined) {
    const scale = report.survey.scales[options.scale];
    if (!scale) throw new ResultsError('unknown-question', `the analysis has no scale "${options.scale}"`);
    ids = scale.items;
  }
  const total = ids.length;
  const size = Math.max(1, options.size ?? CORRELATION_WINDOW);
  const offset = Math.max(0, Math.min(options.offset ?? 0, Math.max(0, total - size)));
  const window = ids.slice(offset, offset + size);
  const human = subMatrix(report.human.correlation, window);
  const simulated = subMatrix(m.correlation, window);
  const difference = human.map((row, i) => row.map((h, j) => {
    const s = simulated[i]![j]!;
    return h === null || s === null ? null : s - h;
  }));
  return { method: options.method, ids: window, human, simulated, difference, total, offset };
}

function subMatrix(c: CorrelationMatrix, ids: readonly string[]): (number | null)[][] {
  const at = new Map(c.ids.map((id, i) => [id, i]));
  return ids.map((a) => ids.map((b) => {
    const i = at.get(a);
    const j = at.get(b);
    if (i === undefined || j === undefined) return null;
    const v = c.matrix[i]?.[j];
    return v === undefined || v === null || Number.isNaN(v) ? null : v;
  }));
}
