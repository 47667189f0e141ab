import type { ItemMatrix } from '../../stats/types';

/**
 * What one method contributes to an analysis.
 * - `rows`: one row of answers per persona (simulation runs, the demographic-cell baseline): every metric.
 * - `distribution`: exact per-question answer shares with no personas behind them (the uniform baseline,
 *   ensembles): the distribution metrics; structure metrics only when `structure` says what they are.
 */
export type MethodSample = RowsSample | DistributionSample;

export interface RowsSample {
  readonly kind: 'rows';
  /** Personas × questions (questionnaire order), canonical codes, NaN = missing (refused or non-compliant). */
  readonly matrix: ItemMatrix;
  /** Per persona, the 0-based row of its matched human respondent, or −1; enables subgroup views. */
  readonly respondentRows?: Int32Array;
  /**
   * Personas not paired with respondents (meta, ladder, imported): per human demographic variable the personas carry,
   * each persona's own category in the human data's terms (`personaCategories.ts`); subgroup views use it.
   */
  readonly personaCategories?: ReadonlyMap<string, readonly (string | null)[]>;
  /**
   * Set when the rows hold no answers because none could be drawn (the demographic-cell baseline with fewer than
   * 2 respondents has no donor): then nothing was refused either, and refusal rates are null with this reason.
   */
  readonly noAnswersReason?: string;
}

export interface DistributionSample {
  readonly kind: 'distribution';
  /** Per question (questionnaire order), the share of each code in the question's `codes` order. */
  readonly shares: readonly Float64Array[];
  /** Personas behind the distribution (0 for an exact distribution). */
  readonly n: number;
  /** Per question refusal share, when known (ensembles blend their runs'); absent = not measured. */
  readonly refusalRate?: readonly (number | null)[];
  /**
   * `independent`: answers are independent across questions, so the population correlation matrix is the
   * identity and every scale's alpha is exactly 0 (uniform baseline). `none`: there are no joint answers
   * (a blend of distributions), so correlations and alpha are undefined and reported null with `reason`.
   */
  readonly structure: { readonly kind: 'independent' } | { readonly kind: 'none'; readonly reason: string };
  /** Why `refusal_rate` is null when `refusalRate` is absent. */
  readonly refusalReason?: string;
}

/** One method to analyse: its name (the key in `AnalysisReport.methods`) and how it was made. */
export interface MethodInput {
  readonly name: string;
  readonly kind: 'baseline' | 'simulation' | 'ensemble';
  readonly label: string;
  readonly runDir?: string;
  readonly model?: string;
  readonly sample: MethodSample;
}
