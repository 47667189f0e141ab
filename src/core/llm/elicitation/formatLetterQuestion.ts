import { letterLabels } from './letterLabels';
import { orList } from './orList';

export interface LetterQuestionOptions {
  /**
   * 'anthology': `(A) option` lines and "Answer with (A), (B), or (C).\nAnswer:" (for base models, Moon et al.);
   * 'instruct': `A. option` lines and "Answer with the letter only." (for chat models).
   * @default 'anthology'
   */
  readonly style?: 'anthology' | 'instruct';
  /** A sentence before the question, e.g. the consistency sentence of a survey in series. */
  readonly preamble?: string;
}

/** A multiple-choice question with letter labels, in the order given (shuffle before calling). */
export function formatLetterQuestion(question: string, options: readonly string[], settings: LetterQuestionOptions = {}): string {
  const labels = letterLabels(options.length);
  const lines: string[] = [];
  if (settings.preamble !== undefined) lines.push(settings.preamble);
  if ((settings.style ?? 'anthology') === 'anthology') {
    lines.push(`Question: ${question}`);
    options.forEach((o, i) => lines.push(`(${labels[i]!}) ${o}`));
    lines.push(`Answer with ${orList(labels.map((l) => `(${l})`))}.`, 'Answer:');
  } else {
    lines.push(question);
    options.forEach((o, i) => lines.push(`${labels[i]!}. ${o}`));
    lines.push('Answer with the letter only.');
  }
  return lines.join('\n');
}
