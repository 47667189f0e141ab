import type { ModelSettings } from '../shared/modelSettings';

/** The citizenship-style preamble of Anthology: asked first, re-sampled until its answer is accepted. */
export interface PreambleSettings {
  readonly prompt: string;
  /** Accept pattern (inline flags allowed: `(?i)yes`); undefined accepts any answer. */
  readonly accept?: string;
  readonly maxTokens?: number;
  readonly stop?: readonly string[];
  /** Samples per backstory before giving up on it. @default 20 */
  readonly maxAttempts?: number;
}

/** One demographics-primed backstory to write: the block shown to the generator and the values in it. */
export interface PrimedDemographics {
  /** Text for `{{demographics}}` in the backstory prompt (variable order already shuffled, refused skipped). */
  readonly block: string;
  readonly given: Readonly<Record<string, string>>;
}

/** What the backstory stage needs from a persona spec (plain data; src/core/pipelines/specConfig builds it). */
export interface BackstoryStageConfig {
  /** `anthology` (natural) or `demographics-primed`. */
  readonly method: string;
  /** Backstories wanted (for demographics-primed: one per entry of `primed`). */
  readonly count: number;
  readonly seed: number;
  readonly model: ModelSettings;
  readonly system?: string;
  readonly preamble?: PreambleSettings;
  /** The backstory question in transcript form (may use `{{demographics}}`). */
  readonly prompt: string;
  /** Backstories of this many generated tokens or fewer are dropped (Anthology: 40). @default 0 */
  readonly minTokens: number;
  readonly primed?: readonly PrimedDemographics[];
  /** Where the JSONL goes (absolute). */
  readonly outputPath: string;
  /** Generations tried per backstory slot before it stays empty (short, duplicate, preamble never accepted). @default 5 */
  readonly maxTriesPerSlot?: number;
}
