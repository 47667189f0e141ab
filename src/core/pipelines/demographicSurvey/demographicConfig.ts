import type { ModelSettings } from '../shared/modelSettings';

/** One variable of the demographic survey (a persona spec's `demographics.variables.<name>`). */
export interface DemographicVariableSettings {
  readonly name: string;
  readonly question: string;
  /** Options in the spec's order; the refused option, when there is one, among them. */
  readonly options: readonly string[];
  readonly refused?: string;
  /** Ask the locator first (Anthology: age, income, education). */
  readonly locate?: boolean;
  /** The word the locator question uses ("age", "household income"). @default the variable name */
  readonly topic?: string;
  /** Sentence template with `{{value}}`, used by the bio format of appended demographics. */
  readonly sentence?: string;
}

/** What the demographic survey stage needs (plain data; src/core/pipelines/specConfig builds it). */
export interface DemographicStageConfig {
  /** Sampled answers per backstory and variable (Anthology: 40). */
  readonly samples: number;
  readonly method: 'sample' | 'logprobs';
  readonly model: ModelSettings;
  /** `{{backstory}}`, `{{question}}`, `{{options}}`, `{{labels}}`, `{{variable}}`. */
  readonly template: string;
  readonly variables: readonly DemographicVariableSettings[];
  /** The deterministic locator for variables with `locate: true`; none: every variable is sampled. */
  readonly locator?: { readonly model: ModelSettings };
  readonly seed: number;
  /** Ask for several samples per call with `n` (turned off by itself when the server ignores or rejects it). @default true */
  readonly useN?: boolean;
  readonly outputPath: string;
}
