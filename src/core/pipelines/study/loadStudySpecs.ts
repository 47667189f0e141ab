import { DataError, readTable, type Table } from '../../data';
import { loadPersonaSpec, loadSurveySpec, SpecLoadError } from '../../spec/loadSpecModel';
import type { PersonaSpec } from '../../specModel/personaSpec';
import type { SurveySpec } from '../../specModel/surveySpec';
import { PipelineError } from '../shared/pipelineError';

function asPipelineError(err: unknown): never {
  if (SpecLoadError.is(err)) throw new PipelineError(err.reason === 'unreadable' ? 'input' : 'config', err.message);
  throw err;
}

/** A persona spec, validated and typed (a spec with errors never runs). */
export function loadPersona(path: string): PersonaSpec {
  try {
    return loadPersonaSpec(path).spec;
  } catch (err) {
    return asPipelineError(err);
  }
}

/** A survey spec and the persona spec it names, validated and typed. */
export function loadSurveyWithPersona(path: string, personas?: string): { survey: SurveySpec; persona: PersonaSpec } {
  let survey: SurveySpec;
  try {
    survey = loadSurveySpec(path).spec;
  } catch (err) {
    return asPipelineError(err);
  }
  if (personas !== undefined) return { survey, persona: loadPersona(personas) };
  if (survey.personas === undefined) throw new PipelineError('config', `${path}: no \`personas:\` spec to simulate; add one`);
  return { survey, persona: loadPersona(survey.personas) };
}

/** The survey's human respondents: the id column and the demographic columns, as text (the product's one reader). */
export async function readHumans(survey: SurveySpec, signal?: AbortSignal): Promise<Table> {
  const h = survey.human;
  if (!h) throw new PipelineError('config', `${survey.path}: matching needs human data (human.data)`);
  const text = [...new Set([...(h.id === undefined ? [] : [h.id]), ...h.demographics.map((d) => d.column)])];
  try {
    return await readTable(h.data, { source: h.dataWritten, delimiter: h.delimiter, text, ...(signal ? { signal } : {}) });
  } catch (err) {
    if (DataError.is(err)) throw new PipelineError('input', err.message);
    throw err;
  }
}
