import { ANTHOLOGY } from './anthologyPrompts';
import { withModelOverrides, type ModelSettings } from './modelSettings';
import type { PersonaSpec } from './personaSpec';
import type { SurveySpec } from './surveySpec';

/**
 * The model that answers the survey: `simulation.model` when written, else the persona spec's model with
 * `max_tokens` 128 and stop "\n", "Question:" (the schema's documented default); undefined when neither
 * spec names one. The endpoint follows the same rule (`resolveSurveyEndpoint`).
 */
export function resolveSurveyModel(survey: SurveySpec, persona: PersonaSpec | undefined): ModelSettings | undefined {
  if (survey.simulation.model) return survey.simulation.model;
  if (!persona?.model) return undefined;
  return withModelOverrides(persona.model, { max_tokens: ANTHOLOGY.answerMaxTokens, stop: ANTHOLOGY.surveyStop });
}

/** The named endpoint that answers the survey: `simulation.endpoint`, else the persona spec's, else `default`. */
export function resolveSurveyEndpoint(survey: SurveySpec, persona: PersonaSpec | undefined): string {
  return survey.simulation.endpoint ?? persona?.endpoint ?? 'default';
}
