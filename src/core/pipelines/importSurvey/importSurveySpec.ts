import path from 'node:path';
import { readTable } from '../../data/readTable';
import { openSav } from '../../data/sav/openSav';
import { savImportDictionary, type ImportDictionary } from './importDictionary';
import { ImportError } from './ImportError';
import { readCodebook } from './readCodebook';
import { surveySpecDocument, type ImportedSurveySpec } from './surveySpecDocument';

/** What {@link importSurveySpec} reads and where the spec will go. */
export interface ImportSurveySpecOptions {
  /** The CSV data a codebook describes (required for a codebook; with a `.sav`, used as `human.data` instead). */
  readonly data?: string;
  /** Absolute path the spec will be written to (`human.data` is written relative to its folder). */
  readonly out: string;
  /** The spec's name. @default the file label, or the file name */
  readonly name?: string;
  /** Names used in messages for `file` and `data`. @default their base names */
  readonly source?: string;
  readonly dataSource?: string;
  readonly signal?: AbortSignal;
}

/** True for the SPSS file names `import` reads as a dictionary (`.sav`, `.zsav`); anything else is a codebook. */
export const isSavFile = (file: string): boolean => /\.z?sav$/i.test(file);

/**
 * The survey spec for an SPSS `.sav` file (its dictionary; every case is read once so a damaged file is reported
 * now) or a CSV codebook with its data, as text ready to write. Variables missing from `data` are left out and
 * listed. The CLI `import` command and the editor's "Import Survey Data" command share it.
 * @throws DataError / SavError for an unreadable or damaged file; ImportError when a codebook has no `data`, or
 *   nothing can be a question
 */
export async function importSurveySpec(file: string, options: ImportSurveySpecOptions): Promise<ImportedSurveySpec> {
  const source = options.source ?? path.basename(file);
  const signalOpt = options.signal ? { signal: options.signal } : {};
  let dict: ImportDictionary;
  let label = '';
  if (isSavFile(file)) {
    await readTable(file, { source, ...signalOpt });
    const f = openSav(file, { source });
    f.close();
    label = f.dictionary.fileLabel;
    dict = savImportDictionary(f.dictionary, path.basename(file));
  } else {
    if (options.data === undefined) throw new ImportError('noData', `${source}: a codebook describes CSV data; pass the data file too`);
    dict = await readCodebook(file, { source, ...signalOpt });
  }
  const dataAbs = options.data ?? file;
  const skipped: { name: string; why: string }[] = [];
  if (options.data !== undefined) {
    const dataSource = options.dataSource ?? path.basename(options.data);
    const header = new Set((await readTable(options.data, { source: dataSource, ...signalOpt })).header);
    for (const v of dict.variables) if (!header.has(v.name)) skipped.push({ name: v.name, why: `not a column of ${dataSource}` });
    dict = { ...dict, variables: dict.variables.filter((v) => header.has(v.name)) };
  }
  let dataPath = path.relative(path.dirname(options.out), dataAbs).split(path.sep).join('/');
  if (!dataPath.startsWith('.')) dataPath = `./${dataPath}`;
  const base = path.basename(file).replace(/\.[^.]+$/, '');
  return surveySpecDocument(dict, { dataPath, name: options.name ?? (label || base), skipped });
}
