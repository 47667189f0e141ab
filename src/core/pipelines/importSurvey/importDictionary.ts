import type { SavDictionary } from '../../data/sav/savTypes';

/** One variable as the survey import sees it, whether it came from a `.sav` dictionary or a CSV codebook. */
export interface ImportVariable {
  readonly name: string;
  readonly label?: string;
  readonly type: 'numeric' | 'string';
  /** Value labels, missing codes included. */
  readonly valueLabels: readonly { readonly value: number | string; readonly label: string }[];
  /** Declared missing codes (user-missing values, codebook rows marked missing) and an optional numeric range. */
  readonly missing: { readonly values: readonly (number | string)[]; readonly range?: { readonly low: number; readonly high: number } };
  readonly measure?: 'nominal' | 'ordinal' | 'scale';
}

/** What a survey spec is written from. */
export interface ImportDictionary {
  /** Where the variables came from, for the header comment (e.g. "survey.sav (SPSS system file, 2,449 cases)"). */
  readonly description: string;
  readonly variables: readonly ImportVariable[];
  /** The weight variable the file itself names (SPSS `WEIGHT BY`), if any. */
  readonly declaredWeight?: string;
  /** True when the data file applies the declared missing values itself (a `.sav`), so `human.missing` is optional. */
  readonly missingAppliedByFile: boolean;
}

/** The import view of a `.sav` dictionary. */
export function savImportDictionary(dict: SavDictionary, fileName: string): ImportDictionary {
  const cases = dict.caseCount !== undefined ? `, ${dict.caseCount.toLocaleString('en-US')} cases` : '';
  return {
    description: `${fileName} (SPSS system file${cases}, ${dict.variables.length} variables${dict.fileLabel ? `, "${dict.fileLabel}"` : ''})`,
    variables: dict.variables.map((v) => ({
      name: v.name,
      ...(v.label !== undefined && v.label.trim() !== '' ? { label: v.label.trim() } : {}),
      type: v.type,
      valueLabels: v.valueLabels,
      missing: v.missing,
      ...(v.measure ? { measure: v.measure } : {}),
    })),
    ...(dict.weight !== undefined ? { declaredWeight: dict.weight } : {}),
    missingAppliedByFile: true,
  };
}

/** True when `value` is a declared missing code of `v`. */
export function isDeclaredMissing(v: ImportVariable, value: number | string): boolean {
  const r = v.missing.range;
  if (typeof value === 'number' && r && value >= r.low && value <= r.high) return true;
  return v.missing.values.includes(value);
}
