import { letterOptions } from '../shared/letterOptions';

/** The locator's system message (Anthology §1.4, GPT-4o at temperature 0). */
export const LOCATOR_SYSTEM = 'Please select the best answer from the following choices:';

/**
 * The locator prompt of Anthology §1.4: the backstory with the speaker tag "Question" replaced by "Essay", the
 * question "What does the person's essay above mention about the <topic> of the person?", the variable's options
 * with the refused option replaced by (or, without one, followed by) "Was not mentioned", and the instruction to
 * give evidence first. Returns the prompt and the options as shown (the last is "Was not mentioned").
 */
export function locatorPrompt(passage: string, topic: string, options: readonly string[], refused: string | undefined): { prompt: string; shown: string[] } {
  const shown = [...options.filter((o) => o !== refused), 'Was not mentioned'];
  const { lines, labelList } = letterOptions(shown);
  const essay = passage.replace(/\bQuestion:/g, 'Essay:');
  const prompt =
    `${essay}\n\nQuestion: What does the person's essay above mention about the ${topic} of the person?\n${lines}\n` +
    `First, provide evidence that is mentioned in the text. If the answer was not mentioned, select 'Was not mentioned'. Next, answer with ${labelList}.`;
  return { prompt, shown };
}

/** The last "X)" label in the locator's reply, as an index into the shown options; `undefined` when none. */
export function locatorAnswer(reply: string, count: number): number | undefined {
  let last: number | undefined;
  for (const m of reply.matchAll(/([A-Z])\)/g)) {
    const i = m[1]!.charCodeAt(0) - 65;
    if (i < count) last = i;
  }
  return last;
}
