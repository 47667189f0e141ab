import type { RandomSource } from '../../stats/types';
import type { DemographicVariableSettings } from '../demographicSurvey/demographicConfig';
import { letterOptions } from '../shared/letterOptions';
import { renderTemplate } from '../../specModel/templates/renderTemplate';
import type { AppendFormat } from './matchingConfig';

/** One trait to append: the persona spec's variable, the survey's categories and the respondent's category. */
export interface AppendedTrait {
  readonly variable: DemographicVariableSettings;
  readonly categories: readonly string[];
  readonly category: string;
}

/**
 * The matched respondent's true demographics written in the spec's format (Anthology §1.5, §1.6), traits in a
 * shuffled order (Fisher–Yates with `random`; refused and missing traits are not passed in):
 * - `qa`: one answered multiple-choice block per trait ("Question: …\n(A) …\nAnswer with (A), …\nAnswer: (B)");
 * - `qa-freeform`: "Question: …\n\nAnswer: <category>";
 * - `bio`: "Question: Please provide your demographic information.\n\nAnswer: " + the variables' sentences;
 * - `none`: nothing.
 * Blocks are separated by a blank line.
 */
export function appendDemographics(traits: readonly AppendedTrait[], format: AppendFormat, random: RandomSource): string {
  const order = [...traits];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  if (format === 'none' || order.length === 0) return '';
  if (format === 'bio') {
    const sentences = order.map((t) => renderTemplate(t.variable.sentence ?? `My ${t.variable.name} is {{value}}.`, { value: t.category }));
    return `Question: Please provide your demographic information.\n\nAnswer: ${sentences.join(' ')}`;
  }
  return order
    .map((t) => {
      if (format === 'qa-freeform') return `Question: ${t.variable.question}\n\nAnswer: ${t.category}`;
      const { lines, labels, labelList } = letterOptions(t.categories);
      return `Question: ${t.variable.question}\n${lines}\nAnswer with ${labelList}.\nAnswer: (${labels[t.categories.indexOf(t.category)]!})`;
    })
    .join('\n\n');
}
