/** Which columns of a persona set hold what (the spec's column mapping, or `import-personas` flags). */
export interface PersonaSetMapping {
  /** Column (CSV, Parquet) or field (JSONL) holding the persona text. */
  readonly text: string;
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

/** Options of `readPersonaSet`. */
export interface ReadPersonaSetOptions {
  /** Name used in messages. @default the path */
  readonly source?: string;
  readonly signal?: AbortSignal;
  /** Called about every 10,000 rows and at the end. */
  readonly onProgress?: (p: { readonly rows: number; readonly skipped: number }) => void;
  /** Called for each row left out because its text is empty or missing (at most once per row). */
  readonly onSkip?: (row: number, why: string) => void;
}
