import { parseChoiceAnswer } from '../../llm/elicitation/parseChoiceAnswer';
import { optionOfAmount, type NumericBin } from './numericBins';

const preferNot = /\b(prefer not|rather not|decline to (?:answer|say)|won'?t say|not comfortable (?:sharing|saying))\b/i;

/**
 * The demographic parse ladder (Anthology §1.4): a single option label or option text (the survey ladder of
 * `parseChoiceAnswer`); else, for numeric variables, the one stated amount mapped to its bin ("I am 34" → 30-49);
 * else a "prefer not to say" phrase → the refused option. Anything else (refusals as an AI included) lands in the
 * non-compliant bucket: returns `undefined`.
 */
export function parseDemographicAnswer(text: string, options: readonly string[], labels: readonly string[], bins: readonly (NumericBin | undefined)[], refusedIndex: number | undefined): { index: number; via: 'label' | 'text' | 'both' | 'amount' | 'prefer-not' } | undefined {
  const parse = parseChoiceAnswer(text, options, labels);
  if (parse.kind === 'answer') return { index: parse.index, via: parse.via };
  if (parse.kind === 'non-compliant' && parse.why !== 'none') return undefined;
  const byAmount = optionOfAmount(text, bins);
  if (byAmount !== undefined) return { index: byAmount, via: 'amount' };
  if (refusedIndex !== undefined && preferNot.test(text)) return { index: refusedIndex, via: 'prefer-not' };
  return undefined;
}
