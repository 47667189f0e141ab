import type { ModelSettings } from './modelSettings';

/**
 * A validated survey spec (`*.survey.yaml`) as typed data, with every schema default filled in and every
 * path resolved against the spec's folder. Pipelines read this, never the raw YAML. Build it with
 * `toSurveySpec` after validation (or `loadSurveySpec` in src/core/spec, which validates first).
 */
export interface SurveySpec {
  readonly kind: 'survey';
  /** Absolute path of the spec file. */
  readonly path: string;
  /** SHA-256 (hex) of the spec's text, recorded in runs and reports. */
  readonly hash: string;
  readonly name: string;
  readonly description?: string;
  /** Absolute path of the persona spec (`personas`), when given. */
  readonly personas?: string;
  readonly questions: readonly SurveyQuestion[];
  /** Scales in spec order. */
  readonly scales: readonly SurveyScale[];
  readonly human?: HumanDataSpec;
  readonly matching: MatchingSpec;
  readonly simulation: SimulationSpec;
  readonly baselines: readonly BaselineName[];
  /** Outcome studies (`outcomes`), table paths resolved against the spec's folder. */
  readonly outcomes: readonly OutcomeSpec[];
  readonly metrics: MetricsSpec;
}

export interface SurveyQuestion {
  /** 0-based position in `questions` (questionnaire order). */
  readonly index: number;
  readonly id: string;
  readonly text: string;
  readonly type: 'ordinal' | 'nominal';
  /** Options in canonical order. */
  readonly options: readonly string[];
  /** One code per option (default 1..K), as stored in the human data. */
  readonly codes: readonly number[];
  /** Human-data column (default: the id). */
  readonly column: string;
  /** This question's own prompt template, when it replaces `simulation.template`. */
  readonly template?: string;
  /** 0-based line of the question in the spec text (for "reveal in spec"), when known. */
  readonly line?: number;
}

export interface SurveyScale {
  readonly name: string;
  readonly items: readonly string[];
  /** Reverse-keyed items (subset of `items`), recoded (min + max code − x) before alpha. */
  readonly reverse: readonly string[];
  readonly description?: string;
}

export interface HumanDataSpec {
  /** Absolute path of the data file. */
  readonly data: string;
  /** The path as written in the spec (for messages and reports). */
  readonly dataWritten: string;
  readonly delimiter: string;
  /** Respondent-id column; undefined = the row number. */
  readonly id?: string;
  /** Survey-weight column; undefined = unweighted. */
  readonly weight?: string;
  /** Raw fields meaning "no answer" in question columns (numbers written as text, e.g. "99"). */
  readonly missing: readonly string[];
  /** Demographic variables in spec order. */
  readonly demographics: readonly DemographicColumnSpec[];
}

/** How one demographic variable is read from a human-data column (see `demographicCategory`). */
export interface DemographicColumnSpec {
  readonly name: string;
  readonly column: string;
  /** Raw field → category; `null` = missing. */
  readonly map?: Readonly<Record<string, string | null>>;
  readonly ranges?: readonly DemographicRange[];
  /** Human category → the persona options whose probabilities are summed into it. */
  readonly harmonise?: Readonly<Record<string, readonly string[]>>;
  /** Raw fields meaning refused/missing (default: the empty field). */
  readonly missing: readonly string[];
}

export interface DemographicRange {
  readonly min: number;
  readonly max: number;
  readonly category: string | null;
}

export type MatchingMethod = 'greedy' | 'max-weight' | 'random' | 'none';

export interface MatchingSpec {
  readonly method: MatchingMethod;
  /** Variables for the edge weight; undefined = every `human.demographics` variable the persona spec surveys. */
  readonly variables?: readonly string[];
  readonly append: 'qa' | 'qa-freeform' | 'bio' | 'none';
  readonly seed: number;
}

export interface SimulationSpec {
  /** Named endpoint; undefined = the persona spec's endpoint. */
  readonly endpoint?: string;
  /** The survey model; undefined = the persona spec's model with `max_tokens` 128 and stop "\n", "Question:" (see `resolveSurveyModel`). */
  readonly model?: ModelSettings;
  readonly mode: 'series' | 'independent';
  /** The consistency sentence (used in series mode only). */
  readonly consistency: string;
  readonly order: {
    readonly questions: 'fixed' | 'shuffle';
    readonly likert: 'forward' | 'reverse-half';
    readonly nominal: 'fixed' | 'shuffle';
  };
  readonly elicitation: {
    readonly method: 'sample' | 'logprobs';
    readonly samples: number;
    readonly max_reasks: number;
  };
  /** Chat system message template, when given. */
  readonly system?: string;
  /** The question prompt template (default: the Anthology template). */
  readonly template: string;
  readonly seed: number;
  readonly batch: boolean;
}

export type BaselineName = 'uniform' | 'demographic-cell';

export interface MetricsSpec {
  readonly bounds: { readonly splits: number; readonly rule: 'sha256' | 'seeded'; readonly seed: number };
  /** Bootstrap resamples; 0 = no intervals. */
  readonly bootstrap: number;
  readonly confidence: number;
  readonly seed: number;
  /** Demographic variables to break metrics down by. */
  readonly subgroups: readonly string[];
}

/** One outcome study of the survey spec (`outcomes[i]`): Li et al. (2025)'s election experiment. */
export interface OutcomeSpec {
  /** Question id whose answer shares are aggregated. */
  readonly question: string;
  /** Persona field the answers are grouped by (e.g. STATE_NAME). */
  readonly group: string;
  /** Absolute path of the real-outcome CSV (`group`, `option`, `share`). */
  readonly table: string;
  /** The table path as written in the spec. */
  readonly tableWritten: string;
  readonly lean: { readonly toward: string; readonly against: string };
}
