import type { PersonaSpec } from '../../specModel/personaSpec';
import { isDirectMethod } from '../personaMethods/methodPersona';
import type { LlmAccess } from '../shared/requestSender';
import { PipelineError } from '../shared/pipelineError';
import { loadPersona, loadSurveyWithPersona } from './loadStudySpecs';

/** The endpoint names a study's specs use, for the caller (CLI, editor) to resolve before anything is sent. */
export interface StudyEndpointNames {
  /** The run's endpoint: the survey's `simulation.endpoint`, else the persona spec's `endpoint` (default `default`). */
  readonly run: string;
  /** Where `run` is written (the spec file), for messages. */
  readonly runSpec: string;
  /** The locator's endpoint (`demographics.locator.endpoint`) when the locator is asked and it differs from `run`. */
  readonly locator?: string;
  /** The persona spec naming the locator's endpoint, for messages. */
  readonly locatorSpec?: string;
}

/** True when the demographic survey asks the locator (a locator model and a `locate: true` variable, not `--no-locator`). */
function locatorUsed(persona: PersonaSpec, noLocator: boolean | undefined): boolean {
  const d = persona.demographics;
  if (noLocator || !d?.locator?.model || isDirectMethod(persona.method) || persona.method === 'demographics-primed') return false;
  return d.variables.some((v) => v.locate);
}

/**
 * The endpoint names of `generate` (a persona spec) or `simulate` (a survey spec and the persona spec it names, or
 * `personas`), read from the validated specs. A spec with errors is a PipelineError, as when the study runs.
 */
export function studyEndpointNames(specPath: string, o: { readonly personas?: string; readonly noLocator?: boolean } = {}): StudyEndpointNames {
  const isPersona = /\.persona\.ya?ml$/i.test(specPath);
  const { survey, persona } = isPersona ? { survey: undefined, persona: loadPersona(specPath) } : loadSurveyWithPersona(specPath, o.personas);
  const fromSurvey = survey?.simulation.endpoint;
  const run = fromSurvey ?? persona.endpoint;
  const runSpec = fromSurvey !== undefined && survey ? survey.path : persona.path;
  const locator = locatorUsed(persona, o.noLocator) ? persona.demographics!.locator!.endpoint : undefined;
  return { run, runSpec, ...(locator !== undefined && locator !== run ? { locator, locatorSpec: persona.path } : {}) };
}

/** The direct methods whose personas are made without a model: census samples, an imported set, respondent templates. */
const OFFLINE_METHODS: ReadonlySet<string> = new Set(['meta', 'import', 'bio', 'qa', 'portray']);

/**
 * True when `generate` of this spec sends requests to a model (backstories, their demographic survey, a ladder rung's
 * persona writing); false for meta, import and bio/qa/portray, which need no endpoint and no API key. `simulate`
 * always sends (the survey is asked of a model).
 */
export function generateSendsRequests(specPath: string, o: { readonly personas?: string } = {}): boolean {
  const isPersona = /\.persona\.ya?ml$/i.test(specPath);
  const { persona } = isPersona ? { persona: loadPersona(specPath) } : loadSurveyWithPersona(specPath, o.personas);
  return !OFFLINE_METHODS.has(persona.method);
}

/**
 * The study options' endpoint for a `generate` that sends nothing ({@link generateSendsRequests} false): no server,
 * no key. Its client never opens a connection; were it ever asked, it fails with `howToGive` (how to give an endpoint).
 */
export function noEndpoint(howToGive: string): { readonly access: LlmAccess; readonly endpoint: { readonly baseUrl: string } } {
  const refuse = (): Promise<never> => Promise.reject(new PipelineError('config', `this step sends requests to a model, and no endpoint was given: ${howToGive}`));
  return { access: { client: { complete: refuse, listModels: refuse }, cacheScope: 'no-endpoint' }, endpoint: { baseUrl: 'no-endpoint' } };
}
