import type { OutcomeStudyReport } from '../outcomes/outcomeStudy';
/**
 * The result of analysing one survey spec: the human reference, its split-half bounds, and every method
 * (baselines, simulation runs, ensembles) measured against it. Written as `analysis.json` in a run folder,
 * printed by `persona-studio analyze --json`, and rendered by the results panel. Plain JSON: no class, no Map.
 *
 * A metric that could not be computed is `null`, and `reasons` says why under the metric's dotted path
 * (e.g. `"methods.uniform.frobenius": "every simulated column is constant"`). A number is never reported for
 * what was not measured.
 */
export interface AnalysisReport {
  readonly schema: 'persona-studio/analysis@1';
  readonly createdAt: string;
  readonly survey: AnalysisSurvey;
  readonly human: HumanReference;
  /** Keyed by method name: `uniform`, `demographic-cell`, a run's method name, an ensemble's name. */
  readonly methods: Readonly<Record<string, MethodMetrics>>;
  /** Dotted metric path → why that metric is `null`. */
  readonly reasons: Readonly<Record<string, string>>;
  /** The survey's outcome studies (`outcomes`), per simulation method side by side; absent when it declares none. */
  readonly outcomes?: readonly OutcomeStudyReport[];
}

export interface AnalysisSurvey {
  readonly name: string;
  /** The spec's path, relative to the run folder's workspace root when known. */
  readonly specPath: string;
  readonly specHash: string;
  readonly questions: readonly AnalysisQuestion[];
  readonly scales: Readonly<Record<string, { readonly items: readonly string[]; readonly reverse: readonly string[] }>>;
}

export interface AnalysisQuestion {
  readonly id: string;
  readonly text: string;
  readonly options: readonly string[];
  /** Canonical codes, one per option, in option order. Distributions below follow this order. */
  readonly codes: readonly number[];
  /** 0-based line of the question's `id` in the spec (for "reveal in spec"), when known. */
  readonly line?: number;
}

/** A Pearson correlation matrix over `ids`; `null` where a pair could not be computed. */
export interface CorrelationMatrix {
  readonly ids: readonly string[];
  readonly matrix: readonly (readonly (number | null)[])[];
}

/** A [low, high] percentile interval; absent when no bootstrap was run. */
export type Interval = readonly [number, number];

export interface HumanReference {
  readonly n: number;
  readonly weighted: boolean;
  readonly alpha: Readonly<Record<string, number | null>>;
  /** Share per code (in `codes` order), survey-weighted when weights are declared. */
  readonly distributions: Readonly<Record<string, readonly number[]>>;
  readonly means: Readonly<Record<string, number | null>>;
  readonly correlation: CorrelationMatrix;
  readonly bounds: HumanBounds;
  /** Question id → answers whose code is not declared for the question, treated as missing (only questions with any). */
  readonly undeclared_codes?: Readonly<Record<string, number>>;
}

/** Split-half human lower bounds (Anthology §1.8 (4)): metrics between random halves, averaged. */
export interface HumanBounds {
  readonly splits: number;
  readonly rule: 'sha256' | 'seeded';
  readonly seed?: number;
  readonly wd_mean: number | null;
  readonly wd: Readonly<Record<string, number | null>>;
  readonly frobenius: number | null;
  readonly alpha_abs_diff: Readonly<Record<string, number | null>>;
  /** With survey weights, `wd_mean`/`wd`/`frobenius` above are weighted; the unweighted values are here. */
  readonly unweighted?: { readonly wd_mean: number | null; readonly frobenius: number | null };
}

export interface MethodMetrics {
  readonly kind: 'baseline' | 'simulation' | 'ensemble';
  /** Human-readable label, e.g. `uniform`, `anthology · Llama-3-70B · greedy`. */
  readonly label: string;
  /** The run folder this method's answers come from (relative path), when it has one. */
  readonly runDir?: string;
  readonly model?: string;
  /** Number of personas (rows) answering. */
  readonly n: number;
  readonly wd: Readonly<Record<string, number | null>>;
  readonly wd_mean: number | null;
  /** OpinionQA representativeness 1 − WD/(K−1), averaged over questions. */
  readonly representativeness: number | null;
  readonly frobenius: number | null;
  readonly alpha: Readonly<Record<string, number | null>>;
  /** Signed drift: simulated minus human (weighted) mean, per question, in code units. */
  readonly drift: Readonly<Record<string, number | null>>;
  /** Share of personas whose answer to the question was a refusal or non-compliant (missing). */
  readonly refusal_rate: Readonly<Record<string, number | null>>;
  /** Jensen–Shannon divergence (base 2) and total-variation distance per question. */
  readonly jsd: Readonly<Record<string, number | null>>;
  readonly tv: Readonly<Record<string, number | null>>;
  /** Share per code (in `codes` order) of the valid answers. */
  readonly distributions: Readonly<Record<string, readonly number[]>>;
  readonly correlation: CorrelationMatrix;
  /**
   * Individual-level agreement per question: the (respondent-weighted) share of paired personas whose answer equals
   * their respondent's, over pairs where both answered. The one metric that needs personas paired with respondents:
   * null with its reason for personas paired with nobody (meta, ladder, imported) and for exact distributions.
   * Absent in analyses written before it existed.
   */
  readonly agreement?: Readonly<Record<string, number | null>>;
  /** Mean of `agreement` over the questions that have one. */
  readonly agreement_mean?: number | null;
  /**
   * Seeded bootstrap percentile intervals, when bootstrap resamples were requested: the (1 − level)/2 and
   * (1 + level)/2 quantiles of the metric over the resamples (Efron & Tibshirani 1993, ch. 13). For a distance
   * (wd_mean, Frobenius) they show how far apart resamples of these sizes are, which sits above the estimate by about
   * `bias`; they are not a range for the distance between the populations (see `bootstrapBias`).
   */
  readonly intervals?: {
    /** How the interval is computed (always the percentile interval). */
    readonly kind?: 'percentile';
    readonly resamples: number;
    readonly level: number;
    /** Bootstrap estimate of bias of the distances (mean over the resamples − the estimate); null when undefined. */
    readonly bias?: { readonly wd_mean: number | null; readonly frobenius: number | null };
    readonly wd_mean: Interval | null;
    readonly frobenius: Interval | null;
    readonly alpha: Readonly<Record<string, Interval | null>>;
    /** Seed of the bootstrap stream. */
    readonly seed?: number;
  };
  /** Metrics per subgroup of a demographic variable: variable → group → the main scalar metrics. */
  readonly subgroups?: Readonly<Record<string, Readonly<Record<string, SubgroupMetrics>>>>;
  /**
   * Whose demographics put a persona in a subgroup: `respondent` — the human it is paired with (matched personas,
   * bio/qa/portray, the demographic-cell baseline); `persona` — its own (meta and ladder personas' census fields,
   * imported personas' mapped columns), for personas not paired with anyone.
   */
  readonly subgroups_by?: 'respondent' | 'persona';
}

export interface SubgroupMetrics {
  readonly n_human: number;
  readonly n: number;
  readonly wd_mean: number | null;
  readonly drift: Readonly<Record<string, number | null>>;
}
