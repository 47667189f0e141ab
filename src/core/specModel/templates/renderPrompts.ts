import type { DemographicVariableSpec, PersonaSpec } from '../personaSpec';
import type { SimulationSpec, SurveyQuestion } from '../surveySpec';
import { labelList, optionLines } from './optionLines';
import { renderTemplate, type TemplateValues } from './renderTemplate';

/** What a survey prompt needs besides the spec: the persona and the question as presented to it. */
export interface QuestionPromptInput {
  /** The persona text with the appended demographic block (`{{backstory}}`). */
  readonly backstory: string;
  /** Only the appended demographic block (`{{demographics}}`); "" when nothing was appended. */
  readonly demographicsBlock: string;
  /** Matched respondent's category per `human.demographics` variable (`{{demographics.<v>}}`); refused → "". */
  readonly demographics: Readonly<Record<string, string>>;
  /** Series mode: the earlier questions with the model's answers, each followed by a blank line; "" otherwise. */
  readonly history: string;
  /** The options in the order shown to this persona (forward, reversed or shuffled). */
  readonly presentedOptions: readonly string[];
}

function demographicValues(demographics: Readonly<Record<string, string>>, block: string): Record<string, string> {
  const out: Record<string, string> = { demographics: block };
  for (const [k, v] of Object.entries(demographics)) out[`demographics.${k}`] = v;
  return out;
}

/** `{{consistency}}`: the consistency sentence and a line break in series mode; empty in independent mode. */
export function consistencyValue(simulation: SimulationSpec): string {
  return simulation.mode === 'series' ? `${simulation.consistency}\n` : '';
}

/** The values of a survey question template (`simulation.template` / `questions[].template`). */
export function questionTemplateValues(simulation: SimulationSpec, question: SurveyQuestion, input: QuestionPromptInput): TemplateValues {
  return {
    ...demographicValues(input.demographics, input.demographicsBlock),
    backstory: input.backstory,
    history: simulation.mode === 'series' ? input.history : '',
    consistency: consistencyValue(simulation),
    question: question.text,
    options: optionLines(input.presentedOptions),
    labels: labelList(input.presentedOptions.length),
    id: question.id,
  };
}

/** The full prompt for one survey question (the question's own template, else `simulation.template`). */
export function renderQuestionPrompt(simulation: SimulationSpec, question: SurveyQuestion, input: QuestionPromptInput): string {
  const template = question.template ?? simulation.template;
  const where = question.template ? `the template of question ${question.id}` : '`simulation.template`';
  return renderTemplate(template, questionTemplateValues(simulation, question, input), where);
}

/** The chat system message of a survey (undefined when the spec has none). */
export function renderSurveySystem(simulation: SimulationSpec, input: Pick<QuestionPromptInput, 'backstory' | 'demographics' | 'demographicsBlock'>): string | undefined {
  if (simulation.system === undefined) return undefined;
  return renderTemplate(simulation.system, { ...demographicValues(input.demographics, input.demographicsBlock), backstory: input.backstory }, '`simulation.system`');
}

/** One demographic question to a backstory (`demographics.template`), options in the presented order. */
export function renderDemographicPrompt(template: string, variable: DemographicVariableSpec, backstory: string, presentedOptions: readonly string[] = variable.options): string {
  return renderTemplate(template, {
    backstory,
    question: variable.question,
    options: optionLines(presentedOptions),
    labels: labelList(presentedOptions.length),
    variable: variable.name,
  }, '`demographics.template`');
}

/**
 * The backstory request text: with a preamble, preamble prompt + accepted preamble answer + blank line +
 * the backstory prompt (schema `backstories.prompt`); without, the prompt alone. For demographics-primed
 * backstories pass the respondent's rendered profile and categories.
 */
export function renderBackstoryPrompt(
  persona: Pick<PersonaSpec, 'backstories'>,
  input: { readonly preambleAnswer?: string; readonly demographicsBlock?: string; readonly demographics?: Readonly<Record<string, string>> } = {},
): string {
  const b = persona.backstories;
  if (!b) throw new RangeError('the persona spec has no `backstories` section');
  const values: Record<string, string> = input.demographicsBlock === undefined ? {} : demographicValues(input.demographics ?? {}, input.demographicsBlock);
  const prompt = renderTemplate(b.prompt, values, '`backstories.prompt`');
  if (!b.preamble) return prompt;
  if (input.preambleAnswer === undefined) throw new RangeError('a preamble answer is needed to render the backstory prompt');
  return `${renderTemplate(b.preamble.prompt, {}, '`backstories.preamble.prompt`')}${input.preambleAnswer}\n\n${prompt}`;
}

/** One trait of a profile: a QA item, a portray line or a biography sentence, for the respondent's `value`. */
export function renderProfileTrait(style: 'bio' | 'qa' | 'portray', templates: { readonly item: string; readonly line: string }, variable: DemographicVariableSpec, value: string): string {
  if (style === 'bio') return renderTemplate(variable.sentence, { value }, `the sentence of variable "${variable.name}"`);
  if (style === 'portray') return renderTemplate(templates.line, { variable: variable.name, topic: variable.topic, question: variable.question, value }, '`profile.line`');
  const options = variable.options.filter((o) => o !== variable.refused);
  const index = options.indexOf(value);
  return renderTemplate(templates.item, {
    variable: variable.name,
    question: variable.question,
    options: optionLines(options),
    labels: labelList(options.length),
    answer: index >= 0 ? `(${String.fromCharCode(65 + index)})` : value,
    value,
  }, '`profile.item`');
}
