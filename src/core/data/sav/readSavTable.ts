import type { DataTable } from '../dataTableTypes';
import { isSavMissing } from './isSavMissing';
import { openSav, type SavFile } from './openSav';
import type { SavDictionary } from './savTypes';

/** A `.sav` file read as a {@link DataTable}, with its dictionary. */
export interface SavTable {
  readonly table: DataTable;
  readonly dictionary: SavDictionary;
  readonly warnings: readonly string[];
}

/**
 * Reads every case of an open `.sav` file into a {@link DataTable}: one column per variable (its long name), numbers
 * as their shortest round-trip text (so `Number(field)` gives back the exact double), strings as read. System-missing
 * and declared user-missing values become the empty field, so they never reach a metric. `lines[r]` is the case number
 * (1-based). Closes the file.
 * @throws SavError as {@link SavFile.cases}
 */
export function savFileToTable(file: SavFile): SavTable {
  const vars = file.dictionary.variables;
  const columns = vars.map(() => [] as string[]);
  let n = 0;
  try {
    for (const row of file.cases()) {
      for (let i = 0; i < vars.length; i++) {
        const v = row[i]!;
        columns[i]!.push(isSavMissing(vars[i]!, v) ? '' : typeof v === 'number' ? String(v) : v);
      }
      n++;
    }
  } finally {
    file.close();
  }
  const lines = new Int32Array(n);
  for (let r = 0; r < n; r++) lines[r] = r + 1;
  const table: DataTable = { source: file.dictionary.source, header: vars.map((v) => v.name), nRows: n, columns, lines };
  return { table, dictionary: file.dictionary, warnings: file.warnings };
}

/** {@link savFileToTable} of the file at `path` (`source` names it in messages). */
export function readSavTable(path: string, source = path): SavTable {
  return savFileToTable(openSav(path, { source }));
}
