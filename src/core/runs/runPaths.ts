import path from 'node:path';

const SURVEY_SUFFIX = /\.survey\.ya?ml$/i;

/** `<spec dir>/runs/<spec base name>`: the folder holding a survey spec's runs (see runRecord.ts). */
export function runsDirOf(specPath: string): string {
  return path.join(path.dirname(specPath), 'runs', path.basename(specPath).replace(SURVEY_SUFFIX, ''));
}

/** Run ids are folder names written by Persona Studio: letters, digits, `.`, `_`, `-` (never a path). */
export function isRunId(id: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(id) && !id.includes('..');
}
