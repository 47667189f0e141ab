// The results panel's view of an AnalysisReport, as plain data (computed in the host, posted to the page).
import type { Interval } from '../pipelines/analysis/analysisReport';

/** Sort keys of the question list. `order` is the spec's order. */
export type QuestionSortKey = 'order' | 'wd' | 'drift' | 'refusal';
export const questionSortKeys: readonly QuestionSortKey[] = ['order', 'wd', 'drift', 'refusal'];

/** One row of the question list, for one method. */
export interface QuestionRow {
  /** Position in the spec's question list (0-based). */
  readonly index: number;
  readonly id: string;
  /** Model-free question text from the spec (still inserted as text only). */
  readonly text: string;
  readonly wd: number | null;
  /** The human split-half WD bound of this question. */
  readonly bound: number | null;
  readonly drift: number | null;
  readonly refusal: number | null;
}

export interface QuestionPage {
  readonly total: number;
  readonly offset: number;
  readonly rows: readonly QuestionRow[];
}

/** A metric value with its bootstrap interval, why it is missing, and whether it is the best of its column. */
export interface MetricCell {
  readonly value: number | null;
  readonly interval: Interval | null;
  /** Why `value` is null (from the report's `reasons`). */
  readonly reason?: string;
  readonly best: boolean;
}

/** One method (row) of the metric table. */
export interface MetricRow {
  readonly method: string;
  readonly label: string;
  readonly kind: 'baseline' | 'simulation' | 'ensemble';
  /** Personas answering; 0 with `exact` for an exact distribution (the uniform baseline), never a sample size. */
  readonly n: number;
  /** The method is an exact distribution (not sampled): there is no persona count to show. */
  readonly exact: boolean;
  readonly model?: string;
  readonly wdMean: MetricCell;
  readonly frobenius: MetricCell;
  readonly representativeness: MetricCell;
  /** Cronbach's alpha per scale; `best` marks the value closest to the human alpha. */
  readonly alpha: Readonly<Record<string, MetricCell>>;
}

/** The metric table: methods × metrics, with the human reference row the methods are read against. */
export interface MetricTable {
  readonly scales: readonly string[];
  readonly rows: readonly MetricRow[];
  readonly human: {
    readonly n: number;
    readonly weighted: boolean;
    /** Split-half bounds: mean WD and Frobenius between random human halves. */
    readonly wdMeanBound: number | null;
    readonly frobeniusBound: number | null;
    /** Human alpha per scale and its split-half |Δα| bound. */
    readonly alpha: Readonly<Record<string, number | null>>;
    readonly alphaBound: Readonly<Record<string, number | null>>;
    readonly splits: number;
    readonly rule: 'sha256' | 'seeded';
  };
  /** Bootstrap settings of the intervals, when any method has them. */
  readonly bootstrap: { readonly resamples: number; readonly level: number } | null;
}

/** One answer distribution in a question's chart. */
export interface DistributionSeries {
  readonly key: string;
  readonly label: string;
  readonly kind: 'human' | 'baseline' | 'simulation' | 'ensemble';
  /** Share per code, in the question's code order; null when the method has none for this question. */
  readonly shares: readonly number[] | null;
  readonly wd: number | null;
  readonly drift: number | null;
  readonly refusal: number | null;
}

export interface QuestionDetail {
  readonly index: number;
  readonly id: string;
  readonly text: string;
  readonly options: readonly string[];
  readonly codes: readonly number[];
  readonly bound: number | null;
  readonly series: readonly DistributionSeries[];
}

/** Correlation heatmaps of one method next to the human ones, for a window of items. */
export interface CorrelationView {
  readonly method: string;
  readonly ids: readonly string[];
  readonly human: readonly (readonly (number | null)[])[];
  readonly simulated: readonly (readonly (number | null)[])[];
  /** simulated − human; null where either is null. */
  readonly difference: readonly (readonly (number | null)[])[];
  /** Items in the chosen set, and the window shown (heatmaps are capped to keep them legible and light). */
  readonly total: number;
  readonly offset: number;
}

/** Whether a method's drift leans one way across questions. */
export interface DriftLean {
  readonly threshold: number;
  /** Questions with a defined drift. */
  readonly defined: number;
  /** Questions with drift > threshold and < −threshold. */
  readonly above: number;
  readonly below: number;
  /** The dominant direction's share of the defined questions. */
  readonly share: number;
  /** `higher`/`lower` when that share reaches `minShare`; null otherwise. */
  readonly leans: 'higher' | 'lower' | null;
  readonly minShare: number;
}

export interface SubgroupDrift {
  readonly variable: string;
  readonly group: string;
  readonly nHuman: number;
  readonly n: number;
  readonly wdMean: number | null;
  readonly lean: DriftLean;
}

export interface DriftView {
  readonly method: string;
  /** Per question, in spec order. */
  readonly ids: readonly string[];
  readonly drift: readonly (number | null)[];
  readonly refusal: readonly (number | null)[];
  readonly lean: DriftLean;
  readonly subgroups: readonly SubgroupDrift[];
}

/** How a persona's answer to a question ended (as recorded in the run's `personas.jsonl`). */
export type PersonaAnswerStatus = 'answered' | 'refused' | 'non-compliant' | 'failed' | 'missing';

/** One persona of a simulation run, in the Personas list. */
export interface PersonaRow {
  readonly id: string;
  /** The backstory (or method persona) it was made from. */
  readonly backstoryId: string;
  /** The matched human respondent's label, when the persona was matched to one. */
  readonly human: string | null;
  readonly answered: number;
  /** Refused, non-compliant and failed answers (and questions with no record). */
  readonly refused: number;
  readonly nonCompliant: number;
  readonly failed: number;
  /** Mean |persona code − matched human code| over questions both answered; null when unpaired or none paired. */
  readonly mad: number | null;
  /** Questions both the persona and its human answered. */
  readonly paired: number;
}

export interface PersonaPage {
  readonly method: string;
  readonly total: number;
  readonly offset: number;
  readonly rows: readonly PersonaRow[];
  /** `backstory`: the persona method writes backstories (Open backstory); `text`: a method persona's text; `none`. */
  readonly source: 'backstory' | 'text' | 'none';
  /** Whether the human data could be read for the matched answers (and why not). */
  readonly humanNote: string | null;
}

/** One answer of a persona, beside its matched human's. */
export interface PersonaAnswerRow {
  readonly question: string;
  readonly text: string;
  readonly status: PersonaAnswerStatus;
  readonly code: number | null;
  readonly label: string | null;
  readonly humanCode: number | null;
  readonly humanLabel: string | null;
}

export interface PersonaDetail {
  readonly method: string;
  readonly row: PersonaRow;
  readonly answers: readonly PersonaAnswerRow[];
  readonly source: 'backstory' | 'text' | 'none';
  /** The persona text the run used (methods without backstories): untrusted model or data text, clipped. */
  readonly text: string | null;
  readonly demographics: Readonly<Record<string, string | null>>;
}
