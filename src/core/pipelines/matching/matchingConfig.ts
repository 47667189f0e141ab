import type { DemographicColumnSpec } from '../../specModel/surveySpec';
import type { DemographicVariableSettings } from '../demographicSurvey/demographicConfig';

export type AppendFormat = 'qa' | 'qa-freeform' | 'bio' | 'none';

/** What the matching stage needs (plain data; src/core/pipelines/specConfig builds it from the spec model). */
export interface MatchingStageConfig {
  readonly method: 'greedy' | 'max-weight' | 'random' | 'none';
  /** Variables matched on, in both the persona spec and `human.demographics`. */
  readonly variables: readonly string[];
  readonly append: AppendFormat;
  readonly seed: number;
  /** The respondents' id column; undefined = the row number (1-based). */
  readonly humanId: string | undefined;
  readonly humanDemographics: Readonly<Record<string, DemographicColumnSpec>>;
  /** The persona spec's demographic variables (question, options, refused, sentence). */
  readonly personaVariables: readonly DemographicVariableSettings[];
}
