import type { ModelSettings } from './modelSettings';

export type PersonaMethod =
  | 'anthology'
  | 'demographics-primed'
  | 'bio'
  | 'qa'
  | 'portray'
  | 'meta'
  | 'objective-tabular'
  | 'subjective-tabular'
  | 'descriptive'
  | 'import';

/**
 * A validated persona spec (`*.persona.yaml`) as typed data, with schema defaults filled in (including
 * the inherited models: the demographic-survey model defaults to `model` with `max_tokens` 128 and stop
 * "\n", "Question"; the locator model to the demographic-survey model at temperature 0 through chat) and
 * paths resolved against the spec's folder. Build it with `toPersonaSpec` after validation.
 */
export interface PersonaSpec {
  readonly kind: 'persona';
  readonly path: string;
  readonly hash: string;
  readonly name: string;
  readonly description?: string;
  readonly method: PersonaMethod;
  /** Named endpoint (default `default`). */
  readonly endpoint: string;
  readonly model?: ModelSettings;
  readonly seed?: number;
  readonly backstories?: BackstoriesSpec;
  readonly demographics?: DemographicSurveySpec;
  /** Present for bio/qa/portray/demographics-primed (defaults filled in for the method's style), or when written. */
  readonly profile?: ProfileSpec;
  readonly census?: CensusSpec;
  readonly generation?: GenerationSpec;
  readonly import?: ImportSpec;
  readonly batch: boolean;
}

export interface BackstoriesSpec {
  readonly count?: number;
  readonly system?: string;
  readonly preamble?: PreambleSpec;
  /** The backstory question template (`{{demographics}}` / `{{demographics.<v>}}` for demographics-primed). */
  readonly prompt: string;
  readonly stop?: readonly string[];
  /** Backstories with this many generated tokens or fewer are flagged excluded (0 = keep all). */
  readonly min_tokens: number;
  /** Absolute path of the JSONL output (default `<name>.backstories.jsonl` next to the spec). */
  readonly output: string;
}

export interface PreambleSpec {
  readonly prompt: string;
  /** The `accept` pattern as written (compile it with `compileAcceptPattern`); undefined = accept any answer. */
  readonly accept?: string;
  readonly max_tokens: number;
  readonly stop?: readonly string[];
  readonly max_attempts: number;
}

export interface DemographicSurveySpec {
  readonly samples: number;
  readonly method: 'sample' | 'logprobs';
  /** The demographic-survey model, defaults applied; undefined only when the spec has no `model` either. */
  readonly model?: ModelSettings;
  /** Locator for `locate: true` variables; present when any variable locates or `locator` is written. */
  readonly locator?: { readonly endpoint: string; readonly model?: ModelSettings };
  readonly template: string;
  /** Variables in spec order. */
  readonly variables: readonly DemographicVariableSpec[];
}

export interface DemographicVariableSpec {
  readonly name: string;
  readonly question: string;
  readonly options: readonly string[];
  /** The refusal option, when declared (one of `options`). */
  readonly refused?: string;
  readonly locate: boolean;
  /** Biography sentence template (default "My <name> is {{value}}."). */
  readonly sentence: string;
  /** Label in portray lines (default: the name). */
  readonly topic: string;
}

export interface ProfileSpec {
  readonly style: 'bio' | 'qa' | 'portray';
  readonly preamble: string;
  readonly item: string;
  readonly line: string;
  readonly separator: string;
  readonly shuffle: boolean;
}

export interface CensusSpec {
  readonly marginals?: string;
  readonly joint: readonly string[];
  readonly count?: number;
  readonly region?: string;
  readonly not_applicable: string;
}

export interface GenerationSpec {
  readonly system?: string;
  readonly prompt: string;
  /** Field name → allowed values, or a description of the expected free text. */
  readonly fields: Readonly<Record<string, readonly string[] | string>>;
  readonly response_prefix: string;
  /** Absolute path (default `<name>.personas.jsonl` next to the spec). */
  readonly output: string;
}

export interface ImportSpec {
  readonly file: string;
  /** The format named in the spec; absent = from the file's extension (.jsonl/.ndjson, .csv/.tsv, .parquet). */
  readonly format?: 'jsonl' | 'csv' | 'parquet';
  readonly id?: string;
  /** The text column; absent = the whole record as JSON. */
  readonly text?: string;
  readonly demographics: Readonly<Record<string, string>>;
  readonly limit?: number;
}
