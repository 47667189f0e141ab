import type { LlmResponse } from '../llmResponse';
import { parseChoiceAnswer, type ChoiceParse } from './parseChoiceAnswer';

/** Counts over the options plus the answers that did not count. */
export interface ChoiceTally {
  readonly counts: number[];
  refusals: number;
  nonCompliant: number;
  /** Answers cut off by the token limit and not parseable. */
  truncated: number;
  readonly parses: ChoiceParse[];
}

export function emptyTally(optionCount: number): ChoiceTally {
  return { counts: Array.from({ length: optionCount }, () => 0), refusals: 0, nonCompliant: 0, truncated: 0, parses: [] };
}

/**
 * Adds every choice of `response` to `tally`: parsed answers count for their option; a `refusal` field or a
 * content-filter stop counts as a refusal; a parse failure after a `length` stop counts as truncated.
 */
export function tallyChoices(tally: ChoiceTally, response: LlmResponse, options: readonly string[], labels: readonly string[]): ChoiceTally {
  for (const choice of response.choices) {
    let parse: ChoiceParse;
    if (choice.refusal !== undefined || choice.finishReason === 'content_filter') parse = { kind: 'refusal' };
    else parse = parseChoiceAnswer(choice.text, options, labels);
    tally.parses.push(parse);
    if (parse.kind === 'answer') tally.counts[parse.index]! += 1;
    else if (parse.kind === 'refusal') tally.refusals++;
    else if (choice.finishReason === 'length') tally.truncated++;
    else tally.nonCompliant++;
  }
  return tally;
}
