import { DataError, readTable, tableItemMatrix, type TableProgress } from '../../data/index';
import { demographicCategory } from '../../specModel/demographicCategory';
import type { SurveySpec } from '../../specModel/surveySpec';
import type { ItemMatrix } from '../../stats/types';

/** The human answers of a survey, as the analysis and the baselines read them. */
export interface HumanSample {
  /** Rows = respondents in file order, columns = the survey's questions in questionnaire order, NaN = missing. */
  readonly matrix: ItemMatrix;
  /** Survey weights when `human.weight` is declared. */
  readonly weights?: Float64Array;
  /** Respondent labels: the `human.id` column, or the 1-based data row. */
  readonly ids: readonly string[];
  /** Per `human.demographics` variable, each respondent's category (`null` = missing/refused). */
  readonly demographics: ReadonlyMap<string, readonly (string | null)[]>;
  /**
   * Question id → how many answers held a code that is not one of the question's declared codes. They are
   * treated as missing (as `semantic/human-codes` warns), so they never reach a metric. Only questions with any.
   */
  readonly undeclared?: Readonly<Record<string, number>>;
}

export interface ReadHumanOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: TableProgress) => void;
}

/**
 * Reads a survey's human data through the product's one table reader: the question columns (with
 * `human.missing`), the weight column, the id and demographic columns as text.
 * @throws DataError when the file cannot be read, a column is missing or a code is not a number, or a weight
 *   is missing or negative; RangeError when the spec has no `human` section
 */
export async function readHumanSample(survey: SurveySpec, options: ReadHumanOptions = {}): Promise<HumanSample> {
  const human = survey.human;
  if (!human) throw new RangeError(`${survey.name}: the survey spec has no \`human\` section (add human.data to compare with real answers)`);
  const columns = survey.questions.map((q) => q.column);
  const textColumns = [...new Set([...(human.id ? [human.id] : []), ...human.demographics.map((d) => d.column)])];
  const table = await readTable(human.data, {
    source: human.dataWritten,
    columns: human.weight ? [...new Set([...columns, human.weight])] : columns,
    text: textColumns,
    missing: human.missing,
    delimiter: human.delimiter,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const matrix = tableItemMatrix(table, columns);
  const undeclared = dropUndeclaredCodes(matrix, survey);
  let weights: Float64Array | undefined;
  if (human.weight) {
    weights = table.columns.get(human.weight)!;
    for (let r = 0; r < weights.length; r++) {
      if (!(weights[r]! >= 0)) {
        const line = table.lines[r]!;
        throw new DataError('notNumeric', `${human.dataWritten}: line ${line}, column "${human.weight}": a weight must be a non-negative number`, human.dataWritten, line, human.weight);
      }
    }
  }
  const ids = human.id ? [...table.text.get(human.id)!] : Array.from({ length: table.rows }, (_, r) => String(r + 1));
  const demographics = new Map<string, (string | null)[]>();
  for (const d of human.demographics) demographics.set(d.name, table.text.get(d.column)!.map((raw) => demographicCategory(d, raw)));
  return { matrix, ...(weights ? { weights } : {}), ids, demographics, undeclared };
}

/**
 * Sets answers whose code is not among their question's declared codes to missing (NaN), in place, and counts
 * them per question: a code the spec does not declare (an undeclared refusal code such as 99, a typo) has no
 * place on the question's ordinal support and would otherwise shift its distribution and every bound.
 */
function dropUndeclaredCodes(matrix: ItemMatrix, survey: SurveySpec): Record<string, number> {
  const counts: Record<string, number> = {};
  const n = matrix.nRows;
  survey.questions.forEach((q, j) => {
    const declared = new Set(q.codes);
    let dropped = 0;
    for (let r = j * n, end = r + n; r < end; r++) {
      const v = matrix.data[r]!;
      if (!Number.isNaN(v) && !declared.has(v)) {
        matrix.data[r] = NaN;
        dropped++;
      }
    }
    if (dropped > 0) counts[q.id] = dropped;
  });
  return counts;
}
