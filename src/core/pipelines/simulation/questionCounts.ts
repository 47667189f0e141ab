/**
 * What happened to one question across all personas. Always
 * `answered + refused + nonCompliant + failed = personas`: nothing is dropped silently.
 */
export interface QuestionCounts {
  personas: number;
  /** A canonical code was recorded. */
  answered: number;
  /** The model declined (refusal field, content filter, "As an AI …"): missing, not re-asked. */
  refused: number;
  /** No parseable answer after the last re-ask: missing. */
  nonCompliant: number;
  /** The request failed for good (see the journal): missing. */
  failed: number;
  /** Extra samples asked because an answer did not parse. */
  reasks: number;
  /** Logprob requests answered without log-probabilities, sampled instead. */
  logprobFallbacks: number;
  /** How recorded answers were read: by label, by option text, by both, or from log-probabilities. */
  via: { label: number; text: number; both: number; logprobs: number };
}

export function emptyQuestionCounts(personas: number): QuestionCounts {
  return { personas, answered: 0, refused: 0, nonCompliant: 0, failed: 0, reasks: 0, logprobFallbacks: 0, via: { label: 0, text: 0, both: 0, logprobs: 0 } };
}
