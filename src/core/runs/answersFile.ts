import { writeFileAtomic } from '../runStore/writeFileAtomic';

/**
 * `answers.csv` of a run folder: one row per persona, canonical codes, an empty cell for a missing answer
 * (refused or non-compliant after the re-asks). Columns, in order:
 *   `persona_id`  the persona (backstory id, or any unique label);
 *   `respondent`  (optional) the matched human respondent: the value of the survey's `human.id` column, or the
 *                 1-based data row when it has none; subgroup views use this respondent's demographics;
 *   one column per question id, in questionnaire order.
 * Read it back with `readRunAnswers` (src/core/pipelines/analysis), which uses the product's one table reader.
 */
export interface AnswersTable {
  readonly personaIds: readonly string[];
  /** Per persona, the matched respondent (see above), or undefined when nobody was matched. */
  readonly respondents?: readonly (string | undefined)[];
  readonly questionIds: readonly string[];
  /** Column-major codes: `codes[q * n + r]`, NaN = missing. */
  readonly codes: Float64Array;
}

const quote = (s: string): string => (/[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s);

/** The CSV text of an answers table (RFC 4180, LF line ends). */
export function formatAnswersCsv(t: AnswersTable): string {
  const n = t.personaIds.length;
  const header = ['persona_id', ...(t.respondents ? ['respondent'] : []), ...t.questionIds];
  const lines = [header.map(quote).join(',')];
  const k = t.questionIds.length;
  for (let r = 0; r < n; r++) {
    const cells = [quote(t.personaIds[r]!)];
    if (t.respondents) cells.push(quote(t.respondents[r] ?? ''));
    for (let q = 0; q < k; q++) {
      const v = t.codes[q * n + r]!;
      cells.push(Number.isNaN(v) ? '' : String(v));
    }
    lines.push(cells.join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** Writes `answers.csv` atomically. */
export async function writeAnswersCsv(file: string, t: AnswersTable): Promise<void> {
  await writeFileAtomic(file, formatAnswersCsv(t));
}
