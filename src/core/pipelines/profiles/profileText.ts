import { letterLabels } from '../../llm/elicitation/letterLabels';
import { orList } from '../../llm/elicitation/orList';
import type { RandomSource } from '../../stats/types';
import { ANTHOLOGY } from '../../specModel/anthologyPrompts';
import { renderTemplate } from '../../specModel/templates/renderTemplate';

/** One demographic variable as the persona spec declares it (`demographics.variables.<name>`). */
export interface ProfileVariable {
  readonly name: string;
  readonly question: string;
  /** The options as the survey asks them; the `refused` option, if any, is among them. */
  readonly options: readonly string[];
  readonly refused?: string;
  /** Bio sentence, e.g. "My age is {{value}}."; default "My {{variable}} is {{value}}.". */
  readonly sentence?: string;
  /** Portray topic; default the variable's name. */
  readonly topic?: string;
}

export type ProfileStyleName = 'bio' | 'qa' | 'portray';

/** How traits are written out (the persona spec's `profile`). Defaults are Anthology's (seeds-methods.md §1.3, §1.6). */
export interface ProfileStyle {
  readonly style: ProfileStyleName;
  readonly preamble?: string;
  readonly item?: string;
  readonly line?: string;
  readonly separator?: string;
  readonly shuffle?: boolean;
}

/** Anthology's preambles per style (anthology/survey/atp_baseline_survey.py, quoted in seeds-methods.md §1.3); defined once in `ANTHOLOGY`. */
export const DEFAULT_PROFILE_PREAMBLES: Readonly<Record<ProfileStyleName, string>> = ANTHOLOGY.profilePreamble;
export const DEFAULT_PROFILE_ITEM: string = ANTHOLOGY.profileItem;
export const DEFAULT_PROFILE_LINE: string = ANTHOLOGY.profileLine;
/** Text between traits by style (the persona spec's `profile.separator` default; defined once in `ANTHOLOGY`). */
export const DEFAULT_PROFILE_SEPARATORS: Readonly<Record<ProfileStyleName, string>> = ANTHOLOGY.profileSeparator;

/**
 * A respondent's demographics written out as a persona ("Out of One, Many" / OpinionQA / Anthology baselines,
 * seeds-methods.md §1.6 and §3.2): `qa` one answered multiple-choice block per trait (refused options removed
 * from the list, letters from the option's position), `bio` one sentence per trait, `portray` `topic: value`
 * lines. Traits whose value is missing or the variable's refused option are skipped; their order is shuffled
 * with `random` when `shuffle` is on (the default).
 * @param values variable name → the respondent's category (one of the variable's options)
 * @throws RangeError when a value is not one of its variable's options
 */
export function profileText(
  values: Readonly<Record<string, string | undefined>>,
  variables: readonly ProfileVariable[],
  style: ProfileStyle,
  random?: RandomSource,
): string {
  const kept = variables.filter((v) => {
    const value = values[v.name];
    if (value === undefined || value === '' || value === v.refused) return false;
    if (!v.options.includes(value)) throw new RangeError(`"${value}" is not an option of ${v.name} (${v.options.join(' | ')})`);
    return true;
  });
  const order = [...kept];
  if ((style.shuffle ?? true) && random) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
  }
  const parts = order.map((v) => traitText(v, values[v.name]!, style));
  const body = parts.join(style.separator ?? DEFAULT_PROFILE_SEPARATORS[style.style]);
  const preamble = style.preamble ?? DEFAULT_PROFILE_PREAMBLES[style.style];
  if (preamble === '' || body === '') return preamble === '' ? body : preamble;
  return `${preamble}${style.style === 'bio' ? ' ' : '\n\n'}${body}`;
}

function traitText(v: ProfileVariable, value: string, style: ProfileStyle): string {
  switch (style.style) {
    case 'qa': {
      const shown = v.options.filter((o) => o !== v.refused);
      const labels = letterLabels(shown.length);
      const answer = `(${labels[shown.indexOf(value)]!})`;
      return renderTemplate(style.item ?? DEFAULT_PROFILE_ITEM, {
        variable: v.name,
        question: v.question,
        options: shown.map((o, i) => `(${labels[i]!}) ${o}`).join('\n'),
        labels: orList(labels.map((l) => `(${l})`)),
        answer,
        value,
      });
    }
    case 'bio':
      return renderTemplate(v.sentence ?? 'My {{variable}} is {{value}}.', { variable: v.name, value, question: v.question });
    case 'portray':
      return renderTemplate(style.line ?? DEFAULT_PROFILE_LINE, { variable: v.name, topic: v.topic ?? v.name, question: v.question, value });
  }
}
