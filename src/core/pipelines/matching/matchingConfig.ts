import type { DemographicVariableSettings } from '../demographicSurvey/demographicConfig';

/** How a human survey column becomes a demographic category (a survey spec's `human.demographics.<name>`). */
export interface HumanDemographicSettings {
  readonly column: string;
  /** Raw value → category (`null`: treated as missing). */
  readonly map?: Readonly<Record<string, string | null>>;
  /** Numeric ranges → category (`null`: missing). */
  readonly ranges?: readonly { readonly min: number; readonly max: number; readonly category: string | null }[];
  /** Survey category → the persona options summed into it. */
  readonly harmonise?: Readonly<Record<string, readonly string[]>>;
  readonly missing?: readonly string[];
}

export type AppendFormat = 'qa' | 'qa-freeform' | 'bio' | 'none';

/** What the matching stage needs (plain data; src/core/pipelines/specConfig builds it). */
export interface MatchingStageConfig {
  readonly method: 'greedy' | 'max-weight' | 'random' | 'none';
  /** Variables matched on, in both the persona spec and `human.demographics`. */
  readonly variables: readonly string[];
  readonly append: AppendFormat;
  readonly seed: number;
  /** The human respondents: id column and missing markers. */
  readonly humanId: string;
  readonly humanMissing: readonly string[];
  readonly humanDemographics: Readonly<Record<string, HumanDemographicSettings>>;
  /** The persona spec's demographic variables (question, options, refused, sentence). */
  readonly personaVariables: readonly DemographicVariableSettings[];
}
