import { closeSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import { DataError, parseTableText, readTable } from '../../data/index';
import { RUN_FILES } from '../../runs/runRecord';
import type { SurveySpec } from '../../specModel/surveySpec';
import type { HumanSample } from './humanSample';
import type { RowsSample } from './methodSample';
import { readPersonaCategories } from './personaCategories';

/**
 * Reads a run's `answers.csv` (src/core/runs/answersFile.ts) through the product's one table reader: one column per
 * question id (empty = missing), and, when present, `respondent` mapped to the human data's rows (by `human.id`
 * or 1-based row number) for subgroup views. Without `respondent` (personas not paired with respondents: meta, ladder,
 * imported) the personas' own demographics in `personas.jsonl` give their subgroup categories instead.
 * @throws DataError when the file is unreadable, a question column is missing or a cell is not a number
 */
export async function readRunAnswers(runDir: string, survey: SurveySpec, human: HumanSample | undefined, signal?: AbortSignal): Promise<RowsSample> {
  const file = path.join(runDir, RUN_FILES.answers);
  const columns = survey.questions.map((q) => q.id);
  const header = headerOf(file);
  const hasRespondent = header.includes('respondent');
  const hasPersonaId = header.includes('persona_id');
  const text = hasRespondent ? ['respondent'] : hasPersonaId ? ['persona_id'] : [];
  const table = await readTable(file, { source: file, columns, text, ...(signal ? { signal } : {}) });
  const n = table.rows;
  const data = new Float64Array(n * columns.length);
  columns.forEach((c, j) => data.set(table.columns.get(c)!, j * n));
  let respondentRows: Int32Array | undefined;
  if (hasRespondent && human) {
    const index = new Map(human.ids.map((id, r) => [id, r]));
    const labels = table.text.get('respondent')!;
    respondentRows = Int32Array.from(labels, (l) => index.get(l) ?? -1);
  }
  if (n === 0) throw new DataError('emptyFile', `${file}: no answers`, file);
  const personaCategories = !hasRespondent && hasPersonaId && human && survey.human ? await readPersonaCategories(runDir, table.text.get('persona_id')!, survey.human.demographics, human, signal) : undefined;
  return { kind: 'rows', matrix: { nRows: n, nCols: columns.length, data }, ...(respondentRows ? { respondentRows } : {}), ...(personaCategories ? { personaCategories } : {}) };
}

/** The header names of a CSV file, from its first line (read through the same parser). */
function headerOf(file: string): readonly string[] {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return []; // readTable reports the unreadable file with its reason
  }
  try {
    const buf = Buffer.alloc(1 << 16);
    const got = readSync(fd, buf, 0, buf.length, 0);
    const text = buf.subarray(0, got).toString('utf8');
    const nl = text.indexOf('\n');
    return parseTableText(nl >= 0 ? text.slice(0, nl) : text, { source: file }).header;
  } catch {
    return [];
  } finally {
    closeSync(fd);
  }
}
