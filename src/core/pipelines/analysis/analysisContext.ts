import type { SurveySpec } from '../../specModel/surveySpec';
import type { AlphaScale } from '../../stats/types';
import type { HumanSample } from './humanSample';

/** What every metric computation of one analysis shares. */
export interface AnalysisContext {
  readonly survey: SurveySpec;
  readonly human: HumanSample;
  /** The spec's scales as column indices (questions are the matrix columns, in order). */
  readonly scales: readonly AlphaScale[];
  readonly questionIds: readonly string[];
  readonly codes: readonly (readonly number[])[];
  /** The human (weighted) shares per question, in `codes` order. */
  readonly humanShares: readonly Float64Array[];
  /** The human pairwise correlation matrix (k×k row-major; weighted when the survey has weights). */
  readonly humanCorrelation: Float64Array;
  readonly bootstrap: number;
  readonly confidence: number;
  readonly bootstrapSeed: number;
  readonly subgroups: readonly string[];
  /** Threads for the bootstrap replicates (1: this thread); undefined: chosen by the size of the work (`parallelBootstrap`). */
  readonly threads?: number;
  readonly signal?: AbortSignal;
  /** Bootstrap progress of the current method (replicates done, total), about every 100 ms. */
  readonly onBootstrap?: (done: number, total: number) => void;
  /** Collects `dotted.path → reason` for every null metric. */
  readonly reasons: Record<string, string>;
}

/** Column-index scales from a survey's named scales. */
export function scalesOf(survey: SurveySpec): AlphaScale[] {
  const index = new Map(survey.questions.map((q, i) => [q.id, i]));
  return survey.scales.map((s) => ({
    name: s.name,
    items: s.items.map((id) => index.get(id)!),
    reverse: s.reverse.map((id) => index.get(id)!),
  }));
}

/** NaN/±Infinity → null (with `reason` recorded under `path`), numbers unchanged. */
export function num(ctx: AnalysisContext, path: string, v: number, reason: string): number | null {
  if (Number.isFinite(v)) return v;
  ctx.reasons[path] = reason;
  return null;
}

/** A k×k row-major Float64Array as nested arrays with null for NaN. */
export function matrixRows(m: Float64Array, k: number): (number | null)[][] {
  return Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => {
    const v = m[i * k + j]!;
    return Number.isFinite(v) ? v : null;
  }));
}
