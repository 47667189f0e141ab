import { existsSync } from 'node:fs';
import path from 'node:path';
import { readJsonLines } from '../backstories/readJsonLines';
import { readHumanSample } from '../pipelines/analysis/humanSample';
import { isDirectMethod } from '../pipelines/personaMethods/methodPersona';
import { METHOD_PERSONAS_FILE } from '../pipelines/study/runStudy';
import { readRunRecord } from '../runs/runFolders';
import { loadPersonaSpec, loadSurveySpec } from '../spec/loadSpecModel';
import type { PersonaAnswersData, PersonaRecord } from './personaAnswers';
import { ResultsError } from './resultsError';

/** The file of a simulation run holding every persona's presentation and answers (written by `simulateStudy`). */
export const PERSONAS_FILE = 'personas.jsonl';

const isRecord = (v: unknown): v is PersonaRecord =>
  typeof v === 'object' && v !== null && typeof (v as PersonaRecord).personaId === 'string' && typeof (v as PersonaRecord).backstoryId === 'string' &&
  typeof (v as PersonaRecord).answers === 'object' && (v as PersonaRecord).answers !== null;

/**
 * Everything the results panel's Personas view reads for one simulation run folder: its `personas.jsonl`
 * (each persona's answers and matched respondent), the survey's human answers for the matched respondents
 * (when readable; otherwise a note why not), and where the persona text lives: the persona spec's backstories
 * file, or the run's `method-personas.jsonl` for methods that write no backstories (src/core/pipelines/personaMethods).
 * @throws ResultsError `no-personas` when the run has no personas.jsonl
 */
export async function loadPersonaAnswers(method: string, runDir: string, signal?: AbortSignal): Promise<PersonaAnswersData> {
  const file = path.join(runDir, PERSONAS_FILE);
  if (!existsSync(file)) throw new ResultsError('no-personas', `${method}: the run folder has no ${PERSONAS_FILE} (it is written when a simulation finishes)`);
  const personas: PersonaRecord[] = [];
  let bad = 0;
  await readJsonLines(file, (l) => {
    if (l.ok && isRecord(l.value)) personas.push(l.value);
    else bad++;
  }, signal);
  const record = readRunRecord(runDir);
  let human: PersonaAnswersData['human'];
  let humanNote: string | null = bad > 0 ? `${bad} unreadable line(s) in ${PERSONAS_FILE} left out.` : null;
  const note = (s: string): void => { humanNote = humanNote ? `${humanNote} ${s}` : s; };
  if (personas.some((p) => p.humanId !== undefined)) {
    try {
      if (!record) throw new Error('the run folder has no run.json');
      const { spec: survey } = loadSurveySpec(path.resolve(runDir, record.surveySpec.path));
      const sample = await readHumanSample(survey, signal ? { signal } : {});
      const n = sample.matrix.nRows;
      const column = new Map(survey.questions.map((q, j) => [q.id, j]));
      human = {
        index: new Map(sample.ids.map((id, r) => [id, r])),
        codeOf: (row, question) => {
          const j = column.get(question);
          return j === undefined ? NaN : sample.matrix.data[j * n + row]!;
        },
      };
    } catch (err) {
      note(`The matched respondents' answers could not be read: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  let source: PersonaAnswersData['source'] = 'none';
  let backstoriesFile: string | undefined;
  let texts: Map<string, string | null> | undefined;
  if (record?.personaSpec && !isDirectMethod(record.method)) {
    try {
      const persona = loadPersonaSpec(path.resolve(runDir, record.personaSpec.path)).spec;
      if (!isDirectMethod(persona.method) && persona.backstories && existsSync(persona.backstories.output)) {
        source = 'backstory';
        backstoriesFile = persona.backstories.output;
      }
    } catch {
      // the persona spec moved or no longer parses: the answers still show, without the backstory action
    }
  }
  const methodFile = path.join(runDir, METHOD_PERSONAS_FILE);
  if (source === 'none' && existsSync(methodFile)) {
    texts = new Map();
    const t = texts;
    await readJsonLines(methodFile, (l) => {
      if (!l.ok || typeof l.value !== 'object' || l.value === null) return;
      const v = l.value as { id?: unknown; text?: unknown };
      if (typeof v.id === 'string') t.set(v.id, typeof v.text === 'string' ? v.text : null);
    }, signal);
    source = 'text';
  }
  return { method, personas, ...(human ? { human } : {}), humanNote, source, ...(texts ? { texts } : {}), ...(backstoriesFile ? { backstoriesFile } : {}) };
}
