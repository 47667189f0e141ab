/**
 * The Anthology prompts (Moon et al. 2024, code `anthology/survey/atp_survey.py`; see the shared
 * seeds-methods §1.6–1.7), written once. The schemas' `default` values are these strings (a unit test keeps
 * them equal), and the typed spec model fills them in where a spec leaves a template out.
 */
export const ANTHOLOGY = {
  /** `simulation.consistency`: placed before every question in series mode. */
  consistency: 'Please answer the following question keeping in mind your previous answers.',
  /** `simulation.template`: one survey question to a persona. */
  surveyTemplate: '{{backstory}}\n\n{{history}}{{consistency}}Question: {{question}}\n{{options}}\nAnswer with {{labels}}.\nAnswer:',
  /** `demographics.template`: one demographic question to a backstory. */
  demographicTemplate: '{{backstory}}\n\nQuestion: {{question}}\n{{options}}\nAnswer with {{labels}}.\nAnswer:',
  /** `profile.item`: one trait of a QA profile, the respondent's answer filled in. */
  profileItem: 'Question: {{question}}\n{{options}}\nAnswer with {{labels}}.\nAnswer: {{answer}}',
  /** `profile.line`: one trait of a portray profile. */
  profileLine: '{{topic}}: {{value}}',
  /**
   * `profile.separator` by style, the one definition (the schema's description says the same; a unit test keeps
   * them equal): QA blocks separated by a blank line (Anthology's QA baseline), bio sentences forming one paragraph,
   * portray `topic: value` lines one per line.
   */
  profileSeparator: { qa: '\n\n', bio: ' ', portray: '\n' },
  /** `profile.preamble` by style (OpinionQA / Anthology baselines). */
  profilePreamble: {
    qa: 'Below you will be asked to complete some demographic questions, and then answer a question.',
    bio: 'Below you will be asked to provide a short description of your demographic information, and then answer some questions.\n\nDescription:',
    portray: 'Answer the following questions as if you are a person with the following demographic information provided below.',
  },
  /** Stop sequences of the survey and demographic-survey models when they are inherited (authors' configs). */
  surveyStop: ['\n', 'Question:'],
  demographicStop: ['\n', 'Question'],
  /** `max_tokens` of inherited survey and demographic-survey models. */
  answerMaxTokens: 128,
} as const;

/** `demographics.variables.<name>.sentence` when not given: "My <variable> is {{value}}." */
export function defaultSentence(variable: string): string {
  return `My ${variable} is {{value}}.`;
}
