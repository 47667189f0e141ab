import type { ModelSettings } from '../shared/modelSettings';

/** One survey question (a survey spec's `questions[]`). */
export interface SurveyQuestionSettings {
  readonly id: string;
  readonly text: string;
  /** `ordinal` options are shown forward or reversed; `nominal` options may be shuffled. */
  readonly type: 'ordinal' | 'nominal';
  readonly options: readonly string[];
  /** Canonical code per option, in option order. */
  readonly codes: readonly number[];
  /** A template for this question only (instead of the simulation's). */
  readonly template?: string;
}

/** The default consistency sentence (Anthology §1.7, quoted). */
export const CONSISTENCY_SENTENCE = 'Please answer the following question keeping in mind your previous answers.';

/** What the simulation stage needs (plain data; src/core/pipelines/specConfig builds it). */
export interface SimulationStageConfig {
  readonly model: ModelSettings;
  readonly system?: string;
  /** `series`: each question sees the earlier questions and answers; `independent`: each asked alone. */
  readonly mode: 'series' | 'independent';
  readonly consistency: string;
  readonly order: { readonly questions: 'fixed' | 'shuffle'; readonly likert: 'forward' | 'reverse-half'; readonly nominal: 'fixed' | 'shuffle' };
  readonly elicitation: { readonly method: 'sample' | 'logprobs'; readonly maxReasks: number };
  /** `{{backstory}}`, `{{demographics}}`, `{{demographics.<var>}}`, `{{history}}`, `{{consistency}}`, `{{question}}`, `{{options}}`, `{{labels}}`, `{{id}}`. */
  readonly template: string;
  readonly questions: readonly SurveyQuestionSettings[];
  readonly seed: number;
}
