/** Which columns of a persona set hold what (the spec's column mapping, or `import-personas` flags). */
export interface PersonaSetMapping {
  /**
   * Column (CSV, Parquet) or field (JSONL) holding the persona text. Default: the whole record as one line of JSON
   * (every field in file order; CSV values as text, numbers and booleans of JSONL and Parquet as they are).
   */
  readonly text?: string;
  /** Column holding a stable id; default: the row number. */
  readonly id?: string;
  /** Demographic variable name → column. */
  readonly demographics?: Readonly<Record<string, string>>;
}

/** One persona of a set, as mapped. */
export interface PersonaSetRow {
  /** 0-based position in the file (data rows for CSV, lines for JSONL, rows for Parquet). */
  readonly row: number;
  readonly id: string;
  readonly text: string;
  /** Demographic variable → value as text; variables whose column is empty for this row are left out. */
  readonly given: Readonly<Record<string, string>>;
}

/** The persona set formats, named as the persona spec's `import.format`. */
export type PersonaSetFormat = 'jsonl' | 'csv' | 'parquet';

/** Options of `readPersonaSet`. */
export interface ReadPersonaSetOptions {
  /** The file's format whatever its extension says. @default from the extension */
  readonly format?: PersonaSetFormat;
  /** Name used in messages. @default the path */
  readonly source?: string;
  readonly signal?: AbortSignal;
  /** Called about every 10,000 rows and at the end. */
  readonly onProgress?: (p: { readonly rows: number; readonly skipped: number }) => void;
  /** Called for each row left out because its text is empty or missing (at most once per row). */
  readonly onSkip?: (row: number, why: string) => void;
}
