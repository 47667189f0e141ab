/**
 * One line of a `*.backstories.jsonl` file: a generated (or imported) persona text and how it was made.
 * Every generation parameter is kept per line, so a file mixing several generations stays interpretable.
 */
export interface BackstoryRecord {
  /** Stable id, unique in the file (e.g. `b000123`); review decisions and matches refer to it. */
  readonly id: string;
  /** The persona's text the survey is conditioned on (the answer of the backstory prompt). */
  readonly text: string;
  /** The full passage in transcript form (preamble Q/A + backstory question + answer), when generated. */
  readonly passage?: string;
  /** Persona method that made it (`anthology`, `demographics-primed`, `bio`, `qa`, `portray`, `meta`, …). */
  readonly method: string;
  readonly model?: string;
  /** Every request parameter used (temperature, top_p, max_tokens, stop, seed, api, …). */
  readonly params?: Readonly<Record<string, unknown>>;
  readonly tokens?: number;
  readonly logprob?: number;
  readonly finishReason?: string;
  /** The accepted preamble answer, when the method has a preamble. */
  readonly preamble?: string;
  /** Demographics given to the generator (demographics-primed, templates, ladder), when any. */
  readonly given?: Readonly<Record<string, string>>;
  readonly seed?: number;
  readonly createdAt: string;
}

/**
 * One line of `<base>.demographics.jsonl`: the demographic survey of one backstory. Per variable, the raw
 * counts over the K options plus one last bucket for non-compliant / ambiguous answers (length K+1,
 * Anthology §1.4), where they came from, and how many samples were taken.
 */
export interface DemographicRecord {
  readonly id: string;
  readonly variables: Readonly<Record<string, DemographicEstimate>>;
}

export interface DemographicEstimate {
  readonly counts: readonly number[];
  readonly source: 'samples' | 'logprobs' | 'locator';
  readonly samples: number;
}

/** `<backstories file>.review.json`: the user's review decisions, written by the review editor only. */
export interface BackstoryReview {
  readonly version: 1;
  readonly entries: Readonly<Record<string, { readonly excluded?: boolean; readonly flagged?: boolean; readonly note?: string; readonly updatedAt: string }>>;
}
